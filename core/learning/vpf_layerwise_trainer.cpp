#include "core/learning/vpf_layerwise_trainer.h"

#include "core/learning/mpf_objective.h"

namespace vpf {

double VpfLayerwiseTrainer::computeGradient(const std::vector<int>& rows, BoltzmannMachine& gradient) {
  const std::vector<Matrix>& y = gatherBatch(rows);
  for (auto& w : gradient.W) w.setZero();
  for (auto& b : gradient.b) b.setZero();
  for (auto& l : gradient.L) l.setZero();
  double objective = 0;
  for (int l = 0; l + 1 < m_model.layerCount(); ++l) {
    const BoltzmannMachine pair = layerPair(m_model, l);
    BoltzmannMachine g = pair;
    objective += mpfObjective(pair, std::vector<Matrix>{y[std::size_t(l)], y[std::size_t(l + 1)]}, &g);
    gradient.W[std::size_t(l)] += g.W[0];
    gradient.b[std::size_t(l)] += g.b[0];
    gradient.b[std::size_t(l + 1)] += g.b[1];
    for (int side = 0; side < 2; ++side)
      if (g.L[std::size_t(side)].size() > 0) gradient.L[std::size_t(l + side)] += g.L[std::size_t(side)];
  }
  return objective;
}

}  // namespace vpf
