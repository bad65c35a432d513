"""Client-side copy of the server's point rules, and the batch encoder.

Policy: a value that cannot be stored (NaN, ±Inf, None, strings and other non-numeric objects, tensors with more
than one element) or a point with an invalid key or a negative step is dropped, counted, and warned about once per
key and reason. log() never raises for its data: a tracker must not crash a training run.
"""

import logging
import math
import re
import threading
from typing import Iterable, List, Tuple

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

    def key(self, key) -> bool:
        if is_valid_key(key):
            if len(self.valid_keys) < 100_000:
                self.valid_keys.add(key)
            return True
        self.reject(repr(key), "invalid key (letters, digits, '_', '.', '-', '/'-separated, at most "
                    f"{MAX_KEY_LENGTH} characters)")
        return False

    def value(self, key: str, v):
        """The value as a finite float, or None after counting and warning."""
        if isinstance(v, (str, bytes)) or v is None:
            self.reject(key, "null value" if v is None else f"non-numeric value of type {type(v).__name__}")
            return None
        try:
            f = float(v)  # int, bool, numpy scalars, one-element tensors
        except (TypeError, ValueError, OverflowError) as e:
            self.reject(key, f"not a number ({type(v).__name__}: {e})")
            return None
        if not math.isfinite(f):
            self.reject(key, f"non-finite value {f}")
            return None
        return f

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
    """Packs queued points into ingest bodies {"seq":n,"points":[...]} of at most max_points points / about
    max_bytes bytes; completed batches are (seq, points, bytes). Keys were validated to plain ASCII without quotes
    or backslashes, so no escaping is needed; repr() of a finite float is valid JSON and round-trips exactly."""

    def __init__(self, next_seq, max_points: int, max_bytes: int = 4 << 20):
        self._next_seq = next_seq
        self._max_points = max_points
        self._max_bytes = max_bytes
        self._parts: List[str] = []
        self._size = 0
        self._seq = -1

    def add(self, entries: Iterable[Entry]) -> List[tuple]:
        out = []
        parts = self._parts
        for step, t, items in entries:
            tail = ',"step":%d,"value":' % step
            time_part = ',"time":%d}' % t
            for key, value in items:
                if not parts:
                    self._seq = self._next_seq()
                    self._size = 0
                p = '{"key":"' + key + '"' + tail + repr(value) + time_part
                parts.append(p)
                self._size += len(p) + 1
                if len(parts) >= self._max_points or self._size >= self._max_bytes:
                    out.append(self._close())
                    parts = self._parts
        return out

    def close(self) -> List[tuple]:
        return [self._close()] if self._parts else []

    def _close(self) -> tuple:
        body = '{"seq":%d,"points":[%s]}' % (self._seq, ",".join(self._parts))
        n = len(self._parts)
        self._parts = []
        return self._seq, n, body.encode("ascii")


def encode(entries: Iterable[Entry], next_seq, max_points: int, max_bytes: int = 4 << 20) -> List[tuple]:
    encoder = Encoder(next_seq, max_points, max_bytes)
    return encoder.add(entries) + encoder.close()
