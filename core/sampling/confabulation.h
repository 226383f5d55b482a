#pragma once
// Confabulations from a trained machine (paper Alg. 2): the top layer starts uniformly random
// (prior "R") or from Bernoulli(mean bottom-up activation of the training data at that layer)
// (prior "P"); for i = ℓ … 1, r times: h_{i−1} ~ p(·|h_i), h_i ~ p(·|h_{i−1}), then (DBM2) an
// asynchronous intra-layer sweep on h_i. Returns p(h0 | h1), greyscale images.
#include <string>
#include <vector>

#include "core/common/rng.h"
#include "core/common/types.h"
#include "core/model/boltzmann_machine.h"

namespace vpf {

enum class ConfabulationPrior { Random, Mean };

/// Mean of the bottom-up probabilities (top-down zeroed, as in the E-step) at every layer over
/// `data` (N × n0); element l is 1 × n_l. Used by prior "P".
std::vector<RowVector> meanBottomUpActivations(const BoltzmannMachine& m, const Matrix& data);

struct ConfabulationTrace {
  std::vector<Matrix> topStates;  // per descent level i = ℓ … 1: h_{i−1} projected to pixels (for the GUI)
};

/// `count` samples (count × n0). `layerMeans` is required for prior Mean (from meanBottomUpActivations).
Matrix confabulate(const BoltzmannMachine& m, int count, ConfabulationPrior prior, int r, Rng& rng,
                   const std::vector<RowVector>* layerMeans = nullptr, ConfabulationTrace* trace = nullptr);

ConfabulationPrior parsePrior(const std::string& name);  // "random"/"R", "mean"/"P"

}  // namespace vpf
