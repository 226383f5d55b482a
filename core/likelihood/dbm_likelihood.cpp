#include "core/likelihood/dbm_likelihood.h"

#include <algorithm>
#include <cmath>

#include "core/common/error.h"
#include "core/common/rng.h"
#include "core/likelihood/ais_support.h"
#include "core/sampling/conditionals.h"
#include "core/sampling/gibbs_chain.h"

namespace vpf {

namespace {

void requireLayered(const BoltzmannMachine& m) {
  if (m.layerCount() < 2) throw Error("a log-likelihood needs a machine with at least one hidden layer");
  if (m.hasIntra(0)) throw Error("the visible layer of a Boltzmann machine has no intra-layer weights");
}

Eigen::ArrayXXd softplus(const Eigen::ArrayXXd& z) { return z.max(0.0) + (-z.abs()).exp().log1p(); }

// Σ_j softplus((1−β)·base_j + β·field_nj) per row n: a summed-out layer's contribution to log p*_β.
Eigen::VectorXd softplusRowSums(const Eigen::ArrayXXd& field, const Eigen::RowVectorXd& base, double beta) {
  Eigen::ArrayXXd z = beta * field;
  if (base.size() > 0) z.rowwise() += (1 - beta) * base.array();
  return softplus(z).rowwise().sum().matrix();
}

// The kept layers' part of log p*_1 and the summed-out layers' fields (biases included), for states
// `y` whose summed-out layers are ignored:
//   log p*_β(y) = β·kept + Σ_{l summed} softplusRowSums(field_l, base_l, β).
template <typename S>
struct UnnormalisedTerms {
  Eigen::VectorXd kept;
  std::vector<Eigen::ArrayXXd> fields;  // per layer; empty when the layer is kept
};

template <typename S>
UnnormalisedTerms<S> unnormalisedTerms(const BasicBoltzmannMachine<S>& m, std::vector<MatrixT<S>> y,
                                       const std::vector<bool>& summed) {
  UnnormalisedTerms<S> t;
  t.fields.resize(std::size_t(m.layerCount()));
  for (int l = 0; l < m.layerCount(); ++l)
    if (summed[std::size_t(l)]) t.fields[std::size_t(l)] = localField(m, y, l).template cast<double>().array();
  // With the summed-out layers at 0 every energy term that touches them vanishes.
  for (int l = 0; l < m.layerCount(); ++l)
    if (summed[std::size_t(l)]) y[std::size_t(l)].setZero();
  t.kept = -energy(m, y).template cast<double>();
  return t;
}

// log p*_β from the terms; `base` per layer (the base rate for layer 0, empty for hidden layers).
Eigen::VectorXd logUnnormalised(const UnnormalisedTerms<float>& t, const std::vector<Eigen::RowVectorXd>& base,
                                double beta) {
  Eigen::VectorXd out = beta * t.kept;
  for (std::size_t l = 0; l < t.fields.size(); ++l)
    if (t.fields[l].size() > 0) out += softplusRowSums(t.fields[l], base[l], beta);
  return out;
}

// The machine on the annealing path at β (DESIGN §7).
BoltzmannMachine annealedMachine(const BoltzmannMachine& m, const RowVector& baseBias, float beta) {
  BoltzmannMachine a = m;
  for (auto& w : a.W) w *= beta;
  for (auto& l : a.L) l *= beta;
  for (auto& b : a.b) b *= beta;
  a.b[0] += (1 - beta) * baseBias;
  return a;
}

MatrixD logistic(const MatrixD& z) { return (1.0 / (1.0 + (-z.array()).exp())).matrix(); }

}  // namespace

std::vector<bool> summedOutLayers(const BoltzmannMachine& m) {
  std::vector<bool> summed(std::size_t(m.layerCount()));
  for (int l = 0; l < m.layerCount(); ++l) summed[std::size_t(l)] = l % 2 == 0 && !m.hasIntra(l);
  return summed;
}

int keptUnits(const BoltzmannMachine& m) {
  const std::vector<bool> summed = summedOutLayers(m);
  int n = 0;
  for (int l = 0; l < m.layerCount(); ++l)
    if (!summed[std::size_t(l)]) n += m.sizes[std::size_t(l)];
  return n;
}

PartitionEstimate exactDbmLogPartition(const BoltzmannMachine& m) {
  requireLayered(m);
  const int n = keptUnits(m);
  if (n > kMaxExactUnits)
    throw Error("an exact partition function needs at most " + std::to_string(kMaxExactUnits) +
                " units outside the summed-out layers (this machine has " + std::to_string(n) + "); use AIS");
  const std::vector<bool> summed = summedOutLayers(m);
  const BasicBoltzmannMachine<double> md = m.cast<double>();
  const std::size_t states = std::size_t(1) << n;
  const Eigen::Index block = std::min<Eigen::Index>(static_cast<Eigen::Index>(states), 4096);
  Eigen::VectorXd terms(static_cast<Eigen::Index>(states));
  std::vector<MatrixD> y(std::size_t(m.layerCount()));
  for (std::size_t first = 0; first < states; first += static_cast<std::size_t>(block)) {
    // Kept layers take consecutive bits of the state index, from layer 0 up.
    int bit = 0;
    for (int l = 0; l < m.layerCount(); ++l) {
      auto& yl = y[std::size_t(l)];
      yl.setZero(block, m.sizes[std::size_t(l)]);
      if (summed[std::size_t(l)]) continue;
      for (Eigen::Index r = 0; r < block; ++r)
        for (int j = 0; j < m.sizes[std::size_t(l)]; ++j)
          yl(r, j) = double(((first + std::size_t(r)) >> (bit + j)) & 1u);
      bit += m.sizes[std::size_t(l)];
    }
    const UnnormalisedTerms<double> t = unnormalisedTerms(md, y, summed);
    Eigen::VectorXd logp = t.kept;
    for (const auto& f : t.fields)
      if (f.size() > 0) logp += softplus(f).rowwise().sum().matrix();
    terms.segment(static_cast<Eigen::Index>(first), block) = logp;
  }
  return ais::exactSum(terms);
}

PartitionEstimate aisDbmLogPartition(const BoltzmannMachine& m, const Matrix& data, int runs, int betaSteps,
                                     std::uint64_t seed, const std::function<bool(double)>& progress) {
  requireLayered(m);
  ais::checkAisInput(runs, data, m.sizes[0]);
  const std::vector<double> betas = aisBetaSchedule(betaSteps);
  const std::vector<bool> summed = summedOutLayers(m);
  const RowVector baseBias = ais::baseRateBiases(data);
  std::vector<Eigen::RowVectorXd> base(std::size_t(m.layerCount()));
  base[0] = baseBias.cast<double>();
  // Z_A: the visible units' base rates, every hidden unit free (factor 2).
  double logZA = 0;
  for (int i = 0; i < m.sizes[0]; ++i) logZA += ais::softplus(baseBias[i]);
  for (int l = 1; l < m.layerCount(); ++l) logZA += m.sizes[std::size_t(l)] * std::log(2.0);

  // Exact samples of A: visible units from their base rates, hidden units fair coins.
  Rng rng(seed);
  std::vector<Matrix> y(std::size_t(m.layerCount())), probs(std::size_t(m.layerCount()));
  y[0] = rng.bernoulli((1.0f / (1.0f + (-baseBias.array()).exp())).matrix().replicate(runs, 1));
  for (int l = 1; l < m.layerCount(); ++l) y[std::size_t(l)] = rng.bernoulli(Matrix::Constant(runs, m.sizes[l], 0.5f));

  Eigen::VectorXd logW = Eigen::VectorXd::Zero(runs);
  for (std::size_t k = 1; k < betas.size(); ++k) {
    const UnnormalisedTerms<float> t = unnormalisedTerms(m, y, summed);
    logW += logUnnormalised(t, base, betas[k]) - logUnnormalised(t, base, betas[k - 1]);
    gibbsTransition(annealedMachine(m, baseBias, static_cast<float>(betas[k])), y, probs, rng);
    if (progress && k % 100 == 0 && !progress(static_cast<double>(k) / double(betas.size() - 1))) {
      PartitionEstimate cancelled;
      cancelled.cancelled = true;
      return cancelled;
    }
  }
  PartitionEstimate e = ais::summarise(logW, logZA, static_cast<int>(betas.size()) - 1);
  if (progress) progress(1.0);
  return e;
}

std::vector<MatrixD> meanFieldPosterior(const BoltzmannMachine& m, const Matrix& v, const MeanFieldSettings& settings) {
  requireLayered(m);
  if (v.cols() != m.sizes[0]) throw Error("the images do not match the model's visible layer");
  const BasicBoltzmannMachine<double> md = m.cast<double>();
  const int layers = m.layerCount();
  std::vector<MatrixD> mu(static_cast<std::size_t>(layers));
  mu[0] = v.cast<double>();
  // Start from the bottom-up pass with doubled input below the top (it stands in for the missing
  // top-down input, as Salakhutdinov & Hinton 2009 initialise their recognition pass).
  for (int l = 1; l < layers; ++l) {
    const double factor = l + 1 < layers ? 2.0 : 1.0;
    MatrixD z = factor * (mu[std::size_t(l - 1)] * md.W[std::size_t(l - 1)]);
    z.rowwise() += md.b[std::size_t(l)];
    mu[std::size_t(l)] = logistic(z);
  }
  std::vector<int> order;
  for (int l = 1; l < layers; l += 2) order.push_back(l);
  for (int l = 2; l < layers; l += 2) order.push_back(l);
  for (int iteration = 0; iteration < settings.maxIterations; ++iteration) {
    double change = 0;
    for (int l : order) {
      MatrixD external = mu[std::size_t(l - 1)] * md.W[std::size_t(l - 1)];
      if (l + 1 < layers) external.noalias() += mu[std::size_t(l + 1)] * md.W[std::size_t(l)].transpose();
      external.rowwise() += md.b[std::size_t(l)];
      MatrixD& ml = mu[std::size_t(l)];
      if (!md.hasIntra(l)) {
        const MatrixD next = logistic(external);
        change = std::max(change, (next - ml).cwiseAbs().maxCoeff());
        ml = next;
        continue;
      }
      for (Eigen::Index j = 0; j < ml.cols(); ++j) {  // L_jj = 0: unit j's own mean does not enter
        const Eigen::VectorXd z = external.col(j) + ml * md.L[std::size_t(l)].col(j);
        const Eigen::VectorXd next = (1.0 / (1.0 + (-z.array()).exp())).matrix();
        change = std::max(change, (next - ml.col(j)).cwiseAbs().maxCoeff());
        ml.col(j) = next;
      }
    }
    if (change < settings.tolerance) break;
  }
  return mu;
}

Eigen::VectorXd meanFieldBound(const BoltzmannMachine& m, const Matrix& v, const MeanFieldSettings& settings) {
  const std::vector<MatrixD> mu = meanFieldPosterior(m, v, settings);
  // For a factorised q, E_q[−E] is −E at the means (L has a zero diagonal).
  Eigen::VectorXd bound = -energy(m.cast<double>(), mu);
  for (std::size_t l = 1; l < mu.size(); ++l) {
    const Eigen::ArrayXXd p = mu[l].array();
    const Eigen::ArrayXXd plogp = (p > 0).select(p * p.log(), 0.0);
    const Eigen::ArrayXXd qlogq = (p < 1).select((1 - p) * (1 - p).log(), 0.0);
    bound -= (plogp + qlogq).rowwise().sum().matrix();
  }
  return bound;
}

LogLikelihood dbmLogLikelihoodBound(const BoltzmannMachine& m, const Matrix& images, double logZ,
                                    const MeanFieldSettings& settings) {
  LogLikelihood out;
  out.images = static_cast<int>(images.rows());
  if (images.rows() == 0) return out;
  const Eigen::VectorXd ll = meanFieldBound(m, images, settings).array() - logZ;
  out.mean = ll.mean();
  if (ll.size() > 1)
    out.standardError = std::sqrt((ll.array() - out.mean).square().sum() / double(ll.size() - 1) / double(ll.size()));
  return out;
}

}  // namespace vpf
