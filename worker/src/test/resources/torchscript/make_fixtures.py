"""Makes the tiny TorchScript generators the worker tests evaluate.

Run from this folder with Debian's torch (1.13; libtorch 2.7.1 in DJL loads what it saves):
    /usr/bin/python3 make_fixtures.py
Each file is a few KB and deterministic (seeded weights); the tests read them from the classpath.

  ring8_points.pt     z [B, 4] -> points [B, 2] on the 8 ring8 modes (radius 1, sigma 0.01): the angle of
                      z[:, :2] snapped to the nearest multiple of 2*pi/8, plus 0.01 * z[:, 2:4]. The angle of a
                      standard normal pair is uniform, so the modes are equally likely.
  cond_images.pt      z [B, 8], y [B] int64 -> images [B, 1, 28, 28] in [-1, 1]: a 7x7 pattern from a linear
                      layer of z plus a per-class embedding, upsampled 4x, tanh.
  nan_points.pt       z [B, 2] -> [B, 2] with column 0 NaN in every 4th row of the batch (rows 0, 4, 8, ...).
  wrong_shape.pt      z [B, 4] -> [B] (the sum of z): no sample dimension.
  out_of_range.pt     z [B, 8] -> images [B, 1, 28, 28] in [-3, 3] (3 * tanh): outside the declared [-1, 1].
  slow_ring8.pt       ring8_points plus 200 rounds of a [B, 256] x [256, 256] product per batch that do not
                      change the output: a checkpoint that keeps a worker busy (failover tests).
  not_torchscript.pt  a text file, not a TorchScript archive.
"""
import math

import torch
from torch import nn


class Ring8Points(nn.Module):
    def forward(self, z: torch.Tensor) -> torch.Tensor:
        step = 2.0 * math.pi / 8.0
        angle = torch.round(torch.atan2(z[:, 1], z[:, 0]) / step) * step
        centre = torch.stack([torch.cos(angle), torch.sin(angle)], dim=1)
        return centre + 0.01 * z[:, 2:4]


class CondImages(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(8, 49)
        self.embed = nn.Embedding(10, 49)

    def forward(self, z: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        h = self.linear(z) + self.embed(y)
        img = h.view(-1, 1, 7, 7)
        img = img.repeat_interleave(4, dim=2).repeat_interleave(4, dim=3)
        return torch.tanh(img)


class NanPoints(nn.Module):
    def forward(self, z: torch.Tensor) -> torch.Tensor:
        out = z[:, 0:2].clone()
        rows = torch.arange(z.shape[0]) % 4 == 0
        out[:, 0] = torch.where(rows, torch.full_like(out[:, 0], float("nan")), out[:, 0])
        return out


class WrongShape(nn.Module):
    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return z.sum(dim=1)


class SlowRing8(nn.Module):
    def __init__(self):
        super().__init__()
        self.points = Ring8Points()
        self.rounds = 200

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        h = z[:, 0:1].repeat(1, 256)
        w = torch.full([256, 256], 1.0 / 256.0)
        for _ in range(self.rounds):
            h = torch.tanh(h @ w)
        return self.points(z) + 0.0 * h[:, 0:1]


class OutOfRange(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(8, 49)

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        img = (3.0 * torch.tanh(4.0 * self.linear(z))).view(-1, 1, 7, 7)
        return img.repeat_interleave(4, dim=2).repeat_interleave(4, dim=3)


def main():
    torch.manual_seed(20260101)
    for name, module in [("ring8_points", Ring8Points()), ("cond_images", CondImages()),
                         ("nan_points", NanPoints()), ("wrong_shape", WrongShape()),
                         ("out_of_range", OutOfRange()), ("slow_ring8", SlowRing8())]:
        torch.jit.script(module.eval()).save(name + ".pt")
    with open("not_torchscript.pt", "w") as f:
        f.write("this is not a TorchScript module\n")


if __name__ == "__main__":
    main()
