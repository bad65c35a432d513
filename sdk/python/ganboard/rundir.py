"""The local directory of one run (same layout as the Java SDK's).

run.json     init parameters, so an offline run can be created at sync time
server.json  {"run_id", "url"} once the server created the run
finish.json  {"status", "delivered"}: the requested end status and whether the server has it
wal-*.log, acked   the write-ahead log (see wal.py)
checkpoints/ spooled checkpoint files and their entries
lock         a POSIX record lock (fcntl.lockf, compatible with Java's FileChannel.lock) held by the process
             working on the run, so sync leaves a live run alone
"""

import fcntl
import json
import os
from typing import Any, Dict, Optional

RUN, SERVER, FINISH, LOCK, CHECKPOINTS = "run.json", "server.json", "finish.json", "lock", "checkpoints"


def write_json(path: str, value: Any) -> None:
    """Via a temporary file, fsync and an atomic rename: a reader sees the old or the new content, never half."""
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(value, f, indent=2)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def read_json(path: str) -> Dict[str, Any]:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def is_run_dir(path: str) -> bool:
    return os.path.isfile(os.path.join(path, RUN))


class RunDir:
    def __init__(self, path: str, lock_fd: int):
        self.path = path
        self._lock_fd = lock_fd

    @classmethod
    def create(cls, path: str, info: Dict[str, Any]) -> "RunDir":
        os.makedirs(os.path.join(path, CHECKPOINTS), exist_ok=True)
        d = cls.lock(path)
        if d is None:
            raise OSError(f"{path} is in use by another process")
        write_json(os.path.join(path, RUN), info)
        return d

    @classmethod
    def lock(cls, path: str) -> Optional["RunDir"]:
        """The run directory locked for this process, or None while another process holds it."""
        fd = os.open(os.path.join(path, LOCK), os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return None
        return cls(path, fd)

    @property
    def checkpoints(self) -> str:
        return os.path.join(self.path, CHECKPOINTS)

    def run_info(self) -> Dict[str, Any]:
        return read_json(os.path.join(self.path, RUN))

    def server_run_id(self) -> Optional[int]:
        try:
            run_id = read_json(os.path.join(self.path, SERVER)).get("run_id")
        except FileNotFoundError:
            return None
        return int(run_id) if run_id is not None else None

    def record_server_run(self, run_id: int, url: str) -> None:
        write_json(os.path.join(self.path, SERVER), {"run_id": run_id, "url": url})

    def record_finish(self, status: str, delivered: bool) -> None:
        write_json(os.path.join(self.path, FINISH), {"status": status, "delivered": delivered})

    def _finish(self) -> Optional[Dict[str, Any]]:
        try:
            return read_json(os.path.join(self.path, FINISH))
        except FileNotFoundError:
            return None

    def pending_finish(self) -> Optional[str]:
        """The end status still to be sent to the server, if any."""
        f = self._finish()
        return None if f is None or f.get("delivered") else f.get("status")

    def finish_delivered(self) -> bool:
        f = self._finish()
        return bool(f and f.get("delivered"))

    def close(self) -> None:
        if self._lock_fd is not None:
            try:
                fcntl.lockf(self._lock_fd, fcntl.LOCK_UN)
            finally:
                os.close(self._lock_fd)
                self._lock_fd = None
