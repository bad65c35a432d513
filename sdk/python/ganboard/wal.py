"""The write-ahead log of one run, the same format as the Java SDK's (either sync delivers either's runs).

Append-only segment files ``wal-<first seq, 12 digits>.log`` of records (big-endian)::

    u32 length | u64 seq | u32 points | u32 crc32(seq, points, payload) | payload

where the payload is the batch's JSON body for POST /api/v1/runs/{id}/metrics, and a cursor file ``acked``
holding the highest seq up to which every batch was delivered. A record cut short or with a wrong CRC (the
process died mid-write) ends the log: it and anything after it are dropped when the WAL is opened.
"""

import logging
import os
import struct
import threading
import time
import zlib
from typing import Dict, List, Optional, Tuple

log = logging.getLogger("ganboard")

HEADER = struct.Struct(">IQII")
_SEQ_POINTS = struct.Struct(">QI")
SEGMENT_BYTES = 64 << 20
CURSOR = "acked"


def crc(seq: int, points: int, payload: bytes) -> int:
    return zlib.crc32(payload, zlib.crc32(_SEQ_POINTS.pack(seq, points)))


def read_cursor(directory: str) -> int:
    path = os.path.join(directory, CURSOR)
    try:
        with open(path, encoding="ascii") as f:
            text = f.read().strip()
    except FileNotFoundError:
        return -1
    try:
        return int(text) if text else -1
    except ValueError:
        log.warning("%s: unreadable cursor %r; everything in the WAL will be re-sent (the server drops duplicates)",
                    path, text)
        return -1


