"""The Python SDK against the real GANBoard application (REST → Kafka → database): exactly-once delivery, offline
runs and sync, and a training process killed with SIGKILL whose WAL sync then delivers exactly once."""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

import support
import ganboard
from ganboard import columns
from ganboard.wal import iter_records

HERE = os.path.dirname(os.path.abspath(__file__))


def unique(prefix):
    return f"{prefix}-{os.urandom(3).hex()}"


class EndToEndTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = support.shared_server()

    def setUp(self):
        self.dir = tempfile.mkdtemp()

    def init(self, **kw):
        args = dict(project=unique("e2e"), variant="NS-GAN", seed=1, url=self.server.url, api_key=self.server.key,
                    dir=self.dir, flush_interval=0.05, finish_timeout=60)
        args.update(kw)
        return ganboard.init(**args)

    def assert_steps_once(self, run_id, key, steps, value=None):
        count = self.server.wait_for_count(run_id, key, len(steps))
        self.assertEqual(len(steps), count, f"{key}: stored points")
        series = self.server.series(run_id, key)
        stored = [p["step"] for p in series["points"]]
        self.assertEqual(sorted(steps), stored, f"{key}: every step exactly once")
        if value is not None:
            for p in series["points"]:
                self.assertEqual(value(p["step"]), p["value"])

    def test_a_run_round_trips_exactly_once(self):
        project = unique("roundtrip")
        with self.init(project=project, config={"lr": 2e-4, "arch": "dcgan"}, code_version="abc123") as run:
            self.assertIsNotNone(run.id)
            for step in range(1000):
                run.log({f"loss/k{k}": step * 10 + k + 0.5 for k in range(10)}, step=step)
        for k in (0, 9):
            self.assert_steps_once(run.id, f"loss/k{k}", range(1000), lambda s, k=k: s * 10 + k + 0.5)
        summary = self.server.get(f"/api/v1/runs/{run.id}")
        self.assertEqual("finished", summary["status"])
        self.assertEqual({"lr": 2e-4, "arch": "dcgan"}, summary["config"])
        self.assertEqual("abc123", summary["code_version"])
        self.assertEqual(project, self.server.get(f"/api/v1/projects/{project}")["name"], "created on first use")

    def test_non_finite_values_reach_the_series_api_and_the_run_diverges(self):
        with self.assertLogs("ganboard", "WARNING"):
            with self.init(project=unique("diverged")) as run:
                for step in range(20):
                    d = 1.0 / (step + 1) if step < 12 else float("nan")
                    g = 2.0 if step < 15 else (float("inf") if step % 2 else float("-inf"))
                    run.log({"loss/D": d, "loss/G": g}, step=step)
        self.assertEqual(20, self.server.wait_for_count(run.id, "loss/D", 20))
        self.assertEqual(20, self.server.wait_for_count(run.id, "loss/G", 20))
        d = self.server.series(run.id, "loss/D")
        self.assertEqual(8, d["non_finite_count"])
        self.assertEqual({"step": 12, "value": "NaN"}, d["first_non_finite"])
        self.assertEqual(["NaN"] * 8, [p["value"] for p in d["points"][12:]])
        g = self.server.series(run.id, "loss/G")
        self.assertEqual(["-Infinity", "Infinity"], [p["value"] for p in g["points"][16:18]])
        self.assertEqual({"step": 12, "key": "loss/D"}, self.server.get(f"/api/v1/runs/{run.id}")["diverged"])

    def test_a_wrong_key_fails_at_init(self):
        with self.assertRaisesRegex(ganboard.AuthenticationError, "HTTP 401"):
            self.init(api_key="gbk_not-a-real-key")

    def test_offline_run_then_sync_from_the_command_line(self):
        project = unique("offline")
        with self.init(project=project, mode="offline", api_key=None) as run:
            for step in range(300):
                run.log({"loss/D": step / 7, "loss/G": step / 3}, step=step)
        env = dict(os.environ, GANBOARD_API_KEY=self.server.key, GANBOARD_URL=self.server.url,
                   PYTHONPATH=support.SDK)
        out = subprocess.run([sys.executable, "-m", "ganboard", "sync", self.dir], env=env, capture_output=True,
                             text=True, timeout=120)
        self.assertEqual(0, out.returncode, out.stdout + out.stderr)
        self.assertIn("synced", out.stdout)
        with open(os.path.join(run.dir, "server.json")) as f:
            run_id = json.load(f)["run_id"]
        self.assert_steps_once(run_id, "loss/D", range(300), lambda s: s / 7)
        self.assert_steps_once(run_id, "loss/G", range(300), lambda s: s / 3)
        self.assertEqual("finished", self.server.get(f"/api/v1/runs/{run_id}")["status"])

    def test_killed_training_process_then_sync_delivers_the_wal_exactly_once(self):
        project = unique("kill9")
        child = subprocess.Popen([sys.executable, os.path.join(HERE, "child_trainer.py"), self.server.url,
                                  self.server.key, self.dir, project], stdout=subprocess.PIPE, text=True)
        run_id, run_dir, last = None, None, -1
        try:
            for line in child.stdout:
                words = line.split()
                if words[0] == "run":
                    run_id, run_dir = int(words[1]), words[2]
                elif words[0] == "flushed":
                    last = int(words[1])
                    break
        finally:
            os.kill(child.pid, signal.SIGKILL)
            child.wait()
            child.stdout.close()
        self.assertEqual(-signal.SIGKILL, child.returncode)
        self.assertIsNotNone(run_id)

        # what the WAL holds is what must arrive: a prefix of what was logged (a torn tail is dropped)
        in_wal = {}
        for _, _, payload in iter_records(run_dir):
            for key, step, _, _ in columns.decode(payload)[1]:
                in_wal.setdefault(key, []).append(step)
        steps = sorted(in_wal["k0"])
        self.assertGreater(len(steps), last, "everything flushed before the kill is in the WAL")
        self.assertEqual(list(range(len(steps))), steps, "the WAL holds a gap-free prefix of the steps")

        env = dict(os.environ, GANBOARD_API_KEY=self.server.key, PYTHONPATH=support.SDK)
        env.pop("GANBOARD_URL", None)  # the URL recorded in run.json is used
        out = subprocess.run([sys.executable, "-m", "ganboard", "sync", run_dir], env=env, capture_output=True,
                             text=True, timeout=300)
        self.assertEqual(0, out.returncode, out.stdout + out.stderr)
        print(out.stdout, file=sys.stderr)
        sent = int(out.stdout.split("sent=")[1].split()[0])
        self.assertGreater(sent, 0, "the killed process left batches undelivered: " + out.stdout)
        for k in range(10):
            self.assertEqual(sorted(in_wal[f"k{k}"]), steps)
            self.assert_steps_once(run_id, f"k{k}", steps, lambda s, k=k: s * 10 + k + 0.25)
        self.assertEqual("crashed", self.server.get(f"/api/v1/runs/{run_id}")["status"])


if __name__ == "__main__":
    unittest.main()
