"""The sender thread of a run (the Java SDK's Sender, Backoff and RunCreator): creates the run on the server once,
then delivers the WAL's batches in sequence order, up to two at once, retrying with exponential backoff and jitter
while the server is down, and uploads spooled checkpoints once the metrics ahead of them are delivered. A batch
leaves the WAL's pending set only on a 2xx (or a permanent refusal, counted)."""

import logging
import random
import threading
import time
from typing import Any, Dict, Optional

from . import checkpoints as _checkpoints
from .rundir import RunDir
from .sending import SendPool
from .transport import Api, Refused
from .wal import Wal

log = logging.getLogger("ganboard")

# A second batch travels while the server stores the first, so one run is not held to one round trip per batch
# (as in the Java SDK). The WAL takes acknowledgements in any order.
MAX_IN_FLIGHT = 2
_CACHE_BYTES = 64 << 20


class Backoff:
    """Exponential backoff with "equal jitter": half the delay fixed, half random."""

    def __init__(self, base: float = 0.1, cap: float = 5.0):
        self.base, self.cap, self.attempt = base, max(base, cap), 0

    def next_delay(self) -> float:
        ceiling = min(self.cap, self.base * (2 ** min(self.attempt, 20)))
        self.attempt += 1
        return ceiling / 2 + random.uniform(0, ceiling / 2)

    def reset(self) -> None:
        self.attempt = 0


class RunCreator:
    """Creates the run on the server from run.json, once; the id goes to server.json before anything is sent.
    Every attempt sends the run's idempotency key from run.json, so a creation whose answer was lost (connection
    dropped after the server committed) and is retried gets the same run back, not a second one."""

    def __init__(self, api: Api, rundir: RunDir, info: Dict[str, Any]):
        self.api, self.rundir, self.info = api, rundir, info
        self.run_id = rundir.server_run_id()
        self._lock = threading.Lock()

    def ensure(self) -> int:
        with self._lock:
            if self.run_id is None:
                project_id = self.api.ensure_project(str(self.info["project"]), self.info.get("dataset"))
                run_id = self.api.create_run(project_id, self.info)
                self.rundir.record_server_run(run_id, self.api.url)
                self.run_id = run_id
            return self.run_id


