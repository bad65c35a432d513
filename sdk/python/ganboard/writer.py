"""The WAL writer thread of a run (the Java SDK's WalWriter): moves the points log() queued into the write-ahead log
whenever a full batch is queued or the flush interval passed, encodes them into batches with the next sequence
numbers, fsyncs per the policy and hands each written batch to the sender. What a killed process can lose is what
waited here in memory: at most one flush interval of points."""

import collections
import logging
import threading
import time
from typing import Deque, List, Optional

from .points import Encoder
from .wal import Wal

log = logging.getLogger("ganboard")


class WalWriter:
    def __init__(self, label: str, directory: str, wal: Wal, batch_points: int, flush_interval: float,
                 fsync: bool, thread_name: str):
        self.label, self.dir, self.wal = label, directory, wal
        self.batch_points = batch_points
        # (step, time ms, [(key, value), ...]) appended by log() on the training thread, taken here
        self.queue: Deque = collections.deque()
        # points taken from the queue; only this thread writes it (log() reads it to know what is still queued)
        self.drained = 0
        self.batches_written = 0
        self.points_lost = 0
        self._interval = flush_interval
        self._fsync = fsync
        self._wake = threading.Event()
        self._closing = False
        self._flush_requests: List[threading.Event] = []
        self._flush_lock = threading.Lock()
        self._next_seq = wal.last_seq + 1
        self._sender = None
        self._thread = threading.Thread(target=self._loop, name=thread_name, daemon=True)

    def attach(self, sender) -> None:
        """The sender that gets every written batch (none in offline mode)."""
        self._sender = sender

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def is_alive(self) -> bool:
        return self._thread.is_alive()

    def flush(self, timeout: float) -> bool:
        """Blocks until everything queued so far is in the WAL (not necessarily delivered)."""
        done = threading.Event()
        with self._flush_lock:
            self._flush_requests.append(done)
        self._wake.set()
        return done.wait(timeout) if self._thread.is_alive() else not self.queue

    def close(self) -> None:
        """Writes what is still queued, then ends the thread."""
        self._closing = True
        self._wake.set()
        self._thread.join(60)

    def _loop(self) -> None:
        while True:
            self._wake.wait(self._interval)
            self._wake.clear()
            with self._flush_lock:
                requests, self._flush_requests = self._flush_requests, []
            entries = []
            popleft = self.queue.popleft
            try:
                while True:
                    entries.append(popleft())
            except IndexError:
                pass
            if entries:
                self.drained += sum(len(e[2]) for e in entries)
                self._write(entries)
            for r in requests:
                r.set()
            if self._closing and not self.queue:
                return

    def _write(self, entries) -> None:
        # Encode in slices and yield the GIL between them, so the training thread is never held up for long.
        encoder = Encoder(self._take_seq, self.batch_points)
        sender = self._sender
        for i in range(0, len(entries) + 200, 200):
            batches = encoder.add(entries[i:i + 200]) if i < len(entries) else encoder.close()
            for seq, n, body in batches:
                try:
                    self.wal.append(seq, n, body)
                    self.batches_written += 1
                    if sender is not None:
                        sender.cache_put(seq, body)
                except (OSError, ValueError) as e:
                    self.points_lost += n
                    log.warning("%s: cannot write %d points to the WAL in %s: %s (they are lost)",
                                self.label, n, self.dir, e)
            time.sleep(0)
        if self._fsync:
            try:
                self.wal.sync()
            except OSError as e:
                log.warning("%s: fsync of the WAL failed: %s", self.label, e)
        if sender is not None:
            sender.wake()

    def _take_seq(self) -> int:
        seq = self._next_seq
        self._next_seq += 1
        return seq
