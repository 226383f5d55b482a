#pragma once
// True log-likelihoods of RBMs (DESIGN §7): log p(v) = −F(v) − log Z, with the partition function
// Z either summed exactly (the smaller layer enumerated, at most 20 units) or estimated by annealed
// importance sampling (Salakhutdinov & Murray 2008). AIS anneals from a base-rate RBM A (W = 0,
// visible biases from the data's pixel marginals, Z_A in closed form) to the model B through the
// RBMs with weights βW, hidden biases βc and visible biases (1−β)b_A + βb; each of `runs` parallel
// chains accumulates log w = Σ_k [log p*_k(v_k) − log p*_{k−1}(v_k)], one Gibbs sweep per β, and
// log Ẑ_B = log Z_A + log mean(w). The spread is log(mean(w) ± 3·se(w)), se = sd(w)/√runs.
#include <cstdint>
#include <functional>
#include <vector>

#include "core/common/types.h"
#include "core/model/boltzmann_machine.h"

namespace vpf {

/// The β schedule of Salakhutdinov & Murray (2008) scaled to `steps` intervals: 1,000/14,500 of
/// them evenly to 0.5, 4,000/14,500 to 0.9, the rest to 1. Starts at 0, ends at 1.
std::vector<double> aisBetaSchedule(int steps = 14500);

struct PartitionEstimate {
  double logZ = 0, logZLow = 0, logZHigh = 0;  // estimate and its ± 3 standard errors (exact: all equal)
  int runs = 0, betas = 0;                     // 0 for an exact sum
  bool exact = false;
  bool cancelled = false;
};

/// Largest layer exactLogPartition enumerates (2^20 states, about a second for 784 visible units).
inline constexpr int kMaxExactUnits = 20;
/// log Z by summing over the smaller layer's 2^n states; throws vpf::Error for a non-RBM or
/// n > kMaxExactUnits.
PartitionEstimate exactLogPartition(const BoltzmannMachine& rbm);

/// AIS estimate of log Z. `data` (N × n0, binarised) gives the base-rate visible biases. Deterministic
/// for a seed. `progress(fraction)` returning false cancels (result.cancelled).
PartitionEstimate aisLogPartition(const BoltzmannMachine& rbm, const Matrix& data, int runs, int betaSteps,
                                  std::uint64_t seed, const std::function<bool(double)>& progress = {});

struct LogLikelihood {
  double mean = 0, standardError = 0;  // over the images, with log Z taken as exact
  int images = 0;
};

/// Mean of −F(v) − logZ over the rows of `images` (binarised), with its standard error.
LogLikelihood rbmLogLikelihood(const BoltzmannMachine& rbm, const Matrix& images, double logZ);

}  // namespace vpf