class Sender:
    def __init__(self, local_id: str, label: str, directory: str, wal: Wal, api: Api, creator: RunCreator,
                 checkpoints: "_checkpoints.Checkpoints", max_backoff: float):
        self.local_id, self.label, self.dir, self.wal, self.api = local_id, label, directory, wal, api
        self.creator, self.checkpoints = creator, checkpoints
        self.delivered = 0
        self.rejected_batches = 0
        self._cache: Dict[int, bytes] = {}
        self._cache_bytes = 0
        self._cache_lock = threading.Lock()
        self._signal = threading.Condition()
        self._woken = False  # a wake-up (new batch, answer, checkpoint, finish) the sender has not seen yet
        self._in_flight = set()  # seqs posted and not yet handled; only the sender thread touches it
        self._retry_reason: Optional[str] = None
        self._drain_and_stop = False
        self._abort = False
        self._stopped = False
        self._checkpoints_dirty = False
        self._checkpoint_route_missing = False
        self._down = False
        self._backoff = Backoff(0.1, max_backoff)
        self._thread = threading.Thread(target=self._loop, name="ganboard-sender-" + local_id, daemon=True)

    def start(self) -> None:
        self._thread.start()

    # -- what the run and the writer call -----------------------------------------------------------------------

    def cache_put(self, seq: int, body: bytes) -> None:
        """A copy of a written batch, so the sender need not read it back from the file (bounded)."""
        with self._cache_lock:
            if self._cache_bytes + len(body) <= _CACHE_BYTES:
                self._cache[seq] = body
                self._cache_bytes += len(body)

    def wake(self) -> None:
        with self._signal:
            self._wake_locked()

    def checkpoint_spooled(self) -> None:
        with self._signal:
            self._checkpoints_dirty = True
            self._wake_locked()

    def stop(self, deadline: float) -> None:
        """Delivers what is pending until ``deadline`` (time.monotonic()), then gives up; what is left stays in the
        WAL for sync."""
        with self._signal:
            self._drain_and_stop = True
            self._wake_locked()
        self._thread.join(max(0.001, deadline - time.monotonic()))
        if self._thread.is_alive():
            with self._signal:
                self._abort = True
                self._wake_locked()
            self._thread.join(2)

    # -- the sender thread ----------------------------------------------------------------------------------------

    def _wake_locked(self) -> None:
        """Called with self._signal held."""
        self._woken = True
        self._signal.notify_all()

    def _loop(self) -> None:
        pool = SendPool(self.api, MAX_IN_FLIGHT, "ganboard-send-" + self.local_id, self.wake)
        try:
            while not self._stopped and not self._abort:
                if self.creator.run_id is None and not self._create():
                    continue
                run_id = self.creator.run_id
                self._handle_answers(pool)
                if self._stopped or self._abort:
                    break
                if self._retry_reason is not None:
                    self._await_in_flight(pool)
                    why, self._retry_reason = self._retry_reason, None
                    self._retry_later(why)
                    continue
                if len(self._in_flight) < MAX_IN_FLIGHT:
                    seq = self.wal.first_pending_except(self._in_flight)
                    if seq is not None:
                        self._dispatch(pool, run_id, seq)
                        continue
                if not self._in_flight and self.wal.first_pending() is None:
                    if self._checkpoints_dirty and not self._checkpoint_route_missing:
                        self._checkpoints_dirty = False
                        left, missing = _checkpoints.upload_pending(self.api, run_id, self.checkpoints, self.label)
                        if missing:
                            self._checkpoint_route_missing = True  # sync uploads them once the server can
                        elif left:
                            self._retry_later("checkpoint upload failed")
                            self._checkpoints_dirty = True
                        continue
                    if self._drain_and_stop:
                        return
                self._await_wake_up(1.0)
        except Exception as e:  # noqa: BLE001 - the sender must report, never kill the training process
            self._stopped = True
            log.warning("%s: sender stopped by %r; undelivered batches stay in %s for sync", self.label, e, self.dir)
        finally:
            pool.close()
            self.api.close()

    def _await_wake_up(self, timeout: float) -> None:
        with self._signal:
            if not self._woken:
                self._signal.wait(timeout)
            self._woken = False

    def _dispatch(self, pool: SendPool, run_id: int, seq: int) -> None:
        with self._cache_lock:
            body = self._cache.pop(seq, None)
            if body is not None:
                self._cache_bytes -= len(body)
        if body is None:
            body = self.wal.read(seq)
            if body is None:
                return
        self._in_flight.add(seq)
        pool.submit(run_id, seq, body)

    def _handle_answers(self, pool: SendPool) -> None:
        while pool.outcomes:
            seq, body, error = pool.outcomes.popleft()
            self._handle(seq, body, error)
            self._in_flight.discard(seq)  # only now: until it is acked the WAL still lists it as pending

    def _await_in_flight(self, pool: SendPool) -> None:
        while self._in_flight and not self._abort and not self._stopped:
            self._await_wake_up(0.1)
            self._handle_answers(pool)

    def _handle(self, seq: int, body: bytes, error: Optional[BaseException]) -> None:
        if error is None:
            self.wal.ack(seq)
            self.delivered += 1
            self._backoff.reset()
            if self._down:
                self._down = False
                log.info("%s: server reachable again; %d batches still to deliver", self.label,
                         self.wal.pending_batches)
        elif isinstance(error, OSError):
            self.cache_put(seq, body)
            self._retry_reason = f"cannot reach {self.api.url}: {error!r}"
        elif isinstance(error, Refused):
            if error.is_permanent:
                self.wal.ack(seq)
                self.rejected_batches += 1
                log.warning("%s: batch %d refused for good and dropped: HTTP %d: %s", self.label, seq,
                            error.status, error)
            elif error.is_auth or error.status == 404:
                self._stopped = True
                log.warning("%s: stopped sending (HTTP %d: %s); %d batches stay in %s for sync", self.label,
                            error.status, error, self.wal.pending_batches, self.dir)
            else:
                self.cache_put(seq, body)
                self._retry_reason = f"HTTP {error.status}: {error}"
        else:
            raise error

    def _create(self) -> bool:
        try:
            self.creator.ensure()
            self._backoff.reset()
            log.info("%s: created on the server as run %d", self.label, self.creator.run_id)
            return True
        except OSError as e:
            self._retry_later(repr(e))
        except Refused as e:
            self._stopped = True
            log.warning("%s: the server refused to create the run (HTTP %d: %s); everything stays in %s for sync",
                        self.label, e.status, e, self.dir)
        return False

    def _retry_later(self, why: str) -> None:
        if not self._down:
            self._down = True
            log.warning("%s: cannot deliver now (%s); the run goes on, batches wait in the WAL and are retried",
                        self.label, why)
        deadline = time.monotonic() + self._backoff.next_delay()
        with self._signal:
            while not self._abort:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._signal.wait(left)
