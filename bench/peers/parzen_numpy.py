"""Parzen log-likelihood of 10,000 test images under 10,000 samples (σ = 0.2), the way a numpy
user writes it: one GEMM per block of test rows, norms precomputed, a stable log-sum-exp.
The same shapes and data as `vpf bench`'s parzen figure (samples Bernoulli(0.2), float32)."""
import argparse
import math

import numpy as np

import peer_common


def parzen(samples, test, sigma, block=1000):
    n, d = samples.shape
    s2 = (samples * samples).sum(1)
    total = 0.0
    for start in range(0, test.shape[0], block):
        x = test[start:start + block]
        sq = (x * x).sum(1)[:, None] + s2[None, :] - 2.0 * (x @ samples.T)
        a = -sq / (2.0 * sigma * sigma)
        m = a.max(1, keepdims=True)
        lse = m[:, 0] + np.log(np.exp(a - m).sum(1))
        total += float(lse.astype(np.float64).sum())
    norm = math.log(n) + 0.5 * d * math.log(2.0 * math.pi * sigma * sigma)
    return total / test.shape[0] - norm


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--repeats", type=int, default=3)
    a = p.parse_args()
    rng = np.random.default_rng(1)
    samples = (rng.random((10000, 784), dtype=np.float32) < 0.2).astype(np.float32)
    test = peer_common.mnist("test")[:10000]
    result = {}
    seconds, all_times = peer_common.median_seconds(lambda: result.update(ll=parzen(samples, test, 0.2)), a.repeats)
    peer_common.report(peer="numpy", measure="parzen_s", seconds=seconds, times=all_times, log_likelihood=result["ll"])


if __name__ == "__main__":
    main()
