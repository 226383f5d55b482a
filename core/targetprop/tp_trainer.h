#pragma once
// Training of the target-propagation model (Bengio et al. 2015, Alg. 2), advanced one minibatch at a
// time like core/learning/trainer.h so a GUI worker can slice, pause and single-step it: per batch,
// INFERENCE (the E-step) and then one optimizer step on the four regressions of the M-step. Epochs
// visit the rows in an order shuffled by the trainer's Rng (seeded with config.seed). Divergence (a
// non-finite loss, gradient or parameter) restores the parameters from before the bad batch and
// throws DivergenceError. Deterministic for a seed and an OpenMP thread count. Float only.
#include <memory>
#include <string>
#include <vector>

#include "core/common/rng.h"
#include "core/common/stop_token.h"
#include "core/learning/block_optimizer.h"
#include "core/learning/trainer.h"
#include "core/targetprop/tp_config.h"

namespace vpf::targetprop {

struct TpBatchStats {
  int epoch = 0, batch = 0, batchesPerEpoch = 0;
  TpLosses losses;  // the four ℓ and the reconstruction cost of this batch (before its update)
};

struct TpEpochStats {
  int epoch = 0;    // 0-based
  TpLosses losses;  // means over the epoch's batches
  double seconds = 0;
};

/// Everything besides the model needed to resume exactly at an epoch boundary.
struct TpTrainerState {
  int epochsDone = 0;
  std::string rngState;
  OptimizerState optimizer;
  std::vector<TpEpochStats> history;
};

/// Hooks of TpTrainer::run; returning false stops the run after that batch.
class TpTrainingObserver {
 public:
  virtual ~TpTrainingObserver() = default;
  virtual bool onBatch(const TpBatchStats&) { return true; }
  virtual bool onEpoch(const TpEpochStats&) { return true; }
};

/// A fresh model for `config`, initialised from initialisationSeed(config.seed) (DESIGN §17).
TpModel<float> freshTpModel(const TpConfig& config);

class TpTrainer {
 public:
  /// `data`: N × n0 training rows in [0, 1]; model and data must outlive the trainer.
  TpTrainer(TpModel<float>& model, const Matrix& data, const TpConfig& config);

  /// One minibatch (first starting a new epoch if the last one finished).
  TpBatchStats step();
  /// Until config.epochs epochs are done, the token stops it (between batches) or a hook returns false.
  void run(const StopToken* stop = nullptr, TpTrainingObserver* observer = nullptr);

  int epochsDone() const { return m_epochsDone; }
  int batchIndex() const { return m_batch; }
  int batchesPerEpoch() const;
  bool atEpochBoundary() const { return m_batch == 0 && !m_epochOpen; }
  const std::vector<TpEpochStats>& history() const { return m_history; }
  const TpConfig& config() const { return m_config; }
  const TpModel<float>& model() const { return m_model; }

  /// Valid at an epoch boundary; restore() continues exactly as the original run would.
  TpTrainerState state() const;
  void restore(const TpTrainerState& state);

 private:
  void beginEpoch();
  void finishEpoch();

  TpModel<float>& m_model;
  const Matrix& m_data;
  TpConfig m_config;
  Rng m_rng;
  BlockOptimizer m_optimizer;
  TpModel<float> m_gradient, m_lastGood;
  std::vector<int> m_order;
  int m_epochsDone = 0, m_batch = 0;
  bool m_epochOpen = false;
  TpLosses m_epochSum;
  double m_epochStartSeconds = 0;
  std::vector<TpEpochStats> m_history;
};

}  // namespace vpf::targetprop
