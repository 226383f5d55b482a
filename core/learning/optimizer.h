#pragma once
// Parameter updates of a Boltzmann machine: Adam (Kingma & Ba, the paper's choice) and plain SGD
// (Theano tutorial CD), computed by BlockOptimizer over the machine's blocks. Weight decay λ Σ w²
// contributes 2λw to the gradient of weight blocks (not biases); intra-layer diagonals stay zero.
#include <memory>
#include <vector>

#include "core/common/types.h"
#include "core/learning/block_optimizer.h"
#include "core/learning/training_config.h"
#include "core/model/boltzmann_machine.h"

namespace vpf {

class Optimizer {
 public:
  virtual ~Optimizer() = default;
  /// model -= update(gradient). Intra-layer blocks keep zero diagonals.
  virtual void apply(BoltzmannMachine& model, BoltzmannMachine& gradient) = 0;
  virtual OptimizerState state() const = 0;
  virtual void restore(const OptimizerState& state) = 0;
};

std::unique_ptr<Optimizer> makeOptimizer(const TrainingConfig& config);

}  // namespace vpf
