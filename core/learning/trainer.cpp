#include "core/learning/trainer.h"

#include <algorithm>
#include <chrono>
#include <numeric>

#include "core/learning/algorithms.h"
#include "core/metrics/weight_stats.h"

namespace vpf {

namespace {
double nowSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
}  // namespace

Trainer::Trainer(BoltzmannMachine& model, const Matrix& data, const TrainingConfig& config)
    : m_model(model), m_data(data), m_config(config), m_rng(config.seed), m_optimizer(makeOptimizer(config)) {
  m_config.validate(model.sizes, static_cast<std::size_t>(data.rows()));
  if (data.cols() != model.sizes[0])
    throw Error("the data has " + std::to_string(data.cols()) + " pixels per image but the model's visible layer has " +
                std::to_string(model.sizes[0]) + " units");
  m_gradient = BoltzmannMachine::zeros(model.sizes, model.hasIntraLayer());
  m_order.resize(static_cast<std::size_t>(data.rows()));
}

Trainer::~Trainer() = default;

int Trainer::batchesPerEpoch() const {
  const int n = static_cast<int>(m_data.rows());
  return (n + m_config.batchSize - 1) / m_config.batchSize;
}

void Trainer::beginEpoch() {
  m_epochStartSeconds = nowSeconds();
  m_epochObjectiveSum = 0;
  m_lastGood = m_model;
  prepareEpoch();
  // Shuffle after the E-step so both consume the generator in a fixed order.
  std::iota(m_order.begin(), m_order.end(), 0);
  for (std::size_t i = m_order.size(); i > 1; --i)
    std::swap(m_order[i - 1], m_order[m_rng.below(static_cast<std::uint32_t>(i))]);
  m_batch = 0;
  m_epochOpen = true;
}

BatchStats Trainer::step() {
  if (!m_epochOpen) beginEpoch();
  const int n = static_cast<int>(m_data.rows());
  const int begin = m_batch * m_config.batchSize;
  const int end = std::min(n, begin + m_config.batchSize);
  std::vector<int> rows(m_order.begin() + begin, m_order.begin() + end);

  const double objective = computeGradient(rows, m_gradient);
  // A non-finite gradient is refused before it touches the parameters, so they stay the last good
  // ones without copying them every batch. (With a finite gradient Adam's step is bounded; only an
  // overflowing SGD step can still break them — then the epoch's starting parameters come back.)
  const bool finiteGradient = std::isfinite(objective) && m_gradient.allFinite();
  if (finiteGradient) m_optimizer->apply(m_model, m_gradient);
  if (!finiteGradient || !m_model.allFinite()) {
    const int epoch = m_epochsDone, batch = m_batch;
    if (finiteGradient) m_model = m_lastGood;
    m_epochOpen = false;
    m_batch = 0;
    throw DivergenceError(epoch, batch);
  }
  BatchStats stats{m_epochsDone, m_batch, batchesPerEpoch(), objective};
  m_epochObjectiveSum += objective;
  ++m_batch;
  if (m_batch >= batchesPerEpoch()) finishEpoch();
  return stats;
}

void Trainer::finishEpoch() {
  EpochStats e;
  e.epoch = m_epochsDone;
  e.objective = m_epochObjectiveSum / batchesPerEpoch();
  e.seconds = nowSeconds() - m_epochStartSeconds;
  for (const auto& w : m_model.W) {
    e.sparsity.push_back(weightSparsity(w));
    e.squaredWeight.push_back(squaredWeight(w));
  }
  m_history.push_back(e);
  ++m_epochsDone;
  m_batch = 0;
  m_epochOpen = false;
}

void Trainer::run(const StopToken* stop, TrainingObserver* observer) {
  while (m_epochsDone < m_config.epochs) {
    if (stop && stop->stopRequested()) return;
    const BatchStats b = step();
    if (observer && !observer->onBatch(b)) return;
    if (observer && atEpochBoundary() && !observer->onEpoch(m_history.back())) return;
  }
}

std::unique_ptr<Trainer> makeTrainer(BoltzmannMachine& model, const Matrix& data, const TrainingConfig& config) {
  return algorithmInfo(config.algorithm).makeTrainer(model, data, config);
}

TrainerState Trainer::state() const {
  if (!atEpochBoundary()) throw Error("a resumable checkpoint can only be taken between epochs");
  TrainerState s;
  s.epochsDone = m_epochsDone;
  s.rngState = m_rng.state();
  s.optimizer = m_optimizer->state();
  s.history = m_history;
  saveExtraState(s);
  return s;
}

void Trainer::restore(const TrainerState& s) {
  std::size_t blockCount = 0;
  std::vector<std::size_t> blockSizes;
  m_model.forEachBlock([&](const std::string&, float*, Eigen::Index size, bool) {
    ++blockCount;
    blockSizes.push_back(static_cast<std::size_t>(size));
  });
  if (!s.optimizer.firstMoment.empty()) {
    if (s.optimizer.firstMoment.size() != blockCount || s.optimizer.secondMoment.size() != blockCount)
      throw Error("checkpoint optimizer state does not match the model's parameter blocks");
    for (std::size_t i = 0; i < blockCount; ++i)
      if (s.optimizer.firstMoment[i].size() != blockSizes[i] || s.optimizer.secondMoment[i].size() != blockSizes[i])
        throw Error("checkpoint optimizer state has the wrong size for parameter block " + std::to_string(i));
  }
  m_rng.setState(s.rngState);
  m_optimizer->restore(s.optimizer);
  m_epochsDone = s.epochsDone;
  m_history = s.history;
  m_batch = 0;
  m_epochOpen = false;
  restoreExtraState(s);
}

}  // namespace vpf
