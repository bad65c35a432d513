"""init() and Run: log() validates and queues (no I/O, no network); a writer thread appends to the on-disk WAL and
a sender thread delivers, up to two batches at once, retrying with exponential backoff and jitter while the server
is down."""

import atexit
import collections
import json
import logging
import os
import random
import re
import secrets
import sys
import threading
import uuid
import time
import weakref
from typing import Any, Dict, Mapping, Optional

from . import checkpoints as _checkpoints
from .config import Config
from .errors import AuthenticationError, GanBoardError
from .points import Encoder, Validator
from .rundir import RunDir
from .sending import SendPool
from .transport import Api, Refused
from .wal import Wal

log = logging.getLogger("ganboard")

VERSION = "0.1.0"
_VARIANT = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.+:-]{0,99}\Z")
_PROJECT = re.compile(r"([0-9]+|(?=.*[A-Za-z_.-])[A-Za-z0-9][A-Za-z0-9_.-]{0,99})\Z")
_STATUSES = ("finished", "failed", "crashed")
_CACHE_BYTES = 64 << 20
# A second batch travels while the server stores the first, so one run is not held to one round trip per batch
# (as in the Java SDK). The WAL takes acknowledgements in any order.
MAX_IN_FLIGHT = 2


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


class Run:
    """One training run. Use it as a context manager, or call finish()."""

    def __init__(self, config: Config, info: Dict[str, Any], rundir: RunDir, wal: Wal, api: Optional[Api],
                 creator: Optional[RunCreator]):
        self.config = config
        self.local_id = info["local_id"]
        self.dir = rundir.path
        self._info = info
        self._rundir = rundir
        self._wal = wal
        self._api = api
        self._creator = creator
        self._label = "run " + self.local_id
        self._validator = Validator(self._label)
        self._checkpoints = _checkpoints.Checkpoints(rundir.checkpoints)
        self._queue = collections.deque()
        # points queued = _logged - _drained; each counter has one writing thread, so no update is lost
        self._logged = 0
        self._drained = 0
        self._last_step = -1
        self._finished = False
        self._warned_closed = False
        self._finish_lock = threading.Lock()
        # writer state
        self._wake_writer = threading.Event()
        self._closing = False
        self._flush_requests = []
        self._flush_lock = threading.Lock()
        self._next_seq = wal.last_seq + 1
        self._batches_written = 0
        self._points_lost = 0
        self._batch_points = config.max_points_per_batch
        # sender state
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
        self._delivered = 0
        self._rejected_batches = 0
        self._checkpoints_dirty = False
        self._checkpoint_route_missing = False
        self._down = False
        self._backoff = Backoff(0.1, config.max_backoff)

        self._writer = threading.Thread(target=self._writer_loop, name="ganboard-wal-" + self.local_id, daemon=True)
        self._writer.start()
        self._sender = None
        if api is not None:
            self._sender = threading.Thread(target=self._sender_loop, name="ganboard-sender-" + self.local_id,
                                            daemon=True)
            self._sender.start()
        _live_runs.add(self)

    # -- public API ------------------------------------------------------------------------------------------

    @property
    def id(self) -> Optional[int]:
        """The server's run id; None in offline mode or while the server has been unreachable since init."""
        return self._creator.run_id if self._creator is not None else None

    def log(self, data: Mapping[str, Any], step: Optional[int] = None) -> None:
        """Logs scalars at a step (default: the previous call's step + 1, starting at 0). Never blocks on the
        network and never raises for its data: NaN, ±Inf, None, strings, multi-element tensors, invalid keys and
        negative steps are dropped with a warning (once per key and reason) and counted in stats()."""
        if self._finished:
            self._warn_closed()
            return
        if step is None:
            step = self._last_step + 1
        elif type(step) is not int:
            try:
                step = step.__index__()
            except (AttributeError, TypeError):
                self._validator.reject("*", f"step {step!r} is not an integer", len(data))
                return
        self._last_step = step
        if step < 0:
            self._validator.reject("*", f"negative step {step}", len(data))
            return
        valid = self._validator.valid_keys
        points = []
        for k, v in data.items():
            if k not in valid and not self._validator.key(k):
                continue
            if type(v) is float:
                if v - v != 0.0:  # NaN or ±Inf, without a function call
                    self._validator.reject(k, f"non-finite value {v}")
                    continue
            else:
                v = self._validator.value(k, v)
                if v is None:
                    continue
            points.append((k, v))
        if not points:
            return
        self._queue.append((step, int(time.time() * 1000), points))
        self._logged += len(points)
        queued = self._logged - self._drained
        if queued >= self._batch_points:
            self._wake_writer.set()
            if queued > self.config.max_queued_points:
                self._wait_for_room()

    def log_checkpoint(self, step: int, obj: Any, classes: Optional[int] = None, latent_dim: Optional[int] = None,
                       labels: Any = None, **metadata) -> Dict[str, Any]:
        """Spools a checkpoint: a path (.pt TorchScript generator, .npy/.npz samples), a TorchScript module, or a
        tensor / ndarray of generated samples (optionally with labels). Returns the pending entry."""
        if self._finished:
            raise GanBoardError(f"{self._label} is finished")
        meta = dict(metadata)
        if classes is not None:
            meta["classes"] = classes
        if latent_dim is not None:
            meta["latent_dim"] = latent_dim
        entry = self._checkpoints.spool(int(step), obj, meta, labels)
        if self._sender is not None:
            with self._signal:
                self._checkpoints_dirty = True
                self._wake_sender()
        return entry

    def flush(self, timeout: float = 60.0) -> bool:
        """Blocks until everything logged so far is in the WAL (not necessarily delivered)."""
        done = threading.Event()
        with self._flush_lock:
            self._flush_requests.append(done)
        self._wake_writer.set()
        return done.wait(timeout) if self._writer.is_alive() else not self._queue

    def stats(self) -> Dict[str, int]:
        return {
            "logged_points": self._logged,
            "rejected_points": self._validator.rejected + self._points_lost,
            "batches_written": self._batches_written,
            "batches_delivered": self._delivered,
            "rejected_batches": self._rejected_batches,
            "pending_batches": self._wal.pending_batches,
            "pending_points": self._wal.pending_points,
            "pending_checkpoints": len(self._checkpoints.pending()),
        }

    def finish(self, status: str = "finished", timeout: Optional[float] = None) -> Dict[str, int]:
        """Writes what is queued to the WAL, waits up to finish_timeout for delivery, then sets the run's status.
        What could not be delivered in time stays in run.dir; sync delivers it and then sets the status."""
        if status not in _STATUSES:
            raise ValueError(f"status {status!r}: one of {_STATUSES}")
        with self._finish_lock:
            if self._finished:
                return self.stats()
            self._finished = True
        return self._end(status, self.config.finish_timeout if timeout is None else timeout)

    def __enter__(self) -> "Run":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self.finish("finished" if exc_type is None else "failed")

    def __repr__(self) -> str:
        return f"Run(local_id={self.local_id!r}, id={self.id}, dir={self.dir!r})"

    # -- writer ----------------------------------------------------------------------------------------------

    def _writer_loop(self) -> None:
        interval = self.config.flush_interval
        fsync = self.config.fsync == "batch"
        while True:
            self._wake_writer.wait(interval)
            self._wake_writer.clear()
            with self._flush_lock:
                requests, self._flush_requests = self._flush_requests, []
            entries = []
            popleft = self._queue.popleft
            try:
                while True:
                    entries.append(popleft())
            except IndexError:
                pass
            if entries:
                self._drained += sum(len(e[2]) for e in entries)
                self._write(entries, fsync)
            for r in requests:
                r.set()
            if self._closing and not self._queue:
                return

    def _write(self, entries, fsync: bool) -> None:
        # Encode in slices and yield the GIL between them, so the training thread is never held up for long.
        encoder = Encoder(self._take_seq, self._batch_points)
        for i in range(0, len(entries) + 200, 200):
            batches = encoder.add(entries[i:i + 200]) if i < len(entries) else encoder.close()
            for seq, n, body in batches:
                try:
                    self._wal.append(seq, n, body)
                    self._batches_written += 1
                    if self._sender is not None:
                        self._cache_put(seq, body)
                except (OSError, ValueError) as e:
                    self._points_lost += n
                    log.warning("%s: cannot write %d points to the WAL in %s: %s (they are lost)",
                                self._label, n, self.dir, e)
            time.sleep(0)
        if fsync:
            try:
                self._wal.sync()
            except OSError as e:
                log.warning("%s: fsync of the WAL failed: %s", self._label, e)
        if self._sender is not None:
            with self._signal:
                self._wake_sender()

    def _cache_put(self, seq: int, body: bytes) -> None:
        """A copy of a written batch, so the sender need not read it back from the file (bounded)."""
        with self._cache_lock:
            if self._cache_bytes + len(body) <= _CACHE_BYTES:
                self._cache[seq] = body
                self._cache_bytes += len(body)

    def _take_seq(self) -> int:
        seq = self._next_seq
        self._next_seq += 1
        return seq

    def _wait_for_room(self) -> None:
        while self._logged - self._drained > self.config.max_queued_points and self._writer.is_alive():
            time.sleep(0.001)

    # -- sender ----------------------------------------------------------------------------------------------

    def _wake_sender(self) -> None:
        """Called with self._signal held."""
        self._woken = True
        self._signal.notify_all()

    def _answer_arrived(self) -> None:
        with self._signal:
            self._wake_sender()

    def _sender_loop(self) -> None:
        pool = SendPool(self._api, MAX_IN_FLIGHT, "ganboard-send-" + self.local_id, self._answer_arrived)
        try:
            while not self._stopped and not self._abort:
                if self._creator.run_id is None and not self._create():
                    continue
                run_id = self._creator.run_id
                self._handle_answers(pool)
                if self._stopped or self._abort:
                    break
                if self._retry_reason is not None:
                    self._await_in_flight(pool)
                    why, self._retry_reason = self._retry_reason, None
                    self._retry_later(why)
                    continue
                if len(self._in_flight) < MAX_IN_FLIGHT:
                    seq = self._wal.first_pending_except(self._in_flight)
                    if seq is not None:
                        self._dispatch(pool, run_id, seq)
                        continue
                if not self._in_flight and self._wal.first_pending() is None:
                    if self._checkpoints_dirty and not self._checkpoint_route_missing:
                        self._checkpoints_dirty = False
                        left, missing = _checkpoints.upload_pending(self._api, run_id, self._checkpoints, self._label)
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
            log.warning("%s: sender stopped by %r; undelivered batches stay in %s for sync", self._label, e, self.dir)
        finally:
            pool.close()
            self._api.close()

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
            body = self._wal.read(seq)
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
            self._wal.ack(seq)
            self._delivered += 1
            self._backoff.reset()
            if self._down:
                self._down = False
                log.info("%s: server reachable again; %d batches still to deliver", self._label,
                         self._wal.pending_batches)
        elif isinstance(error, OSError):
            self._cache_put(seq, body)
            self._retry_reason = f"cannot reach {self._api.url}: {error!r}"
        elif isinstance(error, Refused):
            if error.is_permanent:
                self._wal.ack(seq)
                self._rejected_batches += 1
                log.warning("%s: batch %d refused for good and dropped: HTTP %d: %s", self._label, seq,
                            error.status, error)
            elif error.is_auth or error.status == 404:
                self._stopped = True
                log.warning("%s: stopped sending (HTTP %d: %s); %d batches stay in %s for sync", self._label,
                            error.status, error, self._wal.pending_batches, self.dir)
            else:
                self._cache_put(seq, body)
                self._retry_reason = f"HTTP {error.status}: {error}"
        else:
            raise error

    def _create(self) -> bool:
        try:
            self._creator.ensure()
            self._backoff.reset()
            log.info("%s: created on the server as run %d", self._label, self._creator.run_id)
            return True
        except OSError as e:
            self._retry_later(repr(e))
        except Refused as e:
            self._stopped = True
            log.warning("%s: the server refused to create the run (HTTP %d: %s); everything stays in %s for sync",
                        self._label, e.status, e, self.dir)
        return False

    def _retry_later(self, why: str) -> None:
        if not self._down:
            self._down = True
            log.warning("%s: cannot deliver now (%s); the run goes on, batches wait in the WAL and are retried",
                        self._label, why)
        deadline = time.monotonic() + self._backoff.next_delay()
        with self._signal:
            while not self._abort:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._signal.wait(left)

    # -- ending ----------------------------------------------------------------------------------------------

    def _end(self, status: Optional[str], timeout: float) -> Dict[str, int]:
        deadline = time.monotonic() + timeout
        _live_runs.discard(self)
        self._closing = True
        self._wake_writer.set()
        self._writer.join(60)
        if self._sender is not None:
            with self._signal:
                self._drain_and_stop = True
                self._wake_sender()
            self._sender.join(max(0.001, deadline - time.monotonic()))
            if self._sender.is_alive():
                with self._signal:
                    self._abort = True
                    self._wake_sender()
                self._sender.join(2)
        stats = self.stats()
        try:
            delivered = self._sender is not None and stats["pending_batches"] == 0 and self.id is not None
            if status is not None:
                if delivered:
                    self._deliver_finish(status, deadline)
                else:
                    self._rundir.record_finish(status, False)
            if stats["rejected_points"]:
                log.warning("%s: %d points were rejected at log() (see earlier warnings)", self._label,
                            stats["rejected_points"])
            if self._sender is None:
                log.info("offline %s saved in %s; deliver it with: python -m ganboard sync %s", self._label,
                         self.dir, self.dir)
            elif not delivered:
                log.warning("%s: %d batches (%d points) not delivered yet; they are safe in %s - deliver them with: "
                            "python -m ganboard sync %s", self._label, stats["pending_batches"],
                            stats["pending_points"], self.dir, self.dir)
        finally:
            self._wal.close()
            self._rundir.close()
            if self._api is not None:
                self._api.close()
        return stats

    def _deliver_finish(self, status: str, deadline: float) -> None:
        backoff = Backoff(0.1, 2.0)
        while True:
            try:
                self._api.finish(self.id, status)
                self._rundir.record_finish(status, True)
                return
            except (OSError, Refused) as e:
                retryable = isinstance(e, OSError) or e.status >= 500
                if not retryable or time.monotonic() > deadline:
                    self._rundir.record_finish(status, False)
                    log.warning("%s: could not set status %s (%s); sync will", self._label, status, e)
                    return
                time.sleep(backoff.next_delay())

    def _warn_closed(self) -> None:
        if not self._warned_closed:
            self._warned_closed = True
            log.warning("%s is finished; log() calls after finish() are ignored", self._label)


