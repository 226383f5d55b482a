#include "core/metrics/weight_stats.h"

namespace vpf {

double weightSparsity(const Matrix& w) {
  if (w.size() == 0) return 0;
  const Eigen::ArrayXXd sq = w.cast<double>().array().square();
  const Eigen::ArrayXd sum2 = sq.colwise().sum().transpose();           // Σ_i w_ij² per hidden unit j
  const Eigen::ArrayXd sum4 = sq.square().colwise().sum().transpose();  // Σ_i w_ij⁴
  double total = 0;
  for (Eigen::Index j = 0; j < sum2.size(); ++j)
    if (sum4[j] > 0) total += sum2[j] * sum2[j] / sum4[j];
  return total / static_cast<double>(w.rows() * w.cols());
}

double squaredWeight(const Matrix& w) {
  if (w.cols() == 0) return 0;
  return w.cast<double>().squaredNorm() / static_cast<double>(w.cols());
}

}  // namespace vpf
