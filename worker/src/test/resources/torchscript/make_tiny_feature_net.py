"""Makes tiny_feature_net.pt, the stand-in for the FID Inception in InceptionExtractorTest.

Run with Debian's torch (1.13): /usr/bin/python3 worker/src/test/resources/torchscript/make_tiny_feature_net.py
The module takes [B, 3, 299, 299] and returns [B, 12]: the mean of each channel over the four quadrants
(adaptive average pooling to 2 x 2), so a test can predict its output exactly from the preprocessing.
"""
import pathlib

import torch


class TinyFeatureNet(torch.nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.shape[1] != 3 or x.shape[2] != 299 or x.shape[3] != 299:
            raise ValueError("expected [B, 3, 299, 299]")
        return torch.nn.functional.adaptive_avg_pool2d(x, 2).flatten(1)


if __name__ == "__main__":
    out = pathlib.Path(__file__).with_name("tiny_feature_net.pt")
    torch.jit.script(TinyFeatureNet()).save(str(out))
    print(out, out.stat().st_size, "bytes")
