#include "core/targetprop/tp_config.h"

#include <cmath>

#include "core/common/error.h"

namespace vpf::targetprop {

BlockOptimizerSettings referenceRmsprop() {
  BlockOptimizerSettings s;
  s.rule = UpdateRule::CentredRmsprop;
  s.learningRate = 1e-5;
  s.rmsDecay = 0.95;
  s.momentum = 0.9;
  s.stabiliser = 1e-4;
  return s;
}

UpdateRule parseUpdateRule(const std::string& name) {
  if (name == "rmsprop") return UpdateRule::CentredRmsprop;
  if (name == "adam") return UpdateRule::Adam;
  if (name == "sgd") return UpdateRule::Sgd;
  throw Error("unknown optimizer \"" + name + "\" (expected rmsprop, adam or sgd)");
}

double defaultLearningRate(UpdateRule rule) {
  return rule == UpdateRule::CentredRmsprop ? 1e-5 : rule == UpdateRule::Adam ? 1e-4 : 1e-3;
}

std::string updateRuleName(UpdateRule rule) {
  switch (rule) {
    case UpdateRule::CentredRmsprop:
      return "rmsprop";
    case UpdateRule::Adam:
      return "adam";
    case UpdateRule::Sgd:
      break;
  }
  return "sgd";
}

void TpConfig::validate(Eigen::Index rows, Eigen::Index cols) const {
  architecture.validate();
  inference.validate();
  corruption.validate();
  if (epochs < 0) throw Error("epochs must not be negative");
  if (batchSize < 1) throw Error("the batch size must be positive");
  if (rows < 1) throw Error("the training set is empty");
  if (cols != architecture.visible)
    throw Error("the data has " + std::to_string(cols) + " pixels per image but the model's visible layer has " +
                std::to_string(architecture.visible) + " units");
  const auto positive = [](double v, const char* what) {
    if (!(v > 0) || !std::isfinite(v)) throw Error(std::string(what) + " must be positive and finite");
  };
  positive(optimizer.learningRate, "the learning rate");
  positive(optimizer.epsilon, "Adam's ε");
  positive(optimizer.stabiliser, "RMSprop's stabiliser");
  for (double b : {optimizer.beta1, optimizer.beta2, optimizer.rmsDecay, optimizer.momentum})
    if (!(b >= 0 && b < 1)) throw Error("optimizer decay rates and momentum must be in [0, 1)");
}

}  // namespace vpf::targetprop
