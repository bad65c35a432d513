"""Threads that post metric batches for one run's sender, each over its own keep-alive connection (Api keeps one per
thread), so a second batch travels while the server is still storing the first. Outcomes come back in the order the
answers arrive; the sender thread handles them."""

import collections
import threading
from typing import Callable, Deque, Optional, Tuple

from .transport import Api

# (seq, body, None when delivered or the exception the post raised)
Outcome = Tuple[int, bytes, Optional[BaseException]]


class SendPool:
    def __init__(self, api: Api, size: int, name: str, on_done: Callable[[], None]):
        self._api = api
        self._on_done = on_done
        self._jobs: Deque[Optional[Tuple[int, int, bytes]]] = collections.deque()
        self._ready = threading.Condition()
        self.outcomes: Deque[Outcome] = collections.deque()
        self._threads = [threading.Thread(target=self._loop, name=f"{name}-{i}", daemon=True) for i in range(size)]
        for t in self._threads:
            t.start()

    def submit(self, run_id: int, seq: int, body: bytes) -> None:
        with self._ready:
            self._jobs.append((run_id, seq, body))
            self._ready.notify()

    def close(self) -> None:
        """Each thread ends after the post it may be making; an answer that comes after close() is not handled,
        so its batch stays pending in the WAL (sync sends it again and the server stores it once)."""
        with self._ready:
            self._jobs.extend([None] * len(self._threads))
            self._ready.notify_all()

    def _loop(self) -> None:
        try:
            while True:
                with self._ready:
                    while not self._jobs:
                        self._ready.wait()
                    job = self._jobs.popleft()
                if job is None:
                    return
                run_id, seq, body = job
                try:
                    self._api.post_metrics(run_id, body)
                    error = None
                except Exception as e:  # noqa: BLE001 - reported to the sender thread, which decides
                    error = e
                self.outcomes.append((seq, body, error))
                self._on_done()
        finally:
            self._api.close()
