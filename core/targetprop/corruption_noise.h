#pragma once
// The M-step's input corruptions (Bengio et al. 2015, Alg. 2; spec A4): additive Gaussian noise on
// X and H1, and the "spike-like" corruption of H2, the mean of k Bernoulli(H2) samples. Fresh draws
// for every use; float, from the trainer's Rng (thread-count independent, see Rng).
#include "core/common/rng.h"
#include "core/common/types.h"

namespace vpf::targetprop {

/// u + σ Ξ, Ξ iid N(0, 1) of u's shape.
Matrix gaussianCorruption(const Matrix& u, float sigma, Rng& rng);
/// (B_1 + … + B_k)/k with B_i iid Bernoulli(p) (p clipped to [0, 1] by the comparison): values in
/// {0, 1/k, …, 1}, mean p, variance p(1 − p)/k.
Matrix spikeAverage(const Matrix& p, int samples, Rng& rng);

}  // namespace vpf::targetprop
