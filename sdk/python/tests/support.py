"""Throw-away GANBoard servers for the end-to-end tests: the real application jar, started as a subprocess with
its own temporary GANBOARD_HOME, a free port and an embedded Kafka broker on a free port.

If GANBOARD_TEST_URL and GANBOARD_TEST_API_KEY are set (scripts/test-all.sh does), the shared server is that one.
Otherwise the jar at app/target/quarkus-app/quarkus-run.jar is started on first use and stopped at exit. Without
a jar the end-to-end tests are skipped with a message saying how to build it.
"""

import atexit
import ctypes
import glob
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SDK = os.path.dirname(HERE)
ROOT = os.path.dirname(os.path.dirname(SDK))
JAR = os.path.join(ROOT, "app", "target", "quarkus-app", "quarkus-run.jar")
sys.path.insert(0, SDK)


def find_java():
    candidates = []
    if os.environ.get("JAVA_HOME"):
        candidates.append(os.path.join(os.environ["JAVA_HOME"], "bin", "java"))
    candidates += sorted(glob.glob("/usr/lib/jvm/temurin-2*-jdk*/bin/java"), reverse=True)
    for c in candidates:
        if os.access(c, os.X_OK) and _java_major(c) >= 21:
            return c
    return shutil.which("java")


def _java_major(java):
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30).stderr
        version = out.split('"')[1]
        return int(version.split(".")[0])
    except (OSError, IndexError, ValueError, subprocess.TimeoutExpired):
        return 0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent():
    """The server gets SIGTERM if the test process dies, so no server outlives a killed test run. (Linux sends it
    when the forking *thread* ends, so servers are started from the main thread only.)"""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


class Server:
    """One application process; stop() and start() again keep its home (database, broker log) and port."""

    def __init__(self, home=None, port=None):
        self.home = home or tempfile.mkdtemp(prefix="ganboard-sdk-test-")
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = None
        self.key = None

    def start(self, timeout=240):
        java = find_java()
        if java is None:
            raise unittest.SkipTest("no java >= 21 to run the server")
        env = dict(os.environ, GANBOARD_HOME=self.home, GANBOARD_PORT=str(self.port), GANBOARD_KAFKA_PORT="0",
                   GANBOARD_ADMIN_PASSWORD="sdk-test-password")
        self._log = open(os.path.join(self.home, "server.log"), "ab")
        main = threading.current_thread() is threading.main_thread()
        self.proc = subprocess.Popen([java, "--enable-native-access=ALL-UNNAMED", "-Xmx1g", "-jar", JAR], env=env,
                                     stdout=self._log, stderr=subprocess.STDOUT,
                                     preexec_fn=_die_with_parent if main else None)
        deadline = time.monotonic() + timeout
        key_file = os.path.join(self.home, "admin-api-key")
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited with {self.proc.returncode}; see {self._log.name}")
            if os.path.exists(key_file):
                with open(key_file) as f:
                    self.key = f.read().strip()
                if self.key and self._ready():
                    return self
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"the server did not start within {timeout} s; see {self._log.name}")

    def _ready(self):
        try:
            self.get("/api/v1/me")
            return True
        except (OSError, urllib.error.HTTPError):
            return False

    def stop(self, sig=signal.SIGTERM, timeout=60):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None
        if getattr(self, "_log", None):
            self._log.close()

    def remove(self):
        self.stop()
        shutil.rmtree(self.home, ignore_errors=True)

    # -- REST helpers for assertions ---------------------------------------------------------------------------

    def get(self, path):
        req = urllib.request.Request(self.url + path, headers={"Authorization": "Bearer " + self.key})
        with urllib.request.urlopen(req, timeout=30) as r:
            return json.loads(r.read())

    def series(self, run_id, key):
        return self.get(f"/api/v1/runs/{run_id}/metrics?key={urllib.request.quote(key, safe='')}")

    def wait_for_count(self, run_id, key, expected, timeout=60):
        """Storing happens a few ms after the 202 (via Kafka); wait for the count to reach expected, then a
        little longer to see that it does not go beyond."""
        deadline = time.monotonic() + timeout
        count = -1
        while time.monotonic() < deadline:
            count = self.series(run_id, key)["count"]
            if count >= expected:
                time.sleep(0.5)
                return self.series(run_id, key)["count"]
            time.sleep(0.2)
        return count


class External:
    """A server someone else started (scripts/test-all.sh)."""

    def __init__(self, url, key):
        self.url, self.key = url.rstrip("/"), key

    get = Server.get
    series = Server.series
    wait_for_count = Server.wait_for_count


_shared = None


def shared_server():
    """The server most end-to-end tests share; raises SkipTest with a clear message when there is none."""
    global _shared
    if _shared is None:
        url, key = os.environ.get("GANBOARD_TEST_URL"), os.environ.get("GANBOARD_TEST_API_KEY")
        if url and key:
            _shared = External(url, key)
        elif os.path.exists(JAR):
            server = Server()
            atexit.register(server.remove)
            _shared = server.start()
        else:
            raise unittest.SkipTest(f"no GANBoard server: build the app first (./mvnw -B -DskipTests install -pl "
                                    f"protocol,backend,frontend,app) so that {JAR} exists, or set "
                                    "GANBOARD_TEST_URL and GANBOARD_TEST_API_KEY")
    return _shared


def has_jar():
    return os.path.exists(JAR)
