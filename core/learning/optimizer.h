#pragma once
// Parameter updates: Adam (Kingma & Ba, the paper's choice) and plain SGD (Theano tutorial CD).
// Weight decay λ Σ w² contributes 2λw to the gradient of weight blocks (not biases).
#include <memory>
#include <vector>

#include "core/common/types.h"
#include "core/learning/training_config.h"
#include "core/model/boltzmann_machine.h"

namespace vpf {

struct OptimizerState {
  long long step = 0;
  std::vector<std::vector<float>> firstMoment, secondMoment;  // one per parameter block (Adam)
};

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
