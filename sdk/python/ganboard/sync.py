"""Delivers run directories left behind by offline runs, killed processes, or a server that stayed down past
finish(): creates the run if needed, sends every pending WAL batch with its original seq (the server stores each
(run, seq) once, so batches that did arrive before a crash are not duplicated), uploads checkpoints, and sets the
end status ("crashed" when the process died without finish()). Works on the Java SDK's run directories too."""

import logging
import os
import time
from typing import Any, Dict, List, Optional

from . import checkpoints as _checkpoints
from .config import Config
from .rundir import RunDir, is_run_dir
from .sender import Backoff, RunCreator
from .transport import Api, Refused
from .wal import Wal

log = logging.getLogger("ganboard")

MAX_ATTEMPTS = 8


def sync(path: str, url: Optional[str] = None, api_key: Optional[str] = None) -> List[Dict[str, Any]]:
    """``path`` is one run's directory or a parent of run directories. The server is ``url``, else GANBOARD_URL,
    else the one recorded when the run started. Returns one report per run; "outcome" is "synced", "in-use"
    (a live process holds it), "incomplete" or "failed"."""
    if is_run_dir(path):
        dirs = [path]
    elif os.path.isdir(path):
        dirs = [os.path.join(path, n) for n in sorted(os.listdir(path)) if is_run_dir(os.path.join(path, n))]
    else:
        raise FileNotFoundError(f"{path} is neither a run directory nor a directory of runs")
    env_url = os.environ.get("GANBOARD_URL", "").strip() or None
    return [_sync_one(d, url or env_url, api_key) for d in dirs]


def _report(local_id, run_id=None, sent=0, points=0, rejected=0, left=-1, checkpoints_left=-1,
            outcome="failed", message=None) -> Dict[str, Any]:
    return {"local_id": local_id, "run_id": run_id, "batches_sent": sent, "points_sent": points,
            "batches_rejected": rejected, "batches_left": left, "checkpoints_left": checkpoints_left,
            "outcome": outcome, "message": message}


def _sync_one(path: str, url: Optional[str], api_key: Optional[str]) -> Dict[str, Any]:
    local_id = os.path.basename(os.path.normpath(path))
    rundir = RunDir.lock(path)
    if rundir is None:
        return _report(local_id, outcome="in-use", message="a live process holds this run")
    sent = points = rejected = 0
    run_id = None
    wal = api = None
    try:
        wal = Wal.open(path, fsync=False)
        info = rundir.run_info()
        # settings resolved for the URL actually used, so the local admin-key fallback never goes to another host
        config = Config.from_env(url=url or info.get("url"), api_key=api_key)
        api = Api(config.url, config.api_key)
        cps = _checkpoints.Checkpoints(rundir.checkpoints)
        if (wal.pending_batches == 0 and not cps.pending() and rundir.pending_finish() is None
                and rundir.server_run_id() is not None and rundir.finish_delivered()):
            return _report(local_id, rundir.server_run_id(), left=0, checkpoints_left=0, outcome="synced",
                           message="already delivered")
        api.me()
        run_id = RunCreator(api, rundir, info).ensure()
        backoff = Backoff(0.2, 5.0)
        for seq in wal.pending_seqs():
            body, n = wal.read(seq), wal.points(seq)
            for attempt in range(MAX_ATTEMPTS):
                try:
                    api.post_metrics(run_id, body)
                    wal.ack(seq)
                    sent += 1
                    points += n
                    break
                except Refused as e:
                    if e.is_permanent:
                        wal.ack(seq)
                        rejected += 1
                        log.warning("sync %s: batch %d refused for good and dropped: %s", local_id, seq, e)
                        break
                    if e.is_auth or e.status == 404 or attempt == MAX_ATTEMPTS - 1:
                        return _report(local_id, run_id, sent, points, rejected, wal.pending_batches,
                                       len(cps.pending()), "incomplete", f"HTTP {e.status}: {e}")
                except OSError as e:
                    if attempt == MAX_ATTEMPTS - 1:
                        return _report(local_id, run_id, sent, points, rejected, wal.pending_batches,
                                       len(cps.pending()), "incomplete", f"cannot reach {api.url}: {e!r}")
                time.sleep(backoff.next_delay())
            backoff.reset()
        checkpoints_left, _ = _checkpoints.upload_pending(api, run_id, cps, "sync " + local_id)
        status = rundir.pending_finish()
        if status is None and not rundir.finish_delivered():
            status = "crashed"  # nobody holds the lock and finish() never ran: the process died
        if status is not None:
            api.finish(run_id, status)
            rundir.record_finish(status, True)
        return _report(local_id, run_id, sent, points, rejected, 0, checkpoints_left,
                       "synced" if checkpoints_left == 0 else "incomplete",
                       None if checkpoints_left == 0 else
                       f"{checkpoints_left} checkpoints pending (the server has no checkpoint route yet?)")
    except Refused as e:
        return _report(local_id, run_id, sent, points, rejected, message=f"HTTP {e.status}: {e}")
    except Exception as e:  # noqa: BLE001 - one bad directory must not stop the others
        return _report(local_id, run_id, sent, points, rejected, message=str(e) or repr(e))
    finally:
        if wal is not None:
            wal.close()
        if api is not None:
            api.close()
        rundir.close()
