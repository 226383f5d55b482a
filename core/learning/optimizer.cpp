#include "core/learning/optimizer.h"

namespace vpf {

namespace {

// Weight decay λ Σ w² adds 2λw to the gradient of weight blocks.
void addWeightDecay(BoltzmannMachine& model, BoltzmannMachine& gradient, double lambda) {
  if (lambda == 0) return;
  const float twoLambda = static_cast<float>(2 * lambda);
  for (std::size_t l = 0; l < model.W.size(); ++l) gradient.W[l] += twoLambda * model.W[l];
  for (std::size_t l = 0; l < model.L.size(); ++l)
    if (model.L[l].size() > 0) gradient.L[l] += twoLambda * model.L[l];
}

std::vector<ParameterBlock> blocks(BoltzmannMachine& m) {
  std::vector<ParameterBlock> out;
  m.forEachBlock([&](const std::string& name, float* data, Eigen::Index size, bool) {
    out.push_back({name, data, size});
  });
  return out;
}

void zeroIntraDiagonals(BoltzmannMachine& model) {
  for (auto& l : model.L)
    if (l.size() > 0) l.diagonal().setZero();
}

BlockOptimizerSettings blockSettings(const TrainingConfig& c) {
  BlockOptimizerSettings s;
  s.rule = c.optimizer == OptimizerKind::Sgd ? UpdateRule::Sgd : UpdateRule::Adam;
  s.learningRate = c.learningRate;
  s.beta1 = c.beta1;
  s.beta2 = c.beta2;
  s.epsilon = c.epsilon;
  return s;
}

class BoltzmannOptimizer : public Optimizer {
 public:
  explicit BoltzmannOptimizer(const TrainingConfig& c) : m_weightDecay(c.weightDecay), m_blocks(blockSettings(c)) {}

  void apply(BoltzmannMachine& model, BoltzmannMachine& gradient) override {
    addWeightDecay(model, gradient, m_weightDecay);
    m_blocks.apply(blocks(model), blocks(gradient));
    zeroIntraDiagonals(model);
  }
  OptimizerState state() const override { return m_blocks.state(); }
  void restore(const OptimizerState& s) override { m_blocks.restore(s); }

 private:
  double m_weightDecay;
  BlockOptimizer m_blocks;
};

}  // namespace

std::unique_ptr<Optimizer> makeOptimizer(const TrainingConfig& config) {
  return std::make_unique<BoltzmannOptimizer>(config);
}

}  // namespace vpf
