#pragma once
// Mean hidden activations (paper Fig. 3b): for each unit of hidden layer l, the mean of the
// bottom-up probabilities p(h_l|h_{l−1}) over the given data; plus their histogram.
#include <vector>

#include "core/common/types.h"
#include "core/model/boltzmann_machine.h"

namespace vpf {

/// Per layer l = 1 … ℓ (index l−1 in the result): 1 × n_l mean activations over `data` rows.
std::vector<RowVector> meanHiddenActivations(const BoltzmannMachine& m, const Matrix& data);

struct Histogram {
  double lo = 0, hi = 1;
  std::vector<int> counts;  // equal-width bins over [lo, hi]; the last bin includes hi
  double mean = 0;          // mean of the values
};
Histogram histogram(const RowVector& values, int bins = 20, double lo = 0, double hi = 1);

}  // namespace vpf
