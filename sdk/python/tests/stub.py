"""A small in-process stand-in for the GANBoard REST API (me, projects, runs, metrics with (run, seq)
idempotency, finish) that a test can stop and restart on the same port, make lose answers or refuse batches."""

import json
import re
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from ganboard import columns

KEY = "stub-key"


class Stub:
    def __init__(self, port=0):
        self.projects, self.runs, self.status = {}, {}, {}
        self.seqs, self.points = {}, {}
        self.metric_requests = 0
        self.column_batches = 0
        self.json_only = False  # behave like a server from before the binary body: 415 for it
        self.duplicates = 0
        self.refuse_seq = lambda seq: False
        self.lose_answer = lambda seq: False
        self.hold = lambda seq: None  # called with each batch's seq before it is stored; may block
        self.on_answered = lambda seq: None  # called once a batch's 202 is written
        self.answered = []  # seqs in the order their 202s were written
        self.metrics_in_progress = 0
        self.max_metrics_in_progress = 0
        self.run_creation_keys = []  # Idempotency-Key of every run-creation request (None when absent)
        self.run_by_idempotency_key = {}
        self.lose_run_answers = 0  # create the run, then drop the connection without an answer, this many times
        self._ids = 1
        self._lock = threading.Lock()
        self._server = None
        self._connections = set()
        self.port = port
        self.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # else the 202's body waits ~40 ms for the client's delayed ACK

            def log_message(self, *args):
                pass

            def setup(self):
                super().setup()
                stub._connections.add(self.connection)

            def finish(self):
                stub._connections.discard(self.connection)
                super().finish()

            def do_GET(self):
                stub._handle(self, "GET")

            def do_POST(self):
                stub._handle(self, "POST")

        ThreadingHTTPServer.allow_reuse_address = True
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        """Down for real: the listening socket and every open keep-alive connection are closed."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        for conn in list(self._connections):
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def _next_id(self):
        with self._lock:
            i = self._ids
            self._ids += 1
            return i

    def _handle(self, h, method):
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length else b""
        if h.headers.get("Authorization") != "Bearer " + KEY:
            return self._reply(h, 401, {"status": 401, "error": "invalid or missing API key"})
        path = h.path.split("?")[0]
        if path == "/api/v1/me":
            return self._reply(h, 200, {"user_id": 1, "username": "admin", "team_id": 1, "team": "t", "admin": True})
        if path == "/api/v1/projects" and method == "POST":
            name = json.loads(body)["name"]
            if name in self.projects:
                return self._reply(h, 409, {"status": 409, "error": "exists"})
            self.projects[name] = self._next_id()
            return self._reply(h, 201, {"id": self.projects[name], "name": name})
        m = re.fullmatch(r"/api/v1/projects/(.+)", path)
        if m:
            ref = m.group(1)
            pid = self.projects.get(ref) or (int(ref) if ref.isdigit() and int(ref) in self.projects.values()
                                             else None)
            if pid is None:
                return self._reply(h, 404, {"status": 404, "error": f"project '{ref}' not found"})
            return self._reply(h, 200, {"id": pid, "name": ref})
        if path == "/api/v1/runs" and method == "POST":
            key = h.headers.get("Idempotency-Key")
            self.run_creation_keys.append(key)
            rid = self.run_by_idempotency_key.get(key) if key else None
            created = rid is None
            if created:
                rid = self._next_id()
                self.runs[rid] = json.loads(body)
                self.status[rid] = "running"
                if key:
                    self.run_by_idempotency_key[key] = rid
            if self.lose_run_answers > 0:
                self.lose_run_answers -= 1
                h.close_connection = True
                h.connection.close()  # created, but the client never hears so
                return
            return self._reply(h, 201 if created else 200, {"id": rid, "status": "running"})
        m = re.fullmatch(r"/api/v1/runs/(\d+)/metrics", path)
        if m:
            return self._metrics(h, int(m.group(1)), body)
        m = re.fullmatch(r"/api/v1/runs/(\d+)/finish", path)
        if m:
            self.status[int(m.group(1))] = json.loads(body)["status"]
            return self._reply(h, 200, {"id": int(m.group(1)), "status": self.status[int(m.group(1))]})
        return self._reply(h, 404, {"status": 404, "error": "HTTP 404 Not Found"})

    def _metrics(self, h, run_id, body):
        with self._lock:
            self.metric_requests += 1
            self.metrics_in_progress += 1
            self.max_metrics_in_progress = max(self.max_metrics_in_progress, self.metrics_in_progress)
        try:
            self._metrics_request(h, run_id, body)
        finally:
            with self._lock:
                self.metrics_in_progress -= 1

    def _metrics_request(self, h, run_id, body):
        if run_id not in self.runs:
            return self._reply(h, 404, {"status": 404, "error": f"run {run_id} not found"})
        if h.headers.get("Content-Type") == columns.CONTENT_TYPE:
            if self.json_only:
                return self._reply(h, 415, {"status": 415, "error": "unsupported media type"})
            with self._lock:
                self.column_batches += 1
            seq, pts = columns.decode(body)
            batch = {"seq": seq, "points": [{"key": k, "step": s, "value": v, "time": t} for k, s, v, t in pts]}
        else:
            batch = json.loads(body)
        seq = batch["seq"]
        self.hold(seq)
        if self.refuse_seq(seq):
            return self._reply(h, 400, {"status": 400, "error": "refused by the test", "field": "points[0].value"})
        with self._lock:
            seen = self.seqs.setdefault(run_id, set())
            if seq in seen:
                self.duplicates += 1
            else:
                seen.add(seq)
                self.points.setdefault(run_id, []).extend(batch["points"])
        if self.lose_answer(seq):
            h.close_connection = True
            h.connection.close()  # stored, but the client never hears so
            return
        self._reply(h, 202, {"run_id": run_id, "seq": seq, "accepted": len(batch["points"])})
        with self._lock:
            self.answered.append(seq)
        self.on_answered(seq)

    @staticmethod
    def _reply(h, status, obj):
        data = json.dumps(obj).encode()
        h.send_response(status)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        h.wfile.write(data)
