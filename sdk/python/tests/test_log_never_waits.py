"""log() never waits on the network: with the server holding every batch it is sent, a training loop still logs
all its steps, and everything arrives once the server answers. (How fast log() is lives in the benchmark:
bench_sdk.py latency, figures in docs/benchmarks.md.)"""

import tempfile
import threading
import time
import unittest

import support  # noqa: F401 - puts the SDK on sys.path
import ganboard
from stub import KEY, Stub


def ten_keys(step):
    return {f"loss/k{k}": step + k / 10 for k in range(10)}


def wait_until(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


class LogNeverWaitsTest(unittest.TestCase):
    def test_a_server_that_does_not_answer_does_not_stop_the_loop(self):
        stub = Stub()
        self.addCleanup(stub.stop)
        server_may_answer = threading.Event()
        self.addCleanup(server_may_answer.set)
        stub.hold = lambda seq: server_may_answer.wait(300)
        run = ganboard.init(project="p", variant="v", seed=1, url=stub.url, api_key=KEY, dir=tempfile.mkdtemp(),
                            flush_interval=0.02, max_backoff=0.2, finish_timeout=60, init_timeout=5)
        steps = 5_000  # 50,000 points: several batches
        for step in range(100):
            run.log(ten_keys(step), step=step)
        run.flush()
        self.assertTrue(wait_until(lambda: stub.metrics_in_progress > 0), "the first batch reached the server")
        for step in range(100, steps):  # the sender is stuck on a batch the server holds
            run.log(ten_keys(step), step=step)

        self.assertGreater(stub.metrics_in_progress, 0, "the server is still holding batches")
        self.assertNotIn(run.id, stub.points, "nothing has been stored yet")
        server_may_answer.set()
        stats = run.finish()
        self.assertEqual(0, stats["pending_batches"])
        self.assertEqual(steps * 10, len(stub.points[run.id]))


if __name__ == "__main__":
    unittest.main()
