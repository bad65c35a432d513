"""init() and Run, the SDK's API: log() validates and queues (no I/O, no network); the run's WalWriter thread
(writer.py) appends to the on-disk WAL and its Sender thread (sender.py) delivers, up to two batches at once,
retrying with exponential backoff and jitter while the server is down."""

import atexit
import json
import logging
import os
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
from .points import Validator
from .rundir import RunDir
from .sender import Backoff, RunCreator, Sender
from .transport import Api, Refused
from .wal import Wal
from .writer import WalWriter

log = logging.getLogger("ganboard")

VERSION = "0.1.0"
_VARIANT = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.+:-]{0,99}\Z")
_PROJECT = re.compile(r"([0-9]+|(?=.*[A-Za-z_.-])[A-Za-z0-9][A-Za-z0-9_.-]{0,99})\Z")
_STATUSES = ("finished", "failed", "crashed")


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
        # points queued = _logged - writer.drained; each counter has one writing thread, so no update is lost
        self._logged = 0
        self._last_step = -1
        self._finished = False
        self._warned_closed = False
        self._finish_lock = threading.Lock()
        self._batch_points = config.max_points_per_batch
        self._writer = WalWriter(self._label, self.dir, wal, config.max_points_per_batch, config.flush_interval,
                                 config.fsync == "batch", "ganboard-wal-" + self.local_id)
        self._queue = self._writer.queue
        self._sender = None
        if api is not None:
            self._sender = Sender(self.local_id, self._label, self.dir, wal, api, creator, self._checkpoints,
                                  config.max_backoff)
            self._writer.attach(self._sender)
        self._writer.start()
        if self._sender is not None:
            self._sender.start()
        _live_runs.add(self)

    # -- public API ------------------------------------------------------------------------------------------

    @property
    def id(self) -> Optional[int]:
        """The server's run id; None in offline mode or while the server has been unreachable since init."""
        return self._creator.run_id if self._creator is not None else None

    def log(self, data: Mapping[str, Any], step: Optional[int] = None) -> None:
        """Logs scalars at a step (default: the previous call's step + 1, starting at 0). Never blocks on the
        network and never raises for its data: None, strings, multi-element tensors, invalid keys and negative steps
        are dropped with a warning (once per key and reason) and counted in stats(). NaN and ±Inf are logged as they
        are (the server records where the run diverged), with one warning per run."""
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
                if v - v != 0.0:  # NaN or ±Inf, without a function call: logged, warned about once
                    self._validator.non_finite(k, v, step)
            else:
                v = self._validator.value(k, v, step)
                if v is None:
                    continue
            points.append((k, v))
        if not points:
            return
        self._queue.append((step, int(time.time() * 1000), points))
        self._logged += len(points)
        queued = self._logged - self._writer.drained
        if queued >= self._batch_points:
            self._writer.wake()
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
            self._sender.checkpoint_spooled()
        return entry

    def flush(self, timeout: float = 60.0) -> bool:
        """Blocks until everything logged so far is in the WAL (not necessarily delivered)."""
        return self._writer.flush(timeout)

    def stats(self) -> Dict[str, int]:
        return {
            "logged_points": self._logged,
            "rejected_points": self._validator.rejected + self._writer.points_lost,
            "batches_written": self._writer.batches_written,
            "batches_delivered": self._sender.delivered if self._sender is not None else 0,
            "rejected_batches": self._sender.rejected_batches if self._sender is not None else 0,
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

    def _wait_for_room(self) -> None:
        while self._logged - self._writer.drained > self.config.max_queued_points and self._writer.is_alive():
            time.sleep(0.001)

    # -- ending ----------------------------------------------------------------------------------------------

    def _end(self, status: Optional[str], timeout: float) -> Dict[str, int]:
        deadline = time.monotonic() + timeout
        _live_runs.discard(self)
        self._writer.close()
        if self._sender is not None:
            self._sender.stop(deadline)
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
