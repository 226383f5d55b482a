#pragma once
// The training loop shared by VPF (paper Alg. 1) and CD-k / PCD-k, advanced one minibatch at a
// time so the GUI worker can slice it, pause it and single-step it (DESIGN §9).
// An epoch = prepareEpoch() (VPF: whole-set E-step; CD: nothing) + shuffled minibatches.
// Deterministic given TrainingConfig::seed. Divergence (a non-finite gradient or parameters) leaves
// the parameters from before the bad batch in place and throws DivergenceError.
#include <functional>
#include <memory>
#include <vector>

#include "core/common/error.h"
#include "core/common/rng.h"
#include "core/common/stop_token.h"
#include "core/common/types.h"
#include "core/learning/optimizer.h"
#include "core/learning/training_config.h"
#include "core/model/boltzmann_machine.h"

namespace vpf {

class DivergenceError : public Error {
 public:
  DivergenceError(int epoch, int batch)
      : Error("training diverged (non-finite parameters) in epoch " + std::to_string(epoch + 1) + ", batch " +
              std::to_string(batch + 1) + "; the last good parameters were restored — try a smaller learning rate"),
        epoch(epoch),
        batch(batch) {}
  int epoch, batch;
};

struct BatchStats {
  int epoch = 0;  // 0-based epoch this batch belongs to
  int batch = 0;  // 0-based index within the epoch
  int batchesPerEpoch = 0;
  double objective = 0;  // VPF: MPF K per sample; CD/PCD: reconstruction cross-entropy
};

struct EpochStats {
  int epoch = 0;                      // 0-based index of the finished epoch
  double objective = 0;               // mean over the epoch's batches
  double seconds = 0;                 // wall-clock of the epoch
  std::vector<double> sparsity;       // ρ per layer pair W[l]  (paper "Experiments")
  std::vector<double> squaredWeight;  // w² per layer pair
};

/// Everything besides the model needed to resume exactly at an epoch boundary.
struct TrainerState {
  int epochsDone = 0;
  std::string rngState;
  OptimizerState optimizer;
  std::vector<Matrix> persistentChains;  // PCD: hidden state of the persistent chains (batch × n1)
  std::vector<EpochStats> history;
};

/// Hooks of Trainer::run and TrainingRun::run; returning false stops the run after that batch.
class TrainingObserver {
 public:
  virtual ~TrainingObserver() = default;
  virtual bool onBatch(const BatchStats&) { return true; }
  virtual bool onEpoch(const EpochStats&) { return true; }
};

class Trainer {
 public:
  /// `data`: N × n0 binarised training rows; must outlive the trainer. The model is trained in place.
  Trainer(BoltzmannMachine& model, const Matrix& data, const TrainingConfig& config);
  virtual ~Trainer();

  /// One minibatch update (first starting a new epoch if the last one finished).
  /// Returns the batch stats; when the batch closes an epoch, lastEpoch() holds its stats.
  BatchStats step();
  /// Runs until `config().epochs` epochs are done in total, the token stops it (between batches) or
  /// an observer hook returns false.
  void run(const StopToken* stop = nullptr, TrainingObserver* observer = nullptr);

  int epochsDone() const { return m_epochsDone; }
  int batchIndex() const { return m_batch; }  // next batch within the current epoch
  int batchesPerEpoch() const;
  bool atEpochBoundary() const { return m_batch == 0 && !m_epochOpen; }
  const std::vector<EpochStats>& history() const { return m_history; }
  const TrainingConfig& config() const { return m_config; }
  const BoltzmannMachine& model() const { return m_model; }

  /// Valid at an epoch boundary; restore() continues exactly as the original run would.
  TrainerState state() const;
  void restore(const TrainerState& state);

 protected:
  /// Called at the start of every epoch (VPF: the E-step over the whole data set).
  virtual void prepareEpoch() = 0;
  /// Gradient of the objective (descent direction is −gradient) for the rows `rows` of the data
  /// set, written into `gradient` (same shapes as the model). Returns the batch objective.
  virtual double computeGradient(const std::vector<int>& rows, BoltzmannMachine& gradient) = 0;
  virtual void saveExtraState(TrainerState&) const {}
  virtual void restoreExtraState(const TrainerState&) {}

  BoltzmannMachine& m_model;
  const Matrix& m_data;
  TrainingConfig m_config;
  Rng m_rng;

 private:
  void beginEpoch();
  void finishEpoch();

  std::unique_ptr<Optimizer> m_optimizer;
  BoltzmannMachine m_gradient, m_lastGood;  // m_lastGood: parameters at the start of the epoch
  std::vector<int> m_order;
  int m_epochsDone = 0, m_batch = 0;
  bool m_epochOpen = false;
  double m_epochObjectiveSum = 0, m_epochStartSeconds = 0;
  std::vector<EpochStats> m_history;
};

/// The trainer for config.algorithm, from its row in algorithms() (VPF for any machine; CD/PCD for
/// RBMs only — throws otherwise).
std::unique_ptr<Trainer> makeTrainer(BoltzmannMachine& model, const Matrix& data, const TrainingConfig& config);

}  // namespace vpf
