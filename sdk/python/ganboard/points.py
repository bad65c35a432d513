"""Client-side copy of the server's point rules, and the batch encoder.

Policy: a value that cannot be stored (None, strings and other non-numeric objects, tensors with more than one
element) or a point with an invalid key or a negative step is dropped, counted, and warned about once per key and
reason. NaN and ±Inf are values: a diverging loss is a result, so they are logged (with one warning per run naming
the first) and the server records where the run diverged. log() never raises for its data: a tracker must not crash
a training run.
"""

import logging
import math
import re
import threading
from typing import Iterable, List, Tuple

from . import columns

log = logging.getLogger("ganboard")

KEY = re.compile(r"[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*\Z")
MAX_KEY_LENGTH = 128

Entry = Tuple[int, int, List[Tuple[str, float]]]  # (step, time ms, [(key, value), ...])


def is_valid_key(key) -> bool:
    return isinstance(key, str) and 0 < len(key) <= MAX_KEY_LENGTH and KEY.match(key) is not None


class Validator:
    def __init__(self, label: str):
        self.label = label
        self.valid_keys = set()
        self._warned = set()
        self._lock = threading.Lock()
        self.rejected = 0
        self.warned_non_finite = False

    def key(self, key) -> bool:
        if is_valid_key(key):
            if len(self.valid_keys) < 100_000:
                self.valid_keys.add(key)
            return True
        self.reject(repr(key), "invalid key (letters, digits, '_', '.', '-', '/'-separated, at most "
                    f"{MAX_KEY_LENGTH} characters)")
        return False

    def value(self, key: str, v, step: int = None):
        """The value as a float (NaN and ±Inf included), or None after counting and warning."""
        if isinstance(v, (str, bytes)) or v is None:
            self.reject(key, "null value" if v is None else f"non-numeric value of type {type(v).__name__}")
            return None
        try:
            f = float(v)  # int, bool, numpy scalars, one-element tensors
        except (TypeError, ValueError, OverflowError) as e:
            self.reject(key, f"not a number ({type(v).__name__}: {e})")
            return None
        if not math.isfinite(f):
            self.non_finite(key, f, step)
        return f

    def non_finite(self, key: str, v: float, step) -> None:
        """Warns once per run that a value turned non-finite (it is logged all the same)."""
        if not self.warned_non_finite:
            self.warned_non_finite = True
            log.warning("%s: %r is %s at step %s (logged: the run shows where it diverged)", self.label, key, v, step)

    def reject(self, key: str, why: str, n: int = 1) -> None:
        with self._lock:
            self.rejected += n
            first = len(self._warned) < 10_000 and (key, why) not in self._warned
            if first:
                self._warned.add((key, why))
        if first:
            log.warning("%s: dropped a point of %s: %s (further ones of this kind are only counted)",
                        self.label, key, why)


class Encoder:
    """Packs queued points into ingest bodies in the binary column format (columns.py) of at most max_points points /
    about max_bytes bytes; completed batches are (seq, points, bytes). A point takes 11 bytes when its key is one of
    the batch's first 128 and it has the step and time of the point before it (the rest of a log() call)."""

    def __init__(self, next_seq, max_points: int, max_bytes: int = 4 << 20):
        self._next_seq = next_seq
        self._max_points = max_points
        self._max_bytes = max_bytes
        self._start()

    def _start(self) -> None:
        self._seq = -1
        self._keys: List[str] = []
        self._key_index = {}
        self._buf = bytearray()
        self._n = 0
        self._step = 0
        self._time = 0

    def add(self, entries: Iterable[Entry]) -> List[tuple]:
        out = []
        plain = columns.PLAIN_POINT.pack
        for step, t, items in entries:
            first = True
            for key, value in items:
                if self._n == 0:
                    self._seq = self._next_seq()
                    first = True
                k = self._key_index.get(key)
                if k is None:
                    k = self._key_index[key] = len(self._keys)
                    self._keys.append(key)
                if first or k >= 128:
                    self._buf += columns.point(k, step - self._step, value, t - self._time)
                    self._step, self._time = step, t
                    first = False
                else:
                    self._buf += plain(k, 0, value, 0)
                self._n += 1
                if self._n >= self._max_points or len(self._buf) >= self._max_bytes:
                    out.append(self._close())
        return out

    def close(self) -> List[tuple]:
        return [self._close()] if self._n else []

    def _close(self) -> tuple:
        out = self._seq, self._n, columns.batch(self._seq, self._keys, self._n, bytes(self._buf))
        self._start()
        return out


def encode(entries: Iterable[Entry], next_seq, max_points: int, max_bytes: int = 4 << 20) -> List[tuple]:
    encoder = Encoder(next_seq, max_points, max_bytes)
    return encoder.add(entries) + encoder.close()
