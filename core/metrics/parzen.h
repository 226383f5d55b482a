#pragma once
// Parzen-window log-likelihood (DESIGN §7, paper Table 2; Breuleux et al.):
// log p(x) = logmeanexp_j(−‖x − μ_j‖² / (2σ²)) − D·log(σ√(2π)), averaged over test rows, with the
// standard error. Squared distances by GEMM (‖x‖² + ‖μ‖² − 2xμᵀ) in blocks.
#include <functional>
#include <vector>

#include "core/common/types.h"

namespace vpf {

struct ParzenResult {
  double mean = 0, standardError = 0, sigma = 0;
  int samples = 0, testImages = 0;
  bool cancelled = false;
};

/// `progress(fraction)` returning false cancels (result.cancelled = true).
ParzenResult parzenLogLikelihood(const Matrix& samples, const Matrix& test, double sigma,
                                 const std::function<bool(double)>& progress = {}, int blockRows = 1000);

/// Per test row log p(x) (for tests and CSV export).
Eigen::VectorXd parzenLogDensities(const Matrix& samples, const Matrix& test, double sigma, int blockRows = 1000);

/// σ with the best mean log-likelihood on `validation` among `candidates` (default logspace(−1,0,10)).
double selectParzenSigma(const Matrix& samples, const Matrix& validation, std::vector<double> candidates = {});

}  // namespace vpf
