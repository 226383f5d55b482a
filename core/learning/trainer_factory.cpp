#include "core/learning/contrastive_divergence.h"
#include "core/learning/vpf_trainer.h"

namespace vpf {

std::unique_ptr<Trainer> makeTrainer(BoltzmannMachine& model, const Matrix& data, const TrainingConfig& config) {
  if (config.algorithm == Algorithm::Vpf) return std::make_unique<VpfTrainer>(model, data, config);
  return std::make_unique<ContrastiveDivergenceTrainer>(model, data, config);
}

}  // namespace vpf
