#pragma once
// What crosses from the training worker thread to the GUI (DESIGN §9): an immutable snapshot of
// the model, its metrics and the counters, shared as std::shared_ptr<const TrainingSnapshot>.
// The worker never touches a snapshot after emitting it; the GUI only reads it.
#include <QMetaType>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/common/shared_series.h"
#include "core/common/types.h"
#include "core/learning/trainer.h"
#include "core/learning/training_config.h"
#include "core/model/boltzmann_machine.h"

namespace vpf {

enum class TrainingPhase {
  Empty,     // no model yet
  Paused,    // a model, not training (also after a single step)
  Running,   // training until the target epoch count
  Stepping,  // running to the end of the current epoch ("step one epoch")
  Finished,  // reached the target epoch count
};

struct TrainingSnapshot {
  quint64 generation = 0;  // a new model/run (setup, reset, open) increments it; stale snapshots are dropped
  quint64 sequence = 0;    // increasing within a generation
  TrainingPhase phase = TrainingPhase::Empty;

  BoltzmannMachine model;        // a copy of the parameters
  TrainingConfig config;         // the configuration in use
  std::string datasetName;       // "mnist", "fashion", a path…
  std::string architecture;      // "RBM 784-196"
  int imageWidth = 28, imageHeight = 28;

  int epochsDone = 0;            // finished epochs (in total, including resumed ones)
  int batchIndex = 0;            // next batch within the current epoch
  int batchesPerEpoch = 0;
  int targetEpochs = 0;          // config.epochs
  long long batchesTrained = 0;  // batches trained in this session (not across resumes)
  bool atEpochBoundary = true;

  // The growing logs share their history with earlier snapshots (core/common/shared_series.h).
  SharedSeries<EpochStats, 64> history;  // per finished epoch
  /// Weight statistics of the model as set up (epoch −1), when it started untrained in this session.
  std::optional<EpochStats> initialStats;
  SharedSeries<double> batchObjective;  // per batch trained in this session
  double batchStartEpoch = 0;          // epoch at which batchObjective starts

  double samplesPerSecond = 0;   // recent training throughput
  double etaSeconds = -1;        // to the target epoch count; < 0 unknown
  double trainingSeconds = 0;    // time spent training in this session

  /// Mean p(h_l | h_{l−1}) per hidden unit over the first ≤ 10,000 training images, per hidden layer
  /// (index l−1), computed when the model was set up and at the end of every epoch.
  std::vector<RowVector> meanActivations;
  int activationSamples = 0;
  int activationEpoch = -1;      // epochsDone when they were computed

  /// Receptive fields of hidden layers 2 … ℓ in pixel space, W0·W1⋯ (index l−2); layer 1 is model.W[0].
  std::vector<std::shared_ptr<const Matrix>> projections;

  /// Present at epoch boundaries: everything needed to resume exactly (checkpoint).
  std::shared_ptr<const TrainerState> trainerState;

  /// The filters of hidden layer `layer` (1 … ℓ) in pixel space (n0 × n_layer), or null.
  const Matrix* filters(int layer) const {
    if (layer == 1 && !model.W.empty()) return &model.W[0];
    const std::size_t i = static_cast<std::size_t>(layer - 2);
    if (layer >= 2 && i < projections.size() && projections[i]) return projections[i].get();
    return nullptr;
  }
  bool isTraining() const { return phase == TrainingPhase::Running || phase == TrainingPhase::Stepping; }
};

using SnapshotPtr = std::shared_ptr<const TrainingSnapshot>;

}  // namespace vpf

Q_DECLARE_METATYPE(vpf::SnapshotPtr)
