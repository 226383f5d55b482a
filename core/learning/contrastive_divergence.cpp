#include "core/learning/contrastive_divergence.h"

#include <cmath>

#include "core/sampling/conditionals.h"

namespace vpf {

ContrastiveDivergenceTrainer::ContrastiveDivergenceTrainer(BoltzmannMachine& model, const Matrix& data,
                                                           const TrainingConfig& config)
    : Trainer(model, data, config) {
  if (model.layerCount() != 2 || model.hasIntraLayer())
    throw Error(algorithmName(config) + " trains RBMs only (one hidden layer, no intra-layer weights)");
  if (persistent()) m_chain = Matrix::Zero(config.batchSize, model.sizes[1]);
}

double ContrastiveDivergenceTrainer::computeGradient(const std::vector<int>& rows, BoltzmannMachine& gradient) {
  const Eigen::Index n = static_cast<Eigen::Index>(rows.size());
  Matrix v0(n, m_model.sizes[0]);
  for (Eigen::Index i = 0; i < n; ++i) v0.row(i) = m_data.row(rows[static_cast<std::size_t>(i)]);

  const Matrix ph0 = upProbability(m_model, 1, v0);
  Matrix h = persistent() ? Matrix(m_chain.topRows(n)) : m_rng.bernoulli(ph0);
  const Matrix hData = persistent() ? m_rng.bernoulli(ph0) : h;

  // Monitoring objective: cross-entropy of the data under p(v | one h sample of the data).
  const Matrix pvData = downProbability(m_model, 0, hData);
  const double crossEntropy =
      -(v0.array() * (pvData.array() + 1e-7f).log() + (1 - v0.array()) * (1 - pvData.array() + 1e-7f).log()).sum() /
      static_cast<double>(n);

  Matrix v, ph;
  for (int step = 0; step < m_config.k; ++step) {
    // CD's first step starts from hData, whose p(v|h) was just computed for the objective.
    v = m_rng.bernoulli(step == 0 && !persistent() ? pvData : downProbability(m_model, 0, h));
    ph = upProbability(m_model, 1, v);
    h = m_rng.bernoulli(ph);
  }
  // ⟨v pᵀ⟩_data − ⟨v pᵀ⟩_model as one GEMM over the stacked batch: [v0; −v]ᵀ [ph0; ph].
  Matrix left(2 * n, v0.cols()), right(2 * n, ph0.cols());
  left << v0, -v;
  right << ph0, ph;
  if (persistent()) m_chain.topRows(n) = h;

  const float inv = 1.0f / static_cast<float>(n);
  gradient.W[0].noalias() = left.transpose() * right;
  gradient.W[0] *= -inv;
  gradient.b[0] = -(v0.colwise().sum() - v.colwise().sum()) * inv;
  gradient.b[1] = -(ph0.colwise().sum() - ph.colwise().sum()) * inv;
  return crossEntropy;
}

void ContrastiveDivergenceTrainer::saveExtraState(TrainerState& s) const {
  if (persistent()) s.persistentChains = {m_chain};
}

void ContrastiveDivergenceTrainer::restoreExtraState(const TrainerState& s) {
  if (!persistent()) return;
  if (s.persistentChains.size() != 1 || s.persistentChains[0].rows() != m_chain.rows() ||
      s.persistentChains[0].cols() != m_chain.cols())
    throw Error("checkpoint has no persistent chain of shape " + std::to_string(m_chain.rows()) + " × " +
                std::to_string(m_chain.cols()) + " for PCD");
  m_chain = s.persistentChains[0];
}


}  // namespace vpf
