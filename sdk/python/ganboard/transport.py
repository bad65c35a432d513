"""The REST calls the SDK makes, over http.client with one keep-alive connection per thread (a run's sender
posts over two: see sending.py).

Connection failures raise OSError (ConnectionError, timeouts); non-2xx answers raise Refused.
"""

import hashlib
import http.client
import json
import logging
import os
import threading
from typing import Any, Dict, Optional
from urllib.parse import quote, urlparse

from . import columns
from .errors import AuthenticationError, GanBoardError

TIMEOUT = 30.0
log = logging.getLogger("ganboard")


class Refused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status

    @property
    def is_auth(self) -> bool:
        return self.status in (401, 403)

    @property
    def is_permanent(self) -> bool:
        """Refused for its content: retrying cannot help."""
        return self.status in (400, 413, 422)


class Api:
    def __init__(self, url: str, api_key: Optional[str]):
        self.url = url.rstrip("/")
        self.api_key = api_key
        parsed = urlparse(self.url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise ValueError(f"GANBOARD_URL {url!r}: expected http(s)://host[:port]")
        self._https = parsed.scheme == "https"
        self._host = parsed.hostname
        self._port = parsed.port
        self._prefix = parsed.path.rstrip("/")
        self._local = threading.local()
        self._json_only = False

    # -- plumbing --------------------------------------------------------------------------------------------

    def _connection(self, timeout: float) -> http.client.HTTPConnection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            cls = http.client.HTTPSConnection if self._https else http.client.HTTPConnection
            conn = cls(self._host, self._port, timeout=timeout)
            self._local.conn = conn
        conn.timeout = timeout
        if conn.sock is not None:
            conn.sock.settimeout(timeout)
        return conn

    def close(self) -> None:
        """Closes the calling thread's connection."""
        self._drop_connection()

    def _drop_connection(self) -> None:
        conn = getattr(self._local, "conn", None)
        self._local.conn = None
        if conn is not None:
            conn.close()

    def request(self, method: str, path: str, body: Any = None, content_type: str = "application/json",
                headers: Optional[Dict[str, str]] = None, timeout: float = TIMEOUT) -> bytes:
        h = {"Connection": "keep-alive"}
        if self.api_key:
            h["Authorization"] = "Bearer " + self.api_key
        if body is not None:
            h["Content-Type"] = content_type
        if headers:
            h.update(headers)
        conn = self._connection(timeout)
        try:
            conn.request(method, self._prefix + path, body=body, headers=h)
            response = conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as e:
            self._drop_connection()
            if isinstance(e, OSError):
                raise
            raise ConnectionError(f"{type(e).__name__}: {e}") from e
        if response.will_close:
            self._drop_connection()
        if not 200 <= response.status < 300:
            raise Refused(response.status, _error_text(data))
        return data

    def _json(self, method: str, path: str, body: Any = None) -> Any:
        raw = None if body is None else json.dumps(body).encode("utf-8")
        data = self.request(method, path, raw)
        return json.loads(data) if data else None

    # -- calls -----------------------------------------------------------------------------------------------

    def me(self) -> Dict[str, Any]:
        """Who the key belongs to; AuthenticationError on 401/403, so a wrong key fails before training starts."""
        if not self.api_key:
            raise AuthenticationError(
                f"no API key: set GANBOARD_API_KEY (or pass api_key=...) to a key of {self.url}, "
                "or use GANBOARD_MODE=offline and sync later")
        try:
            return self._json("GET", "/api/v1/me")
        except Refused as e:
            raise self.auth_or(e, "GET /api/v1/me") from None

    def auth_or(self, e: Refused, what: str) -> GanBoardError:
        if e.is_auth:
            return AuthenticationError(
                f"GANBoard at {self.url} rejected the API key (HTTP {e.status}: {e}). Check GANBOARD_API_KEY; "
                "an admin can issue keys with POST /api/v1/api-keys.")
        return GanBoardError(f"{what} at {self.url} failed with HTTP {e.status}: {e}")

    def ensure_project(self, ref: str, dataset: Optional[str] = None) -> int:
        """The project's id; a name that does not exist yet is created (as W&B does), ids must exist."""
        path = "/api/v1/projects/" + quote(ref, safe="")
        try:
            return int(self._json("GET", path)["id"])
        except Refused as e:
            if e.status != 404 or ref.isdigit():
                raise
        try:
            return int(self._json("POST", "/api/v1/projects",
                                  {"name": ref, "dataset": dataset,
                                   "description": "created by the GANBoard SDK"})["id"])
        except Refused as e:
            if e.status != 409:
                raise
            return int(self._json("GET", path)["id"])  # created concurrently by another run

    def create_run(self, project_id: int, info: Dict[str, Any]) -> int:
        body = {"project": str(project_id), "variant": info.get("variant"), "seed": info.get("seed"),
                "config": info.get("config"), "code_version": info.get("code_version")}
        key = info.get("idempotency_key")
        # a retry after a lost answer (this process, or a later sync) names the same run instead of making a second
        headers = {"Idempotency-Key": key} if key else None
        data = self.request("POST", "/api/v1/runs", json.dumps(body).encode("utf-8"), headers=headers)
        return int(json.loads(data)["id"])

    def finish(self, run_id: int, status: str) -> None:
        self._json("POST", f"/api/v1/runs/{run_id}/finish", {"status": status})

    def post_metrics(self, run_id: int, body: bytes) -> None:
        """A batch as the WAL holds it: the binary column format, or JSON (written by SDKs before it). A server
        older than the binary format answers 415: from then on batches go to it as JSON."""
        path = f"/api/v1/runs/{run_id}/metrics"
        if columns.is_columns(body):
            if not self._json_only:
                try:
                    self.request("POST", path, body, content_type=columns.CONTENT_TYPE)
                    return
                except Refused as e:
                    if e.status != 415:
                        raise
                    if not self._json_only:  # another thread's batch may have learnt it first
                        self._json_only = True
                        log.info("%s does not take binary metric batches (HTTP 415); sending JSON", self.url)
            body = columns.to_json(body)
        self.request("POST", path, body)

    def upload_checkpoint(self, run_id: int, entry: Dict[str, Any], path: str) -> int:
        """Chunked, resumable upload: create (or resume: the server recognises the same content), PUT the chunks
        it is missing with their SHA-256, finish. Returns the server's checkpoint id."""
        base = f"/api/v1/runs/{run_id}/checkpoints"
        view = self._json("POST", base, {"step": entry["step"], "kind": entry["kind"], "size": entry["size"],
                                         "sha256": entry["sha256"], "metadata": entry.get("metadata") or {}})
        cid = int(view["id"])
        if view.get("status") != "uploading":
            return cid  # finished earlier (a resumed sync)
        chunk_size = int(view["chunk_size"])
        missing = view.get("missing_chunks")
        if missing is None:
            missing = range(int(view["chunk_count"]))
        with open(path, "rb") as f:
            for index in missing:
                f.seek(index * chunk_size)
                chunk = f.read(chunk_size)
                self.request("PUT", f"{base}/{cid}/chunks/{index}", chunk, "application/octet-stream",
                             {"X-Chunk-SHA256": hashlib.sha256(chunk).hexdigest()})
        self._json("POST", f"{base}/{cid}/finish", {"sha256": entry["sha256"]})
        return cid


def _error_text(data: bytes) -> str:
    try:
        error = json.loads(data).get("error")
        if error:
            return str(error)
    except (ValueError, AttributeError):
        pass
    text = data.decode("utf-8", "replace").strip()
    return text[:300] + ("…" if len(text) > 300 else "")
