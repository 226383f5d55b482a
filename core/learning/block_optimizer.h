#pragma once
// The arithmetic of the parameter updates over named float blocks (the forEachBlock pattern), shared
// by the Boltzmann Optimizer and the target-propagation trainer: Adam (Kingma & Ba, the VPF paper's
// choice), plain SGD (Theano tutorial CD) and centred RMSprop (the reference code of Bengio et al.
// 2015, spec A5). Every rule descends: params −= step(gradient).
#include <string>
#include <vector>

#include "core/common/types.h"

namespace vpf {

struct ParameterBlock {
  std::string name;
  float* data = nullptr;
  Eigen::Index size = 0;
};

enum class UpdateRule { Adam, Sgd, CentredRmsprop };

struct BlockOptimizerSettings {
  UpdateRule rule = UpdateRule::Adam;
  double learningRate = 1e-3;
  double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;  // Adam
  // Centred RMSprop: a ← ρa + (1−ρ)g, r ← ρr + (1−ρ)g², m ← μm − lr·g/√(r − a² + s), θ ← θ + m.
  double rmsDecay = 0.95, momentum = 0.9, stabiliser = 1e-4;
};

/// Per-block moments: Adam (m, v); centred RMSprop (a, r) plus the momentum buffer; SGD none.
struct OptimizerState {
  long long step = 0;
  std::vector<std::vector<float>> firstMoment, secondMoment;  // one per parameter block
  std::vector<std::vector<float>> momentum;                   // centred RMSprop only
};

class BlockOptimizer {
 public:
  explicit BlockOptimizer(const BlockOptimizerSettings& settings) : m_settings(settings) {}

  /// params[i] −= update(grads[i]); blocks are matched by position and must keep their sizes.
  void apply(const std::vector<ParameterBlock>& params, const std::vector<ParameterBlock>& grads);
  const OptimizerState& state() const { return m_state; }
  void restore(const OptimizerState& state) { m_state = state; }
  const BlockOptimizerSettings& settings() const { return m_settings; }

 private:
  void ensureMoments(const std::vector<ParameterBlock>& params);

  BlockOptimizerSettings m_settings;
  OptimizerState m_state;
};

}  // namespace vpf
