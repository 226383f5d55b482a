#include "core/metrics/parzen.h"

#include <cmath>
#include <numbers>

#include "core/common/error.h"

namespace vpf {

namespace {

// log p(x) for rows [begin, end) of test against all samples, written into out. One GEMM, then one
// fused, vectorised float pass per row over its cross products: d²_j = ‖x‖² + ‖μ_j‖² − 2x·μ_j in
// place, m = min_j d²_j, Σ_j exp(−(d²_j − m)/2σ²). Subtracting m before scaling keeps the terms that
// matter (d²_j near m) accurate to float rounding; the result is assembled in double.
void parzenBlock(const Matrix& samples, const Eigen::ArrayXf& sampleNorms, const Matrix& test, Eigen::Index begin,
                 Eigen::Index end, double sigma, Eigen::VectorXd& out) {
  const Eigen::Index rows = end - begin;
  const auto x = test.middleRows(begin, rows);
  Matrix cross(rows, samples.rows());
  cross.noalias() = x * samples.transpose();
  const Eigen::VectorXf xNorms = x.rowwise().squaredNorm();
  const double scale = -1.0 / (2.0 * sigma * sigma);
  const float scaleF = static_cast<float>(scale);
  const double logNorm = static_cast<double>(test.cols()) * std::log(sigma * std::sqrt(2.0 * std::numbers::pi));
  const double logCount = std::log(static_cast<double>(samples.rows()));
  // Each thread works in its own aligned buffer, so every row takes the same vectorised path: in
  // place, rows of cross start misaligned when the sample count is not a multiple of the packet
  // size, and Eigen would put a varying number of leading elements on its scalar path.
#pragma omp parallel
  {
    Eigen::ArrayXf d2(cross.cols());
#pragma omp for schedule(static)
    for (Eigen::Index i = 0; i < rows; ++i) {
      d2 = (sampleNorms + (xNorms[i] - 2.0f * cross.row(i).transpose().array())).max(0.0f);
      const float nearest = d2.minCoeff();
      const double sum = static_cast<double>(((d2 - nearest) * scaleF).exp().sum());
      out[begin + i] = scale * static_cast<double>(nearest) + std::log(sum) - logCount - logNorm;
    }
  }
}

void checkInputs(const Matrix& samples, const Matrix& test, double sigma) {
  if (samples.rows() == 0) throw Error("Parzen estimate needs at least one generated sample");
  if (test.rows() == 0) throw Error("Parzen estimate needs at least one test image");
  if (samples.cols() != test.cols())
    throw Error("samples have " + std::to_string(samples.cols()) + " pixels but test images " +
                std::to_string(test.cols()));
  if (!(sigma > 0) || !std::isfinite(sigma)) throw Error("Parzen σ must be positive");
}

}  // namespace

Eigen::VectorXd parzenLogDensities(const Matrix& samples, const Matrix& test, double sigma, int blockRows) {
  checkInputs(samples, test, sigma);
  Eigen::VectorXd out(test.rows());
  const Eigen::ArrayXf norms = samples.rowwise().squaredNorm().array();
  for (Eigen::Index b = 0; b < test.rows(); b += blockRows)
    parzenBlock(samples, norms, test, b, std::min<Eigen::Index>(test.rows(), b + blockRows), sigma, out);
  return out;
}

ParzenResult parzenLogLikelihood(const Matrix& samples, const Matrix& test, double sigma,
                                 const std::function<bool(double)>& progress, int blockRows) {
  checkInputs(samples, test, sigma);
  ParzenResult r;
  r.sigma = sigma;
  r.samples = static_cast<int>(samples.rows());
  Eigen::VectorXd logp(test.rows());
  const Eigen::ArrayXf norms = samples.rowwise().squaredNorm().array();
  Eigen::Index done = 0;
  for (Eigen::Index b = 0; b < test.rows(); b += blockRows) {
    const Eigen::Index end = std::min<Eigen::Index>(test.rows(), b + blockRows);
    parzenBlock(samples, norms, test, b, end, sigma, logp);
    done = end;
    if (progress && !progress(static_cast<double>(done) / static_cast<double>(test.rows()))) {
      r.cancelled = true;
      break;
    }
  }
  const Eigen::VectorXd part = logp.head(done);
  r.testImages = static_cast<int>(done);
  if (done == 0) return r;
  r.mean = part.mean();
  if (done > 1) {
    const double var = (part.array() - r.mean).square().sum() / static_cast<double>(done - 1);
    r.standardError = std::sqrt(var / static_cast<double>(done));
  }
  return r;
}

double selectParzenSigma(const Matrix& samples, const Matrix& validation, std::vector<double> candidates) {
  if (candidates.empty())
    for (int i = 0; i < 10; ++i) candidates.push_back(std::pow(10.0, -1.0 + i / 9.0));
  double best = candidates.front(), bestValue = -INFINITY;
  for (double s : candidates) {
    const double v = parzenLogDensities(samples, validation, s).mean();
    if (v > bestValue) {
      bestValue = v;
      best = s;
    }
  }
  return best;
}

}  // namespace vpf
