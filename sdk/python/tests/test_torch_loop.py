"""The SDK driven by a real PyTorch training loop (Debian python3-torch): a small GAN on a ring of 8 Gaussians
logs its losses every step, a TorchScript generator checkpoint and a samples checkpoint; the points arrive once
each and the checkpoints are uploaded and evaluated by the server's pipeline."""

import json
import math
import os
import tempfile
import time
import unittest
import urllib.error
import urllib.request

import support

try:
    import torch
except ImportError:  # pragma: no cover - depends on the machine
    torch = None

import ganboard

STEPS = 150
LATENT = 8


def ring8(n, generator):
    angles = torch.randint(0, 8, (n,), generator=generator).float() * (2 * math.pi / 8)
    centres = torch.stack([torch.cos(angles), torch.sin(angles)], dim=1)
    return centres + 0.01 * torch.randn(n, 2, generator=generator)


@unittest.skipIf(torch is None, "PyTorch is not installed (Debian: apt-get install python3-torch); "
                                "the PyTorch training-loop test needs it")
class TorchTrainingLoopTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = support.shared_server()
        torch.manual_seed(0)
        g = torch.Generator().manual_seed(0)
        G = torch.nn.Sequential(torch.nn.Linear(LATENT, 64), torch.nn.ReLU(), torch.nn.Linear(64, 2))
        D = torch.nn.Sequential(torch.nn.Linear(2, 64), torch.nn.LeakyReLU(0.2), torch.nn.Linear(64, 1))
        opt_g = torch.optim.Adam(G.parameters(), lr=1e-3, betas=(0.5, 0.999))
        opt_d = torch.optim.Adam(D.parameters(), lr=1e-3, betas=(0.5, 0.999))
        bce = torch.nn.BCEWithLogitsLoss()
        ones, zeros = torch.ones(64, 1), torch.zeros(64, 1)

        cls.dir = tempfile.mkdtemp()
        with ganboard.init(project=f"torch-ring8-{os.urandom(3).hex()}", dataset="ring8", variant="NS-GAN", seed=0,
                           url=cls.server.url, api_key=cls.server.key, dir=cls.dir,
                           config={"lr": 1e-3, "latent_dim": LATENT, "batch": 64}) as run:
            for step in range(STEPS):
                real = ring8(64, g)
                fake = G(torch.randn(64, LATENT, generator=g))
                loss_d = bce(D(real), ones) + bce(D(fake.detach()), zeros)
                opt_d.zero_grad()
                loss_d.backward()
                opt_d.step()
                loss_g = bce(D(fake), ones)
                opt_g.zero_grad()
                loss_g.backward()
                opt_g.step()
                # straight from the loop: a one-element tensor is a number to the SDK
                run.log({"loss/D": loss_d.detach(), "loss/G": loss_g.item(), "lr": 1e-3}, step=step)
            cls.generator_entry = run.log_checkpoint(STEPS, torch.jit.script(G.eval()), latent_dim=LATENT,
                                                     output_range=[-1.5, 1.5])
            with torch.no_grad():
                run.log_checkpoint(STEPS, G(torch.randn(2000, LATENT, generator=g)))
            cls.run_id = run.id
            cls.run_dir = run.dir
            cls.stats = run.stats()

    def entry(self, index):
        with open(os.path.join(self.run_dir, "checkpoints", "ckpt-%06d.json" % index)) as f:
            return json.load(f)

    def test_the_losses_arrive_once_each(self):
        self.assertEqual(0, self.stats["rejected_points"])
        for key in ("loss/D", "loss/G", "lr"):
            self.assertEqual(STEPS, self.server.wait_for_count(self.run_id, key, STEPS), key)
            points = self.server.series(self.run_id, key)["points"]
            self.assertEqual(list(range(STEPS)), [p["step"] for p in points])
            self.assertTrue(all(math.isfinite(p["value"]) for p in points))

    def test_the_torchscript_generator_is_spooled_as_a_complete_model(self):
        entry = self.entry(1)
        self.assertEqual(("torchscript", STEPS, LATENT), (entry["kind"], entry["step"], entry["metadata"]["latent_dim"]))
        self.assertEqual(self.generator_entry["sha256"], entry["sha256"])
        loaded = torch.jit.load(os.path.join(self.run_dir, "checkpoints", entry["file"]))  # no Python code needed
        self.assertEqual((10, 2), tuple(loaded(torch.randn(10, LATENT)).shape))

    def test_the_samples_checkpoint_is_uploaded_and_evaluated(self):
        entry = self.entry(2)
        self.skip_without_checkpoint_route(entry)
        self.assertEqual("uploaded", entry["status"], entry)
        samples = self.settled("samples")
        self.assertEqual("evaluated", samples["status"], samples)
        self.assertEqual(2000, samples["evaluations"][0]["sample_count"])
        self.assertIn("modes_covered", samples["evaluations"][0]["metrics"])

    def test_the_torchscript_generator_is_uploaded_and_evaluated(self):
        entry = self.entry(1)
        self.skip_without_checkpoint_route(entry)
        self.assertEqual("uploaded", entry["status"], entry)
        generator = self.settled("torchscript")
        detail = generator.get("status_detail") or ""
        if generator["status"] == "failed" and "not supported" in detail:
            self.skipTest("uploaded, but the worker does not evaluate TorchScript generators yet: " + detail)
        self.assertEqual("evaluated", generator["status"], generator)

    def skip_without_checkpoint_route(self, entry):
        if entry["status"] == "pending" and not self.server_takes_checkpoints():
            self.skipTest("the server has no checkpoint route (the checkpoint stays pending in the run directory): "
                          "its evaluation is checked once the pipeline issue has landed")

    def settled(self, kind, timeout=120):
        """The server's view of this run's checkpoint of that kind once its evaluation finished (or failed)."""
        deadline = time.monotonic() + timeout
        mine = []
        while time.monotonic() < deadline:
            mine = [c for c in self.server.get(f"/api/v1/runs/{self.run_id}/checkpoints") if c["kind"] == kind]
            if mine and mine[0]["status"] in ("evaluated", "failed"):
                return mine[0]
            time.sleep(0.5)
        self.fail(f"the {kind} checkpoint did not settle within {timeout} s: {mine}")

    def server_takes_checkpoints(self):
        req = urllib.request.Request(f"{self.server.url}/api/v1/runs/{self.run_id}/checkpoints",
                                     headers={"Authorization": "Bearer " + self.server.key})
        try:
            with urllib.request.urlopen(req, timeout=30):
                return True
        except urllib.error.HTTPError as e:
            return e.code not in (404, 405)


if __name__ == "__main__":
    unittest.main()
