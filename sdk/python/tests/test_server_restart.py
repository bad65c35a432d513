"""The real application stopped (SIGTERM) in the middle of a run and started again with the same home and port:
the run goes on, and afterwards every step is stored exactly once."""

import os
import shutil
import tempfile
import threading
import time
import unittest

import support
import ganboard


@unittest.skipUnless(support.has_jar(), f"no application jar at {support.JAR}: build the app first "
                     "(./mvnw -B -DskipTests install -pl protocol,backend,frontend,app)")
class ServerRestartTest(unittest.TestCase):
    def setUp(self):
        self.server = support.Server().start()
        self.addCleanup(self.server.remove)
        self.dir = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.dir, True)

    def test_server_stopped_mid_run_and_restarted_loses_and_duplicates_nothing(self):
        run = ganboard.init(project="restart-study", variant="NS-GAN", seed=1, url=self.server.url,
                            api_key=self.server.key, dir=self.dir, flush_interval=0.05, max_backoff=1.0,
                            finish_timeout=120)
        value = lambda step, k: step * 10 + k + 0.125  # noqa: E731
        steps = [0]
        stop = threading.Event()

        def train():  # the training loop goes on whatever the server does
            step = 0
            while not stop.is_set():
                run.log({f"k{k}": value(step, k) for k in range(10)}, step=step)
                step += 1
                steps[0] = step
                time.sleep(0.002)

        trainer = threading.Thread(target=train)
        trainer.start()
        try:
            time.sleep(1.5)
            before = steps[0]
            self.server.stop()  # SIGTERM: the server goes down mid-run
            time.sleep(1.5)
            self.assertGreater(run.stats()["pending_batches"], 0, "batches wait in the WAL while the server is down")
            self.server.start()  # same home, same port
            time.sleep(1.0)
        finally:
            stop.set()
            trainer.join()
        stats = run.finish()
        step = steps[0]
        self.assertEqual(0, stats["pending_batches"], stats)
        self.assertEqual(step * 10, stats["logged_points"])
        self.assertGreater(step, before)

        for k in (0, 5, 9):
            count = self.server.wait_for_count(run.id, f"k{k}", step)
            self.assertEqual(step, count, f"k{k}: stored points")
            points = self.server.series(run.id, f"k{k}")["points"]
            self.assertEqual(list(range(step)), [p["step"] for p in points], "every step exactly once")
            self.assertTrue(all(p["value"] == value(p["step"], k) for p in points))
        self.assertEqual("finished", self.server.get(f"/api/v1/runs/{run.id}")["status"])


if __name__ == "__main__":
    unittest.main()
