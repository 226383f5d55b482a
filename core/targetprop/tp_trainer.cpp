#include "core/targetprop/tp_trainer.h"

#include <algorithm>
#include <chrono>
#include <numeric>

#include "core/run/training_run.h"

namespace vpf::targetprop {

namespace {

double nowSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::vector<ParameterBlock> blocks(TpModel<float>& m) {
  std::vector<ParameterBlock> out;
  m.forEachBlock([&](const char* name, float* data, Eigen::Index size) { out.push_back({name, data, size}); });
  return out;
}

bool gradientFinite(const TpModel<float>& g) {
  return g.W1.allFinite() && g.W2.allFinite() && g.V1.allFinite() && g.V2.allFinite() && g.b1.allFinite() &&
         g.b2.allFinite() && g.c1.allFinite() && g.c2.allFinite();
}

}  // namespace

TpModel<float> freshTpModel(const TpConfig& config) {
  Rng rng(initialisationSeed(config.seed));
  return makeTpModel<float>(config.architecture, rng);
}

TpTrainer::TpTrainer(TpModel<float>& model, const Matrix& data, const TpConfig& config)
    : m_model(model), m_data(data), m_config(config), m_rng(config.seed), m_optimizer(config.optimizer) {
  config.validate(data.rows(), data.cols());
  if (!(model.arch == config.architecture))
    throw Error("the model's layer sizes or activations differ from the training settings");
  m_gradient = zeroTpModel<float>(model.arch);
  m_order.resize(static_cast<std::size_t>(data.rows()));
}

int TpTrainer::batchesPerEpoch() const {
  const int n = static_cast<int>(m_data.rows());
  return (n + m_config.batchSize - 1) / m_config.batchSize;
}

void TpTrainer::beginEpoch() {
  m_epochStartSeconds = nowSeconds();
  m_epochSum = {};
  m_lastGood = m_model;
  std::iota(m_order.begin(), m_order.end(), 0);
  if (m_config.shuffle)
    for (std::size_t i = m_order.size(); i > 1; --i)
      std::swap(m_order[i - 1], m_order[m_rng.below(static_cast<std::uint32_t>(i))]);
  m_batch = 0;
  m_epochOpen = true;
}

TpBatchStats TpTrainer::step() {
  if (!m_epochOpen) beginEpoch();
  const int n = static_cast<int>(m_data.rows());
  const int begin = m_batch * m_config.batchSize;
  const int end = std::min(n, begin + m_config.batchSize);
  Matrix x(end - begin, m_data.cols());
  for (int i = begin; i < end; ++i) x.row(i - begin) = m_data.row(m_order[static_cast<std::size_t>(i)]);

  const LatentState<float> latent = infer(m_model, x, m_config.inference);
  TpLosses losses = mStepGradient(m_model, x, latent, m_config.corruption, m_rng, m_gradient);
  losses.reconstruction = reconstructionCost(m_model, x);
  // A non-finite gradient is refused before it touches the parameters; a finite one that still
  // breaks them brings back the epoch's starting parameters (as Trainer does).
  const bool finite = losses.allFinite() && gradientFinite(m_gradient);
  if (finite) m_optimizer.apply(blocks(m_model), blocks(m_gradient));
  if (!finite || !m_model.allFinite()) {
    const int epoch = m_epochsDone, batch = m_batch;
    if (finite) m_model = m_lastGood;
    m_epochOpen = false;
    m_batch = 0;
    throw DivergenceError(epoch, batch);
  }
  TpBatchStats stats{m_epochsDone, m_batch, batchesPerEpoch(), losses};
  m_epochSum += losses;
  ++m_batch;
  if (m_batch >= batchesPerEpoch()) finishEpoch();
  return stats;
}

void TpTrainer::finishEpoch() {
  TpEpochStats e;
  e.epoch = m_epochsDone;
  e.losses = m_epochSum.scaled(1.0 / batchesPerEpoch());
  e.seconds = nowSeconds() - m_epochStartSeconds;
  m_history.push_back(e);
  ++m_epochsDone;
  m_batch = 0;
  m_epochOpen = false;
}

void TpTrainer::run(const StopToken* stop, TpTrainingObserver* observer) {
  while (m_epochsDone < m_config.epochs) {
    if (stop && stop->stopRequested()) return;
    const TpBatchStats b = step();
    if (observer && !observer->onBatch(b)) return;
    if (observer && atEpochBoundary() && !observer->onEpoch(m_history.back())) return;
  }
}

TpTrainerState TpTrainer::state() const {
  if (!atEpochBoundary()) throw Error("a resumable checkpoint can only be taken between epochs");
  return {m_epochsDone, m_rng.state(), m_optimizer.state(), m_history};
}

void TpTrainer::restore(const TpTrainerState& s) {
  const OptimizerState& o = s.optimizer;
  if (!o.firstMoment.empty()) {
    const auto params = blocks(m_model);
    const bool rms = m_config.optimizer.rule == UpdateRule::CentredRmsprop;
    const auto sizesMatch = [&](const std::vector<std::vector<float>>& moments) {
      if (moments.size() != params.size()) return false;
      for (std::size_t i = 0; i < params.size(); ++i)
        if (static_cast<Eigen::Index>(moments[i].size()) != params[i].size) return false;
      return true;
    };
    if (!sizesMatch(o.firstMoment) || !sizesMatch(o.secondMoment) || (rms && !sizesMatch(o.momentum)) ||
        (!rms && !o.momentum.empty()))
      throw Error("the checkpoint's optimizer state does not match the model's parameter blocks or the optimizer");
  }
  m_rng.setState(s.rngState);
  m_optimizer.restore(o);
  m_epochsDone = s.epochsDone;
  m_history = s.history;
  m_batch = 0;
  m_epochOpen = false;
}

}  // namespace vpf::targetprop
