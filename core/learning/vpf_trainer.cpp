#include "core/learning/vpf_trainer.h"

#include "core/learning/mpf_objective.h"
#include "core/sampling/conditionals.h"

namespace vpf {

VpfTrainer::VpfTrainer(BoltzmannMachine& model, const Matrix& data, const TrainingConfig& config)
    : Trainer(model, data, config), m_batch(static_cast<std::size_t>(model.layerCount())) {}

void VpfTrainer::prepareEpoch() { m_hidden = vpfEStep(m_model, m_data, m_rng, m_config.meanFieldEStep); }

const std::vector<Matrix>& VpfTrainer::gatherBatch(const std::vector<int>& rows) {
  const Eigen::Index n = static_cast<Eigen::Index>(rows.size());
  for (int l = 0; l < m_model.layerCount(); ++l) {
    const Matrix& source = l == 0 ? m_data : m_hidden[static_cast<std::size_t>(l - 1)];
    m_batch[l].resize(n, source.cols());
    for (Eigen::Index i = 0; i < n; ++i) m_batch[l].row(i) = source.row(rows[static_cast<std::size_t>(i)]);
  }
  return m_batch;
}

double VpfTrainer::computeGradient(const std::vector<int>& rows, BoltzmannMachine& gradient) {
  return mpfObjective(m_model, gatherBatch(rows), &gradient);
}

}  // namespace vpf
