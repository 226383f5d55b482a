#pragma once
// Pieces every AIS estimate of log Z shares (DESIGN §7): the base-rate model's visible biases from
// the data's pixel marginals, and the summary of the importance weights, log Ẑ = log Z_A +
// log mean(w) with the spread log(mean(w) ± 3·se(w)).
#include <Eigen/Core>

#include "core/common/types.h"
#include "core/likelihood/rbm_likelihood.h"

namespace vpf::ais {

/// logit of each pixel's mean over `data` (N × n0, binarised), smoothed so no bias is infinite.
RowVector baseRateBiases(const Matrix& data);

/// softplus(z) = log(1 + e^z), stable for any z.
double softplus(double z);

/// Throws vpf::Error unless 2 ≤ runs ≤ 100,000 and `data` has rows with `visible` columns.
void checkAisInput(int runs, const Matrix& data, int visible);

/// The exact estimate log Σ exp(terms) (one term per enumerated state), summed stably.
PartitionEstimate exactSum(const Eigen::VectorXd& terms);

/// log Ẑ from the chains' log weights; `betas` = the number of β intervals.
PartitionEstimate summarise(const Eigen::VectorXd& logWeights, double logZBase, int betas);

}  // namespace vpf::ais
