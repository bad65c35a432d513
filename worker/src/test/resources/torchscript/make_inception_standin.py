"""Makes inception_standin.pt, a small stand-in for the standard FID Inception (inception-2015-12-05.pt), and the
reference values InceptionConventionTest pins (inception_standin_reference.json).

Run from the repository root with Debian's torch (1.13; libtorch 2.7.1 in DJL loads what it saves) and numpy:
    /usr/bin/python3 worker/src/test/resources/torchscript/make_inception_standin.py

The stand-in has the interface of the standard file that StyleGAN2-ADA, StyleGAN3 and clean-fid load:
    forward(img, return_features: bool = False, use_fp16: bool = False, no_output_bias: bool = False)
img is float32 [N, 3, H, W] with values in [0, 255] at the images' own resolution. The module resizes to 299 x 299
itself, TF1-style (affine_grid + grid_sample, bilinear, border padding, the grid shifted by 1/size - 1/299 so that
output pixel i samples input coordinate i * size / 299 as TF1's resize_bilinear does), and normalises (x - 128) / 128.
return_features=True gives 2048 features per image; otherwise softmax probabilities over 1008 classes, from logits
features @ W (+ bias unless no_output_bias=True). use_fp16 is accepted and ignored (the stand-in runs on CPU).
The weights are random (fixed seed); the big matrices are built from a few vectors (cos / sin of outer products)
so that the file stays small.

The reference values: the images are integer formulas that the Java test reproduces exactly; features and
probabilities come from calling the stand-in as the worker does; FID and IS are computed here in float64 with
numpy (FID: eigenvalues of S1^1/2 S2 S1^1/2; IS: 10 splits after the SplitMix64(0) shuffle that GANBoard's
InceptionScore uses, replayed below from metrics/bench/reference_values.py).
"""
import json
import math
import pathlib

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

HERE = pathlib.Path(__file__).parent
M64 = (1 << 64) - 1


class InceptionStandIn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 5, stride=4)  # 299 -> 74
        self.conv2 = nn.Conv2d(8, 16, 3, stride=3)  # 74 -> 24, pooled to 2 x 2: 64 values
        self.feat_a = nn.Parameter(torch.randn(64))
        self.feat_b = nn.Parameter(torch.randn(2048))
        self.feat_c = nn.Parameter(torch.rand(2048) * 2 * math.pi)
        self.feat_bias = nn.Parameter(0.1 * torch.randn(2048))
        self.out_p = nn.Parameter(torch.randn(2048))
        self.out_q = nn.Parameter(torch.randn(1008))
        self.out_r = nn.Parameter(torch.rand(1008) * 2 * math.pi)
        self.out_bias = nn.Parameter(torch.randn(1008))

    def forward(self, img: torch.Tensor, return_features: bool = False, use_fp16: bool = False,
                no_output_bias: bool = False) -> torch.Tensor:
        batch_size, channels, height, width = img.shape
        assert channels == 3
        x = img.to(torch.float32)
        theta = torch.eye(2, 3, dtype=x.dtype)
        theta[0, 2] += 1.0 / width - 1.0 / 299
        theta[1, 2] += 1.0 / height - 1.0 / 299
        theta = theta.unsqueeze(0).repeat([batch_size, 1, 1])
        grid = F.affine_grid(theta, [batch_size, channels, 299, 299], align_corners=False)
        x = F.grid_sample(x, grid, mode="bilinear", padding_mode="border", align_corners=False)
        x = (x - 128) / 128
        h = F.relu(self.conv1(x))
        h = F.adaptive_avg_pool2d(F.relu(self.conv2(h)), 2).flatten(1)
        w_feat = torch.cos(self.feat_a[:, None] * self.feat_b[None, :] + self.feat_c[None, :])
        features = F.relu(4.0 * (h @ w_feat) + self.feat_bias)
        if return_features:
            return features
        w_out = torch.sin(self.out_p[:, None] * self.out_q[None, :] + self.out_r[None, :])
        w_out = (w_out - w_out.mean(dim=0, keepdim=True)) * (4.0 / math.sqrt(2048))
        logits = features @ w_out
        if not no_output_bias:
            logits = logits + self.out_bias
        return F.softmax(logits, dim=1)


# --- the test images: integer pixel values in [0, 255], the same formulas as InceptionConventionTest -----------

def gray_real(n=64, h=20, w=20):
    return np.array([[[(i * 37 + y * 11 + x * 5 + (x * y) % 7) % 256 for x in range(w)] for y in range(h)]
                     for i in range(n)], dtype=np.float32)[:, None]


