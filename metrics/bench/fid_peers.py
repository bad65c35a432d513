#!/usr/bin/env python3
"""FID peers for `ganboard bench fid`: the formulas of pytorch-fid and torch-fidelity, and a float64 reference.

A measuring stick, not a dependency of GANBoard. Each method runs end to end the way the peer does it:
load both .npy files, mean + np.cov (float64, N-1), then the distance.

  pytorch-fid     scipy.linalg.sqrtm(sigma1 @ sigma2), real part of its trace (pytorch_fid.fid_score)
  torch-fidelity  sum(sqrt(np.linalg.eigvals(sigma1 @ sigma2)).real)       (torch_fidelity.metric_fid)
  reference       float64 mean; symmetric form eigvalsh(S1^1/2 S2 S1^1/2), S1^1/2 from eigh, eigenvalues clamped >= 0

Prints one JSON object: method, fid, times_s (one per repetition), peak_rss_mib, library versions.
Without numpy/scipy it prints {"skipped": "..."} and exits 0, so the benchmark can say so and go on.

usage: fid_peers.py REAL.npy FAKE.npy --method {pytorch-fid,torch-fidelity,reference} [--reps N]
"""
import argparse
import json
import resource
import sys
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("real")
    ap.add_argument("fake")
    ap.add_argument("--method", required=True, choices=["pytorch-fid", "torch-fidelity", "reference"])
    ap.add_argument("--reps", type=int, default=1)
    args = ap.parse_args()
    try:
        import numpy as np
        import scipy
        from scipy import linalg
    except ImportError as e:
        print(json.dumps({"method": args.method, "skipped": f"numpy/scipy not installed ({e})"}))
        return 0

    def stats(path):
        act = np.load(path)
        # the peers take np.mean of the float32 array (a float32 mean); the reference averages in float64
        mu = np.mean(act, axis=0, dtype=np.float64) if args.method == "reference" else np.mean(act, axis=0)
        return mu, np.cov(act, rowvar=False)

    def pytorch_fid(mu1, s1, mu2, s2, eps=1e-6):
        diff = mu1 - mu2
        covmean, _ = linalg.sqrtm(s1.dot(s2), disp=False)
        if not np.isfinite(covmean).all():
            offset = np.eye(s1.shape[0]) * eps
            covmean = linalg.sqrtm((s1 + offset).dot(s2 + offset))
        if np.iscomplexobj(covmean):
            covmean = covmean.real
        return float(diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean))

    def torch_fidelity(mu1, s1, mu2, s2):
        diff = mu1 - mu2
        tr_covmean = np.sum(np.sqrt(np.linalg.eigvals(s1.dot(s2))).real)
        return float(diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * tr_covmean)

    def reference(mu1, s1, mu2, s2):
        diff = mu1 - mu2
        w, v = np.linalg.eigh(s1)
        root = (v * np.sqrt(np.clip(w, 0, None))) @ v.T
        m = root @ s2 @ root
        lam = np.linalg.eigvalsh((m + m.T) / 2)
        tr_covmean = np.sum(np.sqrt(np.clip(lam, 0, None)))
        return float(diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * tr_covmean)

    distance = {"pytorch-fid": pytorch_fid, "torch-fidelity": torch_fidelity, "reference": reference}[args.method]
    times, fid = [], None
    for _ in range(args.reps):
        t0 = time.perf_counter()
        mu1, s1 = stats(args.real)
        mu2, s2 = stats(args.fake)
        fid = distance(mu1, s1, mu2, s2)
        times.append(time.perf_counter() - t0)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({
        "method": args.method, "fid": fid, "times_s": times, "peak_rss_mib": peak_kib / 1024.0,
        "numpy": np.__version__, "scipy": scipy.__version__,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
