"""Checkpoints spooled into the run directory, then uploaded in chunks by the sender (or by sync).

Each checkpoint is a file ``ckpt-NNNNNN-step<step>.<ext>`` (a copy, so the trainer may overwrite its own) and an
entry ``ckpt-NNNNNN.json`` {index, step, kind, file, size, sha256, metadata, status: pending|uploaded|rejected,
checkpoint_id, reason}. A server without the checkpoint route keeps them pending (with a warning) and
``python -m ganboard sync`` uploads them later. torch and numpy are imported only when the caller passes their
objects.
"""

import hashlib
import logging
import os
import shutil
import sys
import threading
from typing import Any, Dict, List, Optional

from .rundir import read_json, write_json

log = logging.getLogger("ganboard")


def _kind_of(ext: str) -> str:
    return "samples" if ext in (".npy", ".npz") else "torchscript"


def _sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class Checkpoints:
    def __init__(self, directory: str):
        self.dir = directory
        os.makedirs(directory, exist_ok=True)
        self._lock = threading.Lock()
        self._next = max((e["index"] for e in self._entries()), default=0) + 1

    def spool(self, step: int, obj: Any, metadata: Dict[str, Any], labels: Any = None) -> Dict[str, Any]:
        """A path (.pt TorchScript, .npy/.npz samples), a TorchScript module, or a tensor / ndarray of samples."""
        with self._lock:
            index = self._next
            self._next += 1
        stem = os.path.join(self.dir, "ckpt-%06d-step%d" % (index, step))
        kind = metadata.pop("kind", None)
        if isinstance(obj, (str, os.PathLike)):
            src = os.fspath(obj)
            ext = os.path.splitext(src)[1].lower()
            target = stem + ext
            shutil.copyfile(src, target + ".tmp")
            kind = kind or _kind_of(ext)
        elif _is_torch(obj):
            target, kind = self._torch(obj, stem, labels, kind)
        elif _is_numpy(obj):
            target = self._samples(obj, stem, labels)
            kind = kind or "samples"
        else:
            raise TypeError(f"log_checkpoint: cannot store a {type(obj).__module__}.{type(obj).__name__}; pass a "
                            "file path, a TorchScript module (torch.jit.script(G) or torch.jit.trace(G, z)), "
                            "or a tensor / numpy array of generated samples")
        os.replace(target + ".tmp", target)
        entry = {"index": index, "step": step, "kind": kind, "file": os.path.basename(target),
                 "size": os.path.getsize(target), "sha256": _sha256(target), "metadata": metadata,
                 "status": "pending"}
        write_json(self._entry_path(index), entry)
        return entry

    def _torch(self, obj, stem: str, labels, kind: Optional[str]):
        torch = sys.modules["torch"]
        if isinstance(obj, torch.jit.ScriptModule):
            target = stem + ".pt"
            obj.save(target + ".tmp")
            return target, kind or "torchscript"
        if isinstance(obj, torch.Tensor):
            if labels is not None and isinstance(labels, torch.Tensor):
                labels = labels.detach().cpu().numpy()
            return self._samples(obj.detach().cpu().numpy(), stem, labels), kind or "samples"
        if isinstance(obj, torch.nn.Module):
            raise TypeError("log_checkpoint: a plain nn.Module cannot be evaluated without its Python code; pass "
                            "torch.jit.script(G) or torch.jit.trace(G, z) (a TorchScript generator z -> images)")
        raise TypeError(f"log_checkpoint: unsupported torch object {type(obj).__name__}")

    @staticmethod
    def _samples(array, stem: str, labels) -> str:
        np = sys.modules.get("numpy") or __import__("numpy")
        if labels is None:
            target = stem + ".npy"
            with open(target + ".tmp", "wb") as f:
                np.save(f, array)
        else:
            target = stem + ".npz"
            labels = np.asarray(labels)
            if len(labels) != len(array):
                raise ValueError(f"log_checkpoint: {len(labels)} labels for {len(array)} samples")
            with open(target + ".tmp", "wb") as f:
                np.savez(f, samples=array, labels=labels)
        return target

    def _entry_path(self, index: int) -> str:
        return os.path.join(self.dir, "ckpt-%06d.json" % index)

    def file(self, entry: Dict[str, Any]) -> str:
        return os.path.join(self.dir, entry["file"])

    def _entries(self) -> List[Dict[str, Any]]:
        names = sorted(n for n in os.listdir(self.dir) if n.startswith("ckpt-") and len(n) == 16
                       and n.endswith(".json"))
        return [read_json(os.path.join(self.dir, n)) for n in names]

    def pending(self) -> List[Dict[str, Any]]:
        with self._lock:
            return [e for e in self._entries() if e.get("status") == "pending"]

    def mark(self, entry: Dict[str, Any], status: str, checkpoint_id: Optional[int] = None,
             reason: Optional[str] = None) -> None:
        """Records the outcome: "uploaded" (with the server's checkpoint id) or "rejected" (with the reason)."""
        with self._lock:
            write_json(self._entry_path(entry["index"]),
                       dict(entry, status=status, checkpoint_id=checkpoint_id, reason=reason))


def _is_torch(obj) -> bool:
    return type(obj).__module__.split(".")[0] == "torch" or (
        "torch" in sys.modules and isinstance(obj, sys.modules["torch"].nn.Module))


def _is_numpy(obj) -> bool:
    return type(obj).__module__.split(".")[0] == "numpy" and hasattr(obj, "shape")


def upload_pending(api, run_id: int, checkpoints: Checkpoints, label: str):
    """Uploads pending checkpoints; returns (still pending, the server has no checkpoint route). A server without
    the route (404/405) keeps them pending, with a warning; one that refuses a checkpoint for its content (400/413)
    marks it "rejected"; anything else is retried later."""
    from .transport import Refused

    left = 0
    for entry in checkpoints.pending():
        try:
            checkpoints.mark(entry, "uploaded", api.upload_checkpoint(run_id, entry, checkpoints.file(entry)))
        except Refused as e:
            if e.status in (404, 405):
                log.warning("%s: the server at %s does not accept checkpoints (HTTP %d); the checkpoint of step %d "
                            "stays pending in %s and sync uploads it once the server supports it",
                            label, api.url, e.status, entry["step"], checkpoints.file(entry))
                return len(checkpoints.pending()), True
            if e.is_permanent:
                checkpoints.mark(entry, "rejected", reason=f"HTTP {e.status}: {e}")
                log.warning("%s: the checkpoint of step %d was refused for good (HTTP %d: %s); kept in %s",
                            label, entry["step"], e.status, e, checkpoints.file(entry))
            else:
                left += 1
                log.warning("%s: checkpoint of step %d not uploaded now (HTTP %d: %s); it stays pending",
                            label, entry["step"], e.status, e)
        except OSError as e:
            left += 1
            log.warning("%s: cannot upload the checkpoint of step %d now (%s); it stays pending",
                        label, entry["step"], e)
    return left, False
