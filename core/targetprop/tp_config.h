#pragma once
// Settings of a target-propagation training run (Bengio et al. 2015; defaults from spec A5: the
// paper's where it gives them, else the reference code's, except the shuffled batch order).
#include <cstdint>
#include <string>

#include "core/learning/block_optimizer.h"
#include "core/targetprop/inference.h"
#include "core/targetprop/m_step.h"
#include "core/targetprop/tp_model.h"

namespace vpf::targetprop {

/// The reference code's optimizer: centred RMSprop, lr 1e−5, averaging 0.95, momentum 0.9, 1e−4.
BlockOptimizerSettings referenceRmsprop();

UpdateRule parseUpdateRule(const std::string& name);  // "rmsprop" | "adam" | "sgd"; throws vpf::Error
std::string updateRuleName(UpdateRule rule);
/// rmsprop: the reference code's 1e−5, which also won on validation (docs/results/study-targetprop.md);
/// adam: spec A7's candidate 1e−4; sgd 1e−3.
double defaultLearningRate(UpdateRule rule);

struct TpConfig {
  TpArchitecture architecture;
  int epochs = 20;  // the paper's (the code ran 1000)
  int batchSize = 100;
  BlockOptimizerSettings optimizer = referenceRmsprop();
  InferenceSettings inference;    // N 15, δ 0.1, α 0.001
  CorruptionSettings corruption;  // σ 0.5 / 0.3 / 0.5, 3 spikes
  bool shuffle = true;            // the code keeps a fixed order; here reshuffled every epoch (seeded)
  bool binarised = false;         // pixels grey (the code) or binarised at 0.5; the caller prepares them
  std::uint64_t seed = 1;         // the trainer's stream; the initialisation uses initialisationSeed(seed)

  /// Throws vpf::Error naming the bad field; `rows`, `cols`: the training data's shape.
  void validate(Eigen::Index rows, Eigen::Index cols) const;
};

}  // namespace vpf::targetprop
