#include "core/likelihood/ais_support.h"

#include <cmath>
#include <string>

#include "core/common/error.h"

namespace vpf::ais {

RowVector baseRateBiases(const Matrix& data) {
  const RowVector mean = ((data.colwise().sum().array() + 0.05f) / (static_cast<float>(data.rows()) + 0.1f)).matrix();
  return (mean.array() / (1 - mean.array())).log().matrix();
}

void checkAisInput(int runs, const Matrix& data, int visible) {
  if (runs < 2 || runs > 100000) throw Error("AIS runs must be in [2, 100000] (got " + std::to_string(runs) + ")");
  if (data.rows() == 0 || data.cols() != visible) throw Error("AIS needs data with one column per visible unit");
}

PartitionEstimate exactSum(const Eigen::VectorXd& terms) {
  const double top = terms.maxCoeff();
  PartitionEstimate e;
  e.logZ = e.logZLow = e.logZHigh = top + std::log((terms.array() - top).exp().sum());
  e.exact = true;
  return e;
}

double softplus(double z) { return z > 30 ? z : (z < -30 ? std::exp(z) : std::log1p(std::exp(z))); }

PartitionEstimate summarise(const Eigen::VectorXd& logWeights, double logZBase, int betas) {
  const auto runs = logWeights.size();
  // Relative to the largest weight, so the exponentials cannot overflow.
  const double top = logWeights.maxCoeff();
  const Eigen::ArrayXd w = (logWeights.array() - top).exp();
  const double m = w.mean();
  const double se = std::sqrt((w - m).square().sum() / double(runs - 1) / double(runs));
  PartitionEstimate e;
  e.logZ = logZBase + top + std::log(m);
  e.logZHigh = logZBase + top + std::log(m + 3 * se);
  e.logZLow = m - 3 * se > 0 ? logZBase + top + std::log(m - 3 * se) : -INFINITY;
  e.runs = static_cast<int>(runs);
  e.betas = betas;
  return e;
}

}  // namespace vpf::ais