_live_runs: "weakref.WeakSet[Run]" = weakref.WeakSet()


@atexit.register
def _finish_at_exit() -> None:
    """Runs left open when the interpreter exits are finished: "failed" after an uncaught exception, else
    "finished", waiting at most 30 s for delivery (the rest stays for sync)."""
    status = "failed" if getattr(sys, "last_value", None) is not None else "finished"
    for run in list(_live_runs):
        try:
            if not run._finished:
                run._finished = True
                run._end(status, min(30.0, run.config.finish_timeout))
        except Exception as e:  # noqa: BLE001
            log.warning("finishing %s at exit failed: %r", run, e)


def init(project: Optional[str] = None, variant: Optional[str] = None, seed: Optional[int] = None,
         config: Optional[Mapping[str, Any]] = None, code_version: Optional[str] = None, *,
         dataset: Optional[str] = None, settings: Optional[Config] = None, **overrides) -> Run:
    """Starts a run. ``project`` is a name (created if missing, with ``dataset``, e.g. "ring8") or an id;
    ``variant`` the GAN variant; ``config`` JSON-serialisable hyper-parameters. Settings come from the environment (GANBOARD_URL, GANBOARD_API_KEY,
    GANBOARD_PROJECT, GANBOARD_MODE, GANBOARD_DIR, ...), overridden by keywords (url=, api_key=, mode=, dir=, ...).

    Online, a rejected API key raises AuthenticationError at once; if the server cannot be reached within
    init_timeout the run starts anyway and is created when the server comes back. Offline touches only the disk."""
    cfg = settings if settings is not None else Config.from_env(**overrides)
    if settings is not None and overrides:
        raise TypeError("pass either settings= or keyword settings, not both")
    project = project if project is not None else cfg.project
    if project is None or not _PROJECT.match(str(project)):
        raise ValueError("no project: pass project= or set GANBOARD_PROJECT" if project is None else
                         f"project {project!r}: an id, or a name of 1-100 letters, digits, '_', '.', '-'")
    variant = "default" if variant is None else variant
    if not _VARIANT.match(variant):
        raise ValueError(f"variant {variant!r}: 1-100 characters of letters, digits, space, '_.+:-'")
    if seed is not None:
        seed = int(seed)
    local_id = time.strftime("%Y%m%d-%H%M%S") + "-" + secrets.token_hex(3)
    info = {"format": 1, "local_id": local_id, "idempotency_key": str(uuid.uuid4()),
            "project": str(project), "dataset": dataset, "variant": variant,
            "seed": seed,
            "config": dict(config or {}), "code_version": code_version, "url": cfg.url, "mode": cfg.mode,
            "created_at": int(time.time() * 1000), "sdk": "python " + VERSION}
    try:
        json.dumps(info)
    except (TypeError, ValueError) as e:
        raise ValueError(f"config is not JSON-serialisable: {e}") from None

    online = cfg.mode == "online"
    api = Api(cfg.url, cfg.api_key) if online else None
    rundir = None
    path = os.path.join(cfg.dir, local_id)
    try:
        reachable = online and _check_credentials(api, cfg.init_timeout)
        rundir = RunDir.create(path, info)
        creator = RunCreator(api, rundir, info) if online else None
        if reachable:
            _create_now(creator, api, cfg.init_timeout)
        wal = Wal.open(path, cfg.fsync == "batch")
        return Run(cfg, info, rundir, wal, api, creator)
    except BaseException:
        if api is not None:
            api.close()
        if rundir is not None:
            rundir.close()
            _remove_tree(path)  # nothing was logged yet
        raise


def _check_credentials(api: Api, timeout: float) -> bool:
    """True when the server answered; raises on a rejected key; False (with a warning) when unreachable."""
    deadline = time.monotonic() + timeout
    backoff = Backoff(0.2, 2.0)
    while True:
        try:
            api.me()
            return True
        except OSError as e:
            delay = backoff.next_delay()
            if time.monotonic() + delay > deadline:
                log.warning("GANBoard at %s is unreachable (%r); the run starts anyway, logs to its WAL and is "
                            "created on the server when it comes back", api.url, e)
                return False
            time.sleep(delay)


def _create_now(creator: RunCreator, api: Api, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    backoff = Backoff(0.2, 2.0)
    while True:
        try:
            creator.ensure()
            return
        except OSError as e:
            if time.monotonic() > deadline:
                log.warning("cannot create the run at %s now (%r); it will be created in the background", api.url, e)
                return
            time.sleep(backoff.next_delay())
        except Refused as e:
            raise api.auth_or(e, "creating the run") from None


def _remove_tree(path: str) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)
