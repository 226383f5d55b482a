#include "core/learning/optimizer.h"

#include <algorithm>
#include <cmath>

#include "core/common/error.h"

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

struct Block {
  float* data;
  Eigen::Index size;
};

std::vector<Block> blocks(BoltzmannMachine& m) {
  std::vector<Block> out;
  m.forEachBlock([&](const std::string&, float* data, Eigen::Index size, bool) { out.push_back({data, size}); });
  return out;
}

void zeroIntraDiagonals(BoltzmannMachine& model) {
  for (auto& l : model.L)
    if (l.size() > 0) l.diagonal().setZero();
}

class Adam : public Optimizer {
 public:
  explicit Adam(const TrainingConfig& c) : m_config(c) {}

  void apply(BoltzmannMachine& model, BoltzmannMachine& gradient) override {
    addWeightDecay(model, gradient, m_config.weightDecay);
    auto params = blocks(model);
    auto grads = blocks(gradient);
    if (m_state.firstMoment.empty()) {
      for (const auto& p : params) {
        m_state.firstMoment.emplace_back(p.size, 0.0f);
        m_state.secondMoment.emplace_back(p.size, 0.0f);
      }
    }
    ++m_state.step;
    const double t = static_cast<double>(m_state.step);
    // Bias-corrected step size, as in Kingma & Ba Alg. 1 (the efficient form).
    const float lrT = static_cast<float>(m_config.learningRate * std::sqrt(1 - std::pow(m_config.beta2, t)) /
                                         (1 - std::pow(m_config.beta1, t)));
    const float b1 = static_cast<float>(m_config.beta1), b2 = static_cast<float>(m_config.beta2);
    const float eps = static_cast<float>(m_config.epsilon);
    // Elementwise and memory-bound: split every block into chunks and update them on all cores
    // (a VPF epoch does ~1,500 of these passes over every parameter).
    constexpr Eigen::Index kChunk = 16384;
    std::vector<std::pair<std::size_t, Eigen::Index>> chunks;
    for (std::size_t i = 0; i < params.size(); ++i)
      for (Eigen::Index begin = 0; begin < params[i].size; begin += kChunk) chunks.emplace_back(i, begin);
#pragma omp parallel for schedule(static) if (chunks.size() > 4)
    for (std::size_t c = 0; c < chunks.size(); ++c) {
      const auto [i, begin] = chunks[c];
      const Eigen::Index n = std::min(kChunk, params[i].size - begin);
      Eigen::Map<Eigen::ArrayXf> p(params[i].data + begin, n), g(grads[i].data + begin, n);
      Eigen::Map<Eigen::ArrayXf> m(m_state.firstMoment[i].data() + begin, n);
      Eigen::Map<Eigen::ArrayXf> v(m_state.secondMoment[i].data() + begin, n);
      m = b1 * m + (1 - b1) * g;
      v = b2 * v + (1 - b2) * g.square();
      p -= lrT * m / (v.sqrt() + eps);
    }
    zeroIntraDiagonals(model);
  }
  OptimizerState state() const override { return m_state; }
  void restore(const OptimizerState& s) override { m_state = s; }

 private:
  TrainingConfig m_config;
  OptimizerState m_state;
};

class Sgd : public Optimizer {
 public:
  explicit Sgd(const TrainingConfig& c) : m_config(c) {}
  void apply(BoltzmannMachine& model, BoltzmannMachine& gradient) override {
    addWeightDecay(model, gradient, m_config.weightDecay);
    auto params = blocks(model);
    auto grads = blocks(gradient);
    const float lr = static_cast<float>(m_config.learningRate);
    for (std::size_t i = 0; i < params.size(); ++i) {
      Eigen::Map<Eigen::ArrayXf> p(params[i].data, params[i].size), g(grads[i].data, grads[i].size);
      p -= lr * g;
    }
    zeroIntraDiagonals(model);
    ++m_state.step;
  }
  OptimizerState state() const override { return m_state; }
  void restore(const OptimizerState& s) override { m_state = s; }

 private:
  TrainingConfig m_config;
  OptimizerState m_state;
};

}  // namespace

std::unique_ptr<Optimizer> makeOptimizer(const TrainingConfig& config) {
  if (config.optimizer == OptimizerKind::Sgd) return std::make_unique<Sgd>(config);
  return std::make_unique<Adam>(config);
}

}  // namespace vpf
