#include "core/likelihood/rbm_likelihood.h"

#include <algorithm>
#include <cmath>

#include "core/common/error.h"
#include "core/common/rng.h"
#include "core/likelihood/ais_support.h"

namespace vpf {

namespace {

using ais::softplus;

void requireRbm(const BoltzmannMachine& m) {
  if (!m.isRbm()) throw Error("true log-likelihoods are computed for RBMs (one hidden layer, no intra-layer weights)");
}

// log p*_β(v) of the annealing path for each row, given the hidden input x = vW + c of those rows.
Eigen::VectorXd logUnnormalised(double beta, const Matrix& v, const Matrix& x, const RowVector& baseBias,
                                const RowVector& bias) {
  const RowVector b = (1 - beta) * baseBias + beta * bias;
  Eigen::VectorXd out = (v * b.transpose()).cast<double>();
  for (Eigen::Index n = 0; n < x.rows(); ++n) {
    double s = 0;
    for (Eigen::Index j = 0; j < x.cols(); ++j) s += softplus(beta * x(n, j));
    out[n] += s;
  }
  return out;
}

}  // namespace

std::vector<double> aisBetaSchedule(int steps) {
  if (steps < 3) throw Error("AIS needs at least 3 β steps (got " + std::to_string(steps) + ")");
  const int first = std::max(1, static_cast<int>(std::lround(steps * 1000.0 / 14500.0)));
  const int second = std::max(1, static_cast<int>(std::lround(steps * 4000.0 / 14500.0)));
  const int third = std::max(1, steps - first - second);
  std::vector<double> betas{0.0};
  auto segment = [&](double from, double to, int n) {
    for (int i = 1; i <= n; ++i) betas.push_back(from + (to - from) * i / n);
  };
  segment(0.0, 0.5, first);
  segment(0.5, 0.9, second);
  segment(0.9, 1.0, third);
  return betas;
}

PartitionEstimate exactLogPartition(const BoltzmannMachine& rbm) {
  requireRbm(rbm);
  // Sum over the smaller layer; the other is summed out analytically (softplus terms).
  const bool overHidden = rbm.sizes[1] <= rbm.sizes[0];
  Eigen::MatrixXd W = rbm.W[0].cast<double>();
  if (!overHidden) W.transposeInPlace();
  const Eigen::RowVectorXd enumerated = (overHidden ? rbm.b[1] : rbm.b[0]).cast<double>();
  const Eigen::RowVectorXd summed = (overHidden ? rbm.b[0] : rbm.b[1]).cast<double>();
  const int n = static_cast<int>(enumerated.size());
  if (n > kMaxExactUnits)
    throw Error("an exact partition function needs a layer of at most " + std::to_string(kMaxExactUnits) +
                " units (the smaller has " + std::to_string(n) + "); use AIS");
  const std::size_t states = std::size_t(1) << n;
  Eigen::VectorXd terms(static_cast<Eigen::Index>(states));
  // Blocks of states as rows of H, so the fields are one GEMM per block.
  const Eigen::Index block = std::min<Eigen::Index>(static_cast<Eigen::Index>(states), 4096);
  Eigen::MatrixXd H(block, n), field(block, W.rows());
  for (std::size_t first = 0; first < states; first += static_cast<std::size_t>(block)) {
    for (Eigen::Index r = 0; r < block; ++r)
      for (int j = 0; j < n; ++j) H(r, j) = static_cast<double>(((first + static_cast<std::size_t>(r)) >> j) & 1u);
    field.noalias() = H * W.transpose();  // input to the summed-out layer
    field.rowwise() += summed;
    const Eigen::VectorXd linear = H * enumerated.transpose();
    for (Eigen::Index r = 0; r < block; ++r) {
      double t = linear[r];
      for (Eigen::Index i = 0; i < field.cols(); ++i) t += softplus(field(r, i));
      terms[static_cast<Eigen::Index>(first) + r] = t;
    }
  }
  return ais::exactSum(terms);
}

PartitionEstimate aisLogPartition(const BoltzmannMachine& rbm, const Matrix& data, int runs, int betaSteps,
                                  std::uint64_t seed, const std::function<bool(double)>& progress) {
  requireRbm(rbm);
  ais::checkAisInput(runs, data, rbm.sizes[0]);
  const std::vector<double> betas = aisBetaSchedule(betaSteps);
  const int nv = rbm.sizes[0], nh = rbm.sizes[1];
  const RowVector baseBias = ais::baseRateBiases(data);
  double logZA = nh * std::log(2.0);
  for (int i = 0; i < nv; ++i) logZA += softplus(baseBias[i]);

  Rng rng(seed);
  const RowVector baseP = (1.0f / (1.0f + (-baseBias.array()).exp())).matrix();
  Matrix v = rng.bernoulli(baseP.replicate(runs, 1));
  Eigen::VectorXd logW = Eigen::VectorXd::Zero(runs);
  const RowVector& c = rbm.b[1];
  Matrix x(runs, nh), h(runs, nh), pv(runs, nv);
  for (std::size_t k = 1; k < betas.size(); ++k) {
    x.noalias() = v * rbm.W[0];
    x.rowwise() += c;
    logW += logUnnormalised(betas[k], v, x, baseBias, rbm.b[0]) -
            logUnnormalised(betas[k - 1], v, x, baseBias, rbm.b[0]);
    // One Gibbs sweep leaving p_k invariant: h | v, then v | h, at β_k.
    const float beta = static_cast<float>(betas[k]);
    h = (1.0f / (1.0f + (-beta * x.array()).exp())).matrix();
    rng.bernoulliInPlace(h);
    pv.noalias() = beta * (h * rbm.W[0].transpose());
    pv.rowwise() += (1 - beta) * baseBias + beta * rbm.b[0];
    v = (1.0f / (1.0f + (-pv.array()).exp())).matrix();
    rng.bernoulliInPlace(v);
    if (progress && k % 100 == 0 && !progress(static_cast<double>(k) / (betas.size() - 1))) {
      PartitionEstimate cancelled;
      cancelled.cancelled = true;
      return cancelled;
    }
  }
  PartitionEstimate e = ais::summarise(logW, logZA, static_cast<int>(betas.size()) - 1);
  if (progress) progress(1.0);
  return e;
}

LogLikelihood rbmLogLikelihood(const BoltzmannMachine& rbm, const Matrix& images, double logZ) {
  requireRbm(rbm);
  const Eigen::VectorXd ll = -freeEnergy(rbm, images).array() - logZ;
  LogLikelihood out;
  out.images = static_cast<int>(ll.size());
  if (ll.size() == 0) return out;
  out.mean = ll.mean();
  if (ll.size() > 1)
    out.standardError = std::sqrt((ll.array() - out.mean).square().sum() / (ll.size() - 1) / ll.size());
  return out;
}

}  // namespace vpf