def gray_fake(n=60, h=20, w=20):
    return np.array([[[20 + (i * 13 + (y // 2) * 29 + (x // 3) * 17) % 200 for x in range(w)] for y in range(h)]
                     for i in range(n)], dtype=np.float32)[:, None]


def rgb_fake(n=30, h=17, w=23):
    return np.array([[[[(i * 19 + c * 71 + y * 3 + x * 7 + (x * y * c) % 11) % 256 for x in range(w)]
                       for y in range(h)] for c in range(3)] for i in range(n)], dtype=np.float32)


# --- GANBoard's conventions, replayed (metrics/bench/reference_values.py) ------------------------------------

class SplitMix64:
    def __init__(self, seed):
        self.state = seed & M64

    def next_long(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & M64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        return z ^ (z >> 31)

    def next_int(self, bound):
        m = (self.next_long() >> 32) * bound
        low = m & 0xFFFFFFFF
        if low < bound:
            threshold = ((1 << 32) - bound) % bound
            while low < threshold:
                m = (self.next_long() >> 32) * bound
                low = m & 0xFFFFFFFF
        return m >> 32

    def permutation(self, n):
        p = list(range(n))
        for i in range(n - 1, 0, -1):
            j = self.next_int(i + 1)
            p[i], p[j] = p[j], p[i]
        return p


def fid(x, y):
    x, y = x.astype(np.float64), y.astype(np.float64)
    mu1, mu2 = x.mean(axis=0), y.mean(axis=0)
    s1, s2 = np.cov(x, rowvar=False), np.cov(y, rowvar=False)
    w, v = np.linalg.eigh(s1)
    root = (v * np.sqrt(np.clip(w, 0, None))) @ v.T
    lam = np.linalg.eigvalsh(root @ s2 @ root)
    d = mu1 - mu2
    return float(d @ d + np.trace(s1) + np.trace(s2) - 2 * np.sum(np.sqrt(np.clip(lam, 0, None))))


def inception_score(p, splits=10, seed=0):
    p = p.astype(np.float64)
    n = p.shape[0]
    p = p[SplitMix64(seed).permutation(n)]
    scores = []
    for s in range(splits):
        part = p[s * n // splits:(s + 1) * n // splits]
        q = part.mean(axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            kl = np.where(part > 0, part * (np.log(part) - np.log(q)), 0.0).sum(axis=1)
        scores.append(np.exp(kl.mean()))
    return float(np.mean(scores)), float(np.std(scores))


def call(module, images, **flags):
    """As the worker calls the standard file: [N, 3, H, W] float32 in [0, 255], grayscale repeated to 3 channels."""
    x = torch.from_numpy(images)
    if x.shape[1] == 1:
        x = x.repeat(1, 3, 1, 1)
    with torch.no_grad():
        return module(x, **flags).numpy()


def main():
    torch.manual_seed(20151205)
    module = torch.jit.script(InceptionStandIn().eval())
    out = HERE / "inception_standin.pt"
    module.save(str(out))
    module = torch.jit.load(str(out))
    real, fake, rgb = gray_real(), gray_fake(), rgb_fake()
    f_real = call(module, real, return_features=True)
    f_fake = call(module, fake, return_features=True)
    f_rgb = call(module, rgb, return_features=True)
    p_fake = call(module, fake, no_output_bias=True)
    p_fake_bias = call(module, fake)
    p_rgb = call(module, rgb, no_output_bias=True)
    is_fake, is_fake_std = inception_score(p_fake)
    is_bias, _ = inception_score(p_fake_bias)
    is_rgb, is_rgb_std = inception_score(p_rgb)
    ref = {
        "feature_dim": int(f_real.shape[1]),
        "classes": int(p_fake.shape[1]),
        "fid_gray_real_vs_gray_fake": fid(f_real, f_fake),
        "fid_gray_real_vs_rgb_fake": fid(f_real, f_rgb),
        "is_gray_fake": is_fake,
        "is_std_gray_fake": is_fake_std,
        "is_gray_fake_with_output_bias": is_bias,
        "is_rgb_fake": is_rgb,
        "is_std_rgb_fake": is_rgb_std,
        "features_gray_real_row0_first4": [float(v) for v in f_real[0, :4]],
        "torch": torch.__version__,
    }
    (HERE / "inception_standin_reference.json").write_text(json.dumps(ref, indent=2) + "\n")
    print(out, out.stat().st_size, "bytes")
    print(json.dumps(ref, indent=2))


if __name__ == "__main__":
    main()
