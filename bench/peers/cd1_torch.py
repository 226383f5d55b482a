"""One CD-1 epoch of RBM(400), batch 40, on the 60,000 binarised MNIST training images in PyTorch
(CPU, float32), at the thread count given: the same five products per batch as
core/learning/contrastive_divergence (positive hidden, one Gibbs step v→h→v→h, the statistics)."""
import os

# Debian's torch calls OpenBLAS from its own OpenMP threads; a second OpenBLAS thread pool on top
# oversubscribes the cores: an epoch took 9.6 s at 1 thread and 34 s at 2 here, against 3.6 s with
# OpenBLAS single-threaded and torch's own threads doing the parallel work. OpenBLAS reads this when
# it loads, which importing numpy (peer_common) already does: so before any import.
os.environ["OPENBLAS_NUM_THREADS"] = "1"

import peer_common  # noqa: E402


def cd1_epoch(torch, x, w, b0, b1, batch=40, lr=1e-3):
    order = torch.randperm(x.shape[0])
    for start in range(0, x.shape[0] - batch + 1, batch):
        v0 = x[order[start:start + batch]]
        p0 = torch.sigmoid(v0 @ w + b1)
        h0 = torch.bernoulli(p0)
        v1 = torch.bernoulli(torch.sigmoid(h0 @ w.T + b0))
        p1 = torch.sigmoid(v1 @ w + b1)
        # In place through BLAS: `w += v0.T @ p0 …` added a transposed (strided) product elementwise,
        # 11 ms per batch at one thread here.
        w.addmm_(v0.T, p0, alpha=lr / batch).addmm_(v1.T, p1, alpha=-lr / batch)
        b0 += lr * (v0 - v1).mean(0)
        b1 += lr * (p0 - p1).mean(0)


def main():
    a = peer_common.rbm_arguments(threads=1)
    import torch
    torch.set_num_threads(a.threads)
    torch.manual_seed(3)
    x = torch.from_numpy(peer_common.mnist("train"))
    w = 0.01 * torch.randn(784, a.hidden)
    b0, b1 = torch.zeros(784), torch.zeros(a.hidden)
    with torch.no_grad():
        seconds, times = peer_common.median_seconds(lambda: cd1_epoch(torch, x, w, b0, b1), a.repeats)
    peer_common.report(peer=f"pytorch {torch.__version__} ({a.threads} thread{'s' if a.threads > 1 else ''})",
                       measure="cd1_epoch_s", seconds=seconds, times=times, hidden=a.hidden, threads=a.threads,
                       blas=torch.__config__.show().split("BLAS_INFO=")[-1].split(",")[0])


if __name__ == "__main__":
    main()
