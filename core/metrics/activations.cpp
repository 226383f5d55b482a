#include "core/metrics/activations.h"

#include <algorithm>
#include <cmath>

#include "core/sampling/conditionals.h"

namespace vpf {

std::vector<RowVector> meanHiddenActivations(const BoltzmannMachine& m, const Matrix& data) {
  std::vector<RowVector> means;
  Matrix below = data;
  for (int l = 1; l < m.layerCount(); ++l) {
    Matrix p = upProbability(m, l, below);
    means.push_back(p.colwise().mean());
    below = std::move(p);  // propagate probabilities (mean-field) to the next layer
  }
  return means;
}

Histogram histogram(const RowVector& values, int bins, double lo, double hi) {
  Histogram h;
  h.lo = lo;
  h.hi = hi;
  h.counts.assign(static_cast<std::size_t>(std::max(bins, 1)), 0);
  if (values.size() == 0) return h;
  const double width = (hi - lo) / static_cast<double>(h.counts.size());
  for (Eigen::Index i = 0; i < values.size(); ++i) {
    const double v = values[i];
    if (!(v >= lo && v <= hi)) continue;
    const auto bin = std::min<std::size_t>(static_cast<std::size_t>((v - lo) / width), h.counts.size() - 1);
    ++h.counts[bin];
  }
  h.mean = values.cast<double>().mean();
  return h;
}

}  // namespace vpf
