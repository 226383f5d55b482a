"""One VPF epoch of RBM(400) on the 60,000 binarised MNIST training images in numpy, the same
algorithm as `vpf train --algo vpf` (core/learning/mpf_objective.h): the E-step samples the hidden
states once per epoch, then per minibatch of 40 the MPF objective's gradient with α = ½ − y,
δ = exp(α z) clamped to ±80, G = α∘δ, ∂K/∂W = (Y0ᵀG1 + G0ᵀY1)/B, weight decay 1e-4, Adam 1e-3."""

import numpy as np

import peer_common


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def vpf_epoch(x, w, b0, b1, adam, rng, batch=40, lr=1e-3, decay=1e-4):
    h = (rng.random((x.shape[0], w.shape[1]), dtype=np.float32) < sigmoid(x @ w + b1)).astype(np.float32)
    order = rng.permutation(x.shape[0])
    for start in range(0, x.shape[0] - batch + 1, batch):
        rows = order[start:start + batch]
        y0, y1 = x[rows], h[rows]
        a0, a1 = 0.5 - y0, 0.5 - y1
        g0 = a0 * np.exp(np.clip(a0 * (y1 @ w.T + b0), -80, 80))
        g1 = a1 * np.exp(np.clip(a1 * (y0 @ w + b1), -80, 80))
        gw = (np.concatenate([y0, g0]).T @ np.concatenate([g1, y1])) / batch + 2 * decay * w
        adam.step((w, b0, b1), (gw, g0.mean(0), g1.mean(0)), lr)


class Adam:
    def __init__(self, params, beta1=0.9, beta2=0.999, eps=1e-8):
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]
        self.beta1, self.beta2, self.eps, self.t = beta1, beta2, eps, 0

    def step(self, params, grads, lr):
        self.t += 1
        c1, c2 = 1 - self.beta1 ** self.t, 1 - self.beta2 ** self.t
        for p, g, m, v in zip(params, grads, self.m, self.v):
            m *= self.beta1
            m += (1 - self.beta1) * g
            v *= self.beta2
            v += (1 - self.beta2) * g * g
            p -= lr * (m / c1) / (np.sqrt(v / c2) + self.eps)


def main():
    a = peer_common.rbm_arguments()
    x = peer_common.mnist("train")
    rng = np.random.default_rng(3)
    w = (0.01 * rng.standard_normal((784, a.hidden))).astype(np.float32)
    b0, b1 = np.zeros(784, np.float32), np.zeros(a.hidden, np.float32)
    adam = Adam((w, b0, b1))
    seconds, times = peer_common.median_seconds(lambda: vpf_epoch(x, w, b0, b1, adam, rng), a.repeats)
    peer_common.report(peer="numpy", measure="vpf_epoch_s", seconds=seconds, times=times, hidden=a.hidden)


if __name__ == "__main__":
    main()
