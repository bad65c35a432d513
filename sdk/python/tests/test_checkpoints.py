"""Checkpoint spooling without a server: files, arrays with labels, TorchScript modules, and what is refused."""

import hashlib
import json
import os
import tempfile
import unittest

import support  # noqa: F401 - puts the SDK on sys.path
import ganboard

try:
    import numpy as np
except ImportError:  # pragma: no cover
    np = None
try:
    import torch
except ImportError:  # pragma: no cover
    torch = None


class CheckpointSpoolTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.run = ganboard.init(project="spool", variant="v", mode="offline", dir=self.dir)
        self.addCleanup(self.run.finish)

    def read_entry(self, index):
        with open(os.path.join(self.run.dir, "checkpoints", "ckpt-%06d.json" % index)) as f:
            return json.load(f)

    def test_a_file_is_copied_with_its_sha256(self):
        src = os.path.join(self.dir, "g.pt")
        with open(src, "wb") as f:
            f.write(b"\x01\x02\x03\x04")
        entry = self.run.log_checkpoint(500, src, classes=10, latent_dim=64, output_range=[-1, 1])
        with open(src, "wb") as f:
            f.write(b"overwritten by the trainer")
        self.assertEqual(entry, self.read_entry(1))
        self.assertEqual("torchscript", entry["kind"])
        self.assertEqual("ckpt-000001-step500.pt", entry["file"])
        self.assertEqual(hashlib.sha256(b"\x01\x02\x03\x04").hexdigest(), entry["sha256"])
        self.assertEqual({"classes": 10, "latent_dim": 64, "output_range": [-1, 1]}, entry["metadata"])
        self.assertEqual("pending", entry["status"])
        with open(os.path.join(self.run.dir, "checkpoints", entry["file"]), "rb") as f:
            self.assertEqual(b"\x01\x02\x03\x04", f.read(), "the spool holds a copy")
        self.assertEqual(1, self.run.stats()["pending_checkpoints"])

    @unittest.skipIf(np is None, "numpy not installed")
    def test_arrays_become_npy_and_with_labels_npz(self):
        x = np.random.default_rng(0).normal(size=(100, 2)).astype(np.float32)
        a = self.run.log_checkpoint(1, x)
        b = self.run.log_checkpoint(2, x, labels=np.arange(100) % 8)
        self.assertEqual(("samples", "ckpt-000001-step1.npy"), (a["kind"], a["file"]))
        self.assertEqual(("samples", "ckpt-000002-step2.npz"), (b["kind"], b["file"]))
        np.testing.assert_array_equal(x, np.load(os.path.join(self.run.dir, "checkpoints", a["file"])))
        with np.load(os.path.join(self.run.dir, "checkpoints", b["file"])) as npz:
            np.testing.assert_array_equal(x, npz["samples"])
            self.assertEqual(7, npz["labels"][15])
        with self.assertRaisesRegex(ValueError, "3 labels for 100 samples"):
            self.run.log_checkpoint(3, x, labels=[1, 2, 3])

    @unittest.skipIf(torch is None, "PyTorch not installed")
    def test_torch_modules_and_tensors(self):
        g = torch.nn.Sequential(torch.nn.Linear(4, 2))
        entry = self.run.log_checkpoint(7, torch.jit.script(g), latent_dim=4)
        self.assertEqual(("torchscript", "ckpt-000001-step7.pt"), (entry["kind"], entry["file"]))
        loaded = torch.jit.load(os.path.join(self.run.dir, "checkpoints", entry["file"]))
        self.assertEqual((3, 2), tuple(loaded(torch.zeros(3, 4)).shape))
        t = self.run.log_checkpoint(8, torch.ones(5, 2, requires_grad=True))
        self.assertEqual("samples", t["kind"])
        with self.assertRaisesRegex(TypeError, "torch.jit.script"):
            self.run.log_checkpoint(9, g)

    def test_unsupported_objects_are_refused_with_a_hint(self):
        with self.assertRaisesRegex(TypeError, "file path, a TorchScript module"):
            self.run.log_checkpoint(1, {"weights": [1, 2]})


if __name__ == "__main__":
    unittest.main()