class Wal:
    def __init__(self, directory: str, fsync: bool):
        self.dir = directory
        self._fsync = fsync
        self._lock = threading.Lock()
        # seq -> (segment, offset, length, points); seqs are inserted in increasing order, so the first is the oldest
        self._pending: Dict[int, Tuple[str, int, int, int]] = {}
        self._segment_max: Dict[str, int] = {}
        self._fds: Dict[str, int] = {}
        self._current: Optional[str] = None
        self._current_size = 0
        self.last_seq = -1
        self.acked = -1
        self._cursor_on_disk = -1
        self._cursor_written_at = 0.0
        self.pending_points = 0

    @classmethod
    def open(cls, directory: str, fsync: bool = True) -> "Wal":
        """Opens (or creates) the WAL, dropping a torn tail and segments that are fully delivered."""
        os.makedirs(directory, exist_ok=True)
        wal = cls(directory, fsync)
        wal.acked = wal._cursor_on_disk = wal.last_seq = read_cursor(directory)
        for name in sorted(n for n in os.listdir(directory) if n.startswith("wal-") and n.endswith(".log")):
            wal._scan(os.path.join(directory, name))
        wal._delete_delivered_segments()
        return wal

    def _scan(self, path: str) -> None:
        fd = os.open(path, os.O_RDWR)
        size = os.fstat(fd).st_size
        pos, top = 0, -1
        while pos + HEADER.size <= size:
            length, seq, points, stored_crc = HEADER.unpack(os.pread(fd, HEADER.size, pos))
            if pos + HEADER.size + length > size:
                break
            payload = os.pread(fd, length, pos + HEADER.size)
            if len(payload) != length or crc(seq, points, payload) != stored_crc:
                break
            if seq > self.acked:
                self._pending[seq] = (path, pos, length, points)
                self.pending_points += points
            top = max(top, seq)
            self.last_seq = max(self.last_seq, seq)
            pos += HEADER.size + length
        if pos < size:
            log.warning("%s: dropped a torn or corrupt tail of %d bytes at offset %d (the process died mid-write)",
                        path, size - pos, pos)
            os.ftruncate(fd, pos)
            os.fsync(fd)
        self._fds[path] = fd
        self._segment_max[path] = top

    def append(self, seq: int, points: int, payload: bytes) -> None:
        """Appends one batch; it is in the OS page cache on return (on the device after sync())."""
        with self._lock:
            if seq <= self.last_seq:
                raise ValueError(f"seq {seq} is not after {self.last_seq}")
            if self._current is None or self._current_size >= SEGMENT_BYTES:
                self._roll(seq)
            fd = self._fds[self._current]
            offset = self._current_size
            record = HEADER.pack(len(payload), seq, points, crc(seq, points, payload)) + payload
            try:
                written = 0
                while written < len(record):
                    written += os.pwrite(fd, record[written:], offset + written)
            except OSError:
                # never leave half a record in front of later ones: cut it off, or go on in a new segment
                try:
                    os.ftruncate(fd, offset)
                except OSError:
                    self._current = None
                raise
            self._current_size += len(record)
            self._pending[seq] = (self._current, offset, len(payload), points)
            self.pending_points += points
            self._segment_max[self._current] = seq
            self.last_seq = seq

    def _roll(self, first_seq: int) -> None:
        if self._current is not None and self._fsync:
            os.fsync(self._fds[self._current])
        path = os.path.join(self.dir, "wal-%012d.log" % first_seq)
        # a file of that name can only be an empty leftover of a process that died right after creating it
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
        old = self._fds.pop(path, None)
        if old is not None:
            os.close(old)
        self._fds[path] = fd
        self._segment_max[path] = -1
        self._current, self._current_size = path, 0
        if self._fsync:
            _fsync_dir(self.dir)

    def sync(self) -> None:
        with self._lock:
            if self._current is not None:
                os.fsync(self._fds[self._current])

    def read(self, seq: int) -> Optional[bytes]:
        with self._lock:
            loc = self._pending.get(seq)
            if loc is None:
                return None
            fd = self._fds[loc[0]]
        return os.pread(fd, loc[2], loc[1] + HEADER.size)

    def points(self, seq: int) -> int:
        with self._lock:
            loc = self._pending.get(seq)
            return loc[3] if loc else 0

    def ack(self, seq: int) -> None:
        """Marks a batch delivered (or refused for good); the cursor sits just below the oldest pending batch."""
        with self._lock:
            loc = self._pending.pop(seq, None)
            if loc is not None:
                self.pending_points -= loc[3]
            self.acked = next(iter(self._pending)) - 1 if self._pending else self.last_seq
            now = time.monotonic()
            if now - self._cursor_written_at > 0.5:
                self._cursor_written_at = now
                self._write_cursor()
                self._delete_delivered_segments()

    def _write_cursor(self) -> None:
        if self._cursor_on_disk == self.acked:
            return
        path = os.path.join(self.dir, CURSOR)
        tmp = path + ".tmp"
        try:
            with open(tmp, "w", encoding="ascii") as f:
                f.write("%d\n" % self.acked)
            os.replace(tmp, path)
            self._cursor_on_disk = self.acked
        except OSError as e:
            # a stale cursor only means re-sending batches the server then recognises as duplicates
            log.debug("cannot write %s: %s", path, e)

    def _delete_delivered_segments(self) -> None:
        names = sorted(self._segment_max)
        for i, path in enumerate(names):
            top = self._segment_max[path]
            if path == self._current or top > self._cursor_on_disk:
                continue
            if top < 0 and i == len(names) - 1:
                continue  # an empty newest segment may still be appended to
            fd = self._fds.pop(path, None)
            if fd is not None:
                os.close(fd)
            try:
                os.remove(path)
            except OSError as e:
                log.debug("cannot delete %s: %s", path, e)
            del self._segment_max[path]

    def pending_seqs(self) -> List[int]:
        with self._lock:
            return list(self._pending)

    def first_pending(self) -> Optional[int]:
        with self._lock:
            return next(iter(self._pending)) if self._pending else None

    def first_pending_except(self, skip) -> Optional[int]:
        """The oldest pending batch not in ``skip`` (the few already on their way)."""
        with self._lock:
            for seq in self._pending:
                if seq not in skip:
                    return seq
            return None

    @property
    def pending_batches(self) -> int:
        with self._lock:
            return len(self._pending)

    def close(self) -> None:
        with self._lock:
            try:
                if self._current is not None and self._fsync:
                    os.fsync(self._fds[self._current])
            finally:
                self._write_cursor()
                self._delete_delivered_segments()
                for fd in self._fds.values():
                    os.close(fd)
                self._fds.clear()
                self._current = None


def _fsync_dir(directory: str) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # not every file system can fsync a directory; the file's own fsync still holds its data
    finally:
        os.close(fd)


def iter_records(directory: str):
    """Every intact record of a run's WAL, delivered or not, as (seq, points, payload): for tools and tests."""
    for name in sorted(n for n in os.listdir(directory) if n.startswith("wal-") and n.endswith(".log")):
        with open(os.path.join(directory, name), "rb") as f:
            data = f.read()
        pos = 0
        while pos + HEADER.size <= len(data):
            length, seq, points, stored_crc = HEADER.unpack_from(data, pos)
            payload = data[pos + HEADER.size:pos + HEADER.size + length]
            if len(payload) != length or crc(seq, points, payload) != stored_crc:
                break
            yield seq, points, payload
            pos += HEADER.size + length
