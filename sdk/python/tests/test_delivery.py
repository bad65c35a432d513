"""Delivery guarantees against an in-process stub server that can go down, lose answers and refuse batches
(fast, and runs without the application jar; test_e2e.py does the same against the real server)."""

import math
import os
import tempfile
import threading
import time
import unittest

import support  # noqa: F401 - puts the SDK on sys.path
import ganboard
from ganboard import wal as walmod
from stub import KEY, Stub


def ten_keys(step):
    return {f"m/k{k}": step * 10 + k + 0.5 for k in range(10)}


class DeliveryTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.stub = Stub()
        self.addCleanup(self.stub.stop)

    def init(self, **kw):
        args = dict(project="ring8", variant="NS-GAN", seed=1, url=self.stub.url, api_key=KEY, dir=self.dir,
                    flush_interval=0.02, max_backoff=0.2, finish_timeout=20, init_timeout=2)
        args.update(kw)
        return ganboard.init(**args)

    def assert_exactly_once(self, run_id, steps):
        pts = self.stub.points[run_id]
        self.assertEqual(steps * 10, len(pts))
        seen = set()
        for p in pts:
            self.assertNotIn((p["key"], p["step"]), seen)
            seen.add((p["key"], p["step"]))
            self.assertEqual(p["step"] * 10 + int(p["key"][3:]) + 0.5, p["value"])

    def test_logs_are_delivered_once_and_the_run_is_finished(self):
        with self.init(config={"lr": 2e-4}) as run:
            run_id = run.id
            for step in range(2000):
                run.log(ten_keys(step), step=step)
        self.assert_exactly_once(run_id, 2000)
        self.assertEqual("finished", self.stub.status[run_id])
        self.assertEqual({"lr": 2e-4}, self.stub.runs[run_id]["config"])
        self.assertIn("ring8", self.stub.projects)
        self.assertEqual(self.stub.metric_requests, self.stub.column_batches, "every batch went binary")

    def test_two_batches_are_in_flight_at_once(self):
        both_arrived = threading.Barrier(2, timeout=10)
        broken = []

        def hold_the_first_two_until_both_arrive(seq):
            if seq < 2:
                try:
                    both_arrived.wait()
                except threading.BrokenBarrierError:
                    broken.append(seq)

        self.stub.hold = hold_the_first_two_until_both_arrive
        run = self.init()
        for step in range(3000):  # 30,000 points: at least three batches
            run.log(ten_keys(step), step=step)
        stats = run.finish()
        self.assertEqual([], broken, "batch 0 was held and batch 1 never came while it was on its way")
        self.assertEqual(2, self.stub.max_metrics_in_progress, "two batches at once, never more")
        self.assertEqual(0, stats["pending_batches"])
        self.assert_exactly_once(run.id, 3000)

    def test_answers_out_of_order_leave_the_wal_delivered_exactly_once(self):
        second_answered = threading.Event()
        self.stub.hold = lambda seq: second_answered.wait(10) if seq == 0 else None
        self.stub.on_answered = lambda seq: second_answered.set() if seq == 1 else None
        run = self.init()
        for step in range(3000):
            run.log(ten_keys(step), step=step)
        stats = run.finish()
        answered = self.stub.answered
        self.assertLess(answered.index(1), answered.index(0), f"batch 1 acknowledged before batch 0: {answered}")
        self.assertEqual(0, stats["pending_batches"])
        self.assertEqual(stats["batches_written"], stats["batches_delivered"])
        self.assertEqual(0, self.stub.duplicates)
        self.assert_exactly_once(run.id, 3000)
        self.assertEqual(stats["batches_written"] - 1, walmod.read_cursor(run.dir),
                         "the cursor covers every batch, so a later sync sends nothing again")
        again = ganboard.sync(run.dir, url=self.stub.url, api_key=KEY)
        self.assertEqual(0, again[0]["batches_sent"])

    def test_a_server_that_predates_the_binary_body_gets_json(self):
        self.stub.json_only = True
        with self.init() as run:
            run_id = run.id
            for step in range(500):
                run.log(ten_keys(step), step=step)
        self.assert_exactly_once(run_id, 500)
        self.assertEqual(0, self.stub.column_batches)

    def test_an_exception_in_the_loop_marks_the_run_failed(self):
        with self.assertRaises(ZeroDivisionError):
            with self.init() as run:
                run.log({"x": 1.0})
                1 / 0
        self.assertEqual("failed", self.stub.status[run.id])
        self.assertEqual(1, len(self.stub.points[run.id]))

    def test_a_wrong_key_fails_at_init_with_a_clear_message(self):
        with self.assertRaisesRegex(ganboard.AuthenticationError, "rejected the API key.*GANBOARD_API_KEY"):
            self.init(api_key="wrong")
        self.assertEqual([], os.listdir(self.dir), "no run directory is left behind")

    def test_server_down_mid_run_then_back_loses_and_duplicates_nothing(self):
        run = self.init()
        for step in range(300):
            run.log(ten_keys(step), step=step)
        run.flush()
        time.sleep(0.1)
        self.stub.stop()
        for step in range(300, 600):
            run.log(ten_keys(step), step=step)
            if step % 50 == 0:
                time.sleep(0.02)
        time.sleep(0.3)
        self.assertGreater(run.stats()["pending_batches"], 0)
        self.stub.start()
        for step in range(600, 900):
            run.log(ten_keys(step), step=step)
        stats = run.finish()
        self.assertEqual(0, stats["pending_batches"])
        self.assert_exactly_once(run.id, 900)

    def test_lost_answers_are_retried_and_stored_once(self):
        lost = set()

        def lose(seq):
            if seq % 3 == 1 and seq not in lost:
                lost.add(seq)
                return True
            return False

        self.stub.lose_answer = lose
        run = self.init()
        for step in range(500):
            run.log(ten_keys(step), step=step)
            if step % 25 == 0:
                time.sleep(0.03)
        run.finish()
        self.assertTrue(lost)
        self.assertEqual(len(lost), self.stub.duplicates, "each lost answer caused exactly one re-send")
        self.assert_exactly_once(run.id, 500)

    def test_a_run_whose_creation_answer_was_lost_is_created_once(self):
        self.stub.lose_run_answers = 2  # the server creates the run, the SDK never hears of it, twice
        run = self.init(init_timeout=5)
        for step in range(100):
            run.log(ten_keys(step), step=step)
        run.finish()
        self.assertEqual(1, len(self.stub.runs), "one run on the server, not one per attempt")
        self.assertEqual(3, len(self.stub.run_creation_keys), "two lost answers, then the answer")
        self.assertIsNotNone(self.stub.run_creation_keys[0], "an Idempotency-Key was sent")
        self.assertEqual(1, len(set(self.stub.run_creation_keys)), "every attempt sent the same key")
        self.assertEqual(self.stub.run_by_idempotency_key[self.stub.run_creation_keys[0]], run.id)
        self.assert_exactly_once(run.id, 100)

    def test_server_down_at_init_the_run_is_created_when_it_comes_back(self):
        self.stub.stop()
        run = self.init(init_timeout=0.3)
        self.assertIsNone(run.id)
        for step in range(200):
            run.log(ten_keys(step), step=step)
        self.stub.start()
        for step in range(200, 400):
            run.log(ten_keys(step), step=step)
        run.finish()
        self.assert_exactly_once(run.id, 400)
        self.assertEqual("finished", self.stub.status[run.id])

    def test_finish_with_the_server_down_leaves_the_rest_to_sync(self):
        run = self.init(finish_timeout=0.5)
        run_id = run.id
        self.stub.stop()
        for step in range(100):
            run.log(ten_keys(step), step=step)
        with self.assertLogs("ganboard", "WARNING") as logs:
            stats = run.finish("failed")
        self.assertGreater(stats["pending_batches"], 0)
        self.assertTrue(any("python -m ganboard sync" in m for m in logs.output), logs.output)
        self.stub.start()
        reports = ganboard.sync(self.dir, url=self.stub.url, api_key=KEY)
        self.assertEqual("synced", reports[0]["outcome"], reports)
        self.assertEqual(1000, reports[0]["points_sent"])
        self.assert_exactly_once(run_id, 100)
        self.assertEqual("failed", self.stub.status[run_id])
        again = ganboard.sync(run.dir, url=self.stub.url, api_key=KEY)
        self.assertEqual(0, again[0]["points_sent"], "a second sync has nothing left to send")

    def test_offline_runs_touch_no_network_and_are_created_at_sync(self):
        with self.init(mode="offline", api_key=None, project="offline-proj", variant="WGAN-GP", seed=9) as run:
            self.assertIsNone(run.id)
            for step in range(50):
                run.log(ten_keys(step), step=step)
        self.assertEqual(0, self.stub.metric_requests)
        self.assertEqual({}, self.stub.runs)
        reports = ganboard.sync(run.dir, url=self.stub.url, api_key=KEY)
        self.assertEqual("synced", reports[0]["outcome"], reports)
        run_id = reports[0]["run_id"]
        self.assert_exactly_once(run_id, 50)
        self.assertEqual("WGAN-GP", self.stub.runs[run_id]["variant"])
        self.assertEqual(9, self.stub.runs[run_id]["seed"])
        self.assertEqual("finished", self.stub.status[run_id])

    def test_a_refused_batch_is_dropped_and_counted(self):
        self.stub.refuse_seq = lambda seq: seq == 0
        with self.assertLogs("ganboard", "WARNING"):
            run = self.init()
            run.log(ten_keys(0), step=0)
            run.flush()
            time.sleep(0.1)
            run.log(ten_keys(1), step=1)
            stats = run.finish()
        self.assertEqual(1, stats["rejected_batches"])
        self.assertEqual(0, stats["pending_batches"])
        self.assertEqual(10, len(self.stub.points[run.id]))

    def test_invalid_values_are_dropped_with_a_warning_and_counted_while_non_finite_ones_are_logged(self):
        run = self.init()
        with self.assertLogs("ganboard", "WARNING") as logs:
            run.log({"ok": 1.5, "nan": float("nan"), "inf": float("inf"), "text": "0.3", "none": None,
                     "bad key!": 1.0, "flag": True, "int": 7}, step=0)
            run.log({"ninf": float("-inf"), "nan": float("nan")}, step=1)
            run.log({"x": 1.0}, step=-1)
            run.log({"x": 1.0}, step="three")
            stats = run.finish()
        self.assertEqual(7, stats["logged_points"])
        self.assertEqual(5, stats["rejected_points"])
        self.assertEqual(1, sum("diverged" in m for m in logs.output), "one warning per run for non-finite values")
        stored = {(p["key"], p["step"]): p["value"] for p in self.stub.points[run.id]}
        self.assertEqual({("ok", 0), ("nan", 0), ("inf", 0), ("flag", 0), ("int", 0), ("ninf", 1), ("nan", 1)},
                         set(stored))
        self.assertTrue(math.isnan(stored[("nan", 0)]) and math.isnan(stored[("nan", 1)]))
        self.assertEqual(float("inf"), stored[("inf", 0)])
        self.assertEqual(float("-inf"), stored[("ninf", 1)])

    def test_steps_default_to_the_previous_call_plus_one(self):
        run = self.init()
        run.log({"a": 1.0})
        run.log({"a": 2.0})
        run.log({"a": 3.0}, step=10)
        run.log({"a": 4.0})
        run.finish()
        self.assertEqual([0, 1, 10, 11], [p["step"] for p in self.stub.points[run.id]])


if __name__ == "__main__":
    unittest.main()
