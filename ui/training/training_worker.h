#pragma once
// The training worker (DESIGN §9). Lives on the QThread of a TrainingController and trains in
// slices of ~30 ms: each slice calls Trainer::step() until the budget is used, then re-posts
// itself with a queued invocation, so pause, single steps and configuration changes (queued slot
// calls from the controller) are handled between slices. The shared StopToken ends a slice early.
// Immutable snapshots are emitted at most every 40 ms (≤ 25 Hz) and at every state change.
// At the end of every epoch it computes the mean hidden activations (≤ 10,000 training images),
// the higher-layer filter projections, and writes the autosave checkpoint.
#include <QElapsedTimer>
#include <QObject>
#include <deque>
#include <memory>
#include <optional>
#include <utility>

#include "core/common/stop_token.h"
#include "core/run/training_run.h"
#include "ui/training/run_setup.h"
#include "ui/training/training_snapshot.h"

namespace vpf {

class TrainingWorker : public QObject {
  Q_OBJECT
 public:
  explicit TrainingWorker(const StopToken& stop, QObject* parent = nullptr);
  ~TrainingWorker() override;

  /// Builds a snapshot of the current state. Worker thread only — or any thread once the worker's
  /// thread has finished (the controller uses it to keep the final model).
  SnapshotPtr makeSnapshot();

  void setSliceMilliseconds(int ms) { m_sliceMs = ms; }

 public slots:
  void setup(const vpf::RunSetup& setup, quint64 generation);
  void start();
  void pause();
  void stepBatch();
  void stepEpoch();
  /// Learning rate, weight decay, optimizer betas apply from the next epoch; epochs at once.
  void updateConfig(const vpf::TrainingConfig& config);
  void requestSnapshot();

 signals:
  void snapshotReady(vpf::SnapshotPtr snapshot);
  /// `divergence`: a DivergenceError (the last good parameters are kept).
  void failed(quint64 generation, const QString& message, bool divergence);
  /// An autosave could not be written (training goes on).
  void autosaveFailed(const QString& message);

 protected:
  bool event(QEvent* event) override;  // runs the controller's calls (ui/support/queued_call.h)

 private:
  void limitThreads();
  void runSlice();
  void scheduleSlice();
  bool trainOneBatch();  // false on failure (already reported)
  void onEpochFinished();
  void computeEpochMetrics();
  void computeProjections();
  void writeAutosave();
  void applyPendingConfig();
  void emitSnapshot(bool force);
  void setPhase(TrainingPhase phase);
  void fail(const QString& message, bool divergence);
  double etaSeconds() const;

  const StopToken& m_stop;
  quint64 m_generation = 0, m_sequence = 0;
  TrainingPhase m_phase = TrainingPhase::Empty;
  int m_sliceMs = 30;
  bool m_sliceScheduled = false;
  bool m_threadsLimited = false;

  RunSetup m_setup;
  std::shared_ptr<const Dataset> m_binarizedFrom;
  double m_binarizedThreshold = -1;
  std::shared_ptr<Matrix> m_data;            // binarised training rows
  Matrix m_activationData;                   // the first ≤ 10,000 of them
  std::unique_ptr<TrainingRun> m_run;        // refers to m_data
  std::unique_ptr<TrainingConfig> m_pendingConfig;

  SharedSeries<double> m_batchObjective;
  SharedSeries<EpochStats, 64> m_history;  // mirrors the run's history, shared with the snapshots
  double m_batchStartEpoch = 0;
  long long m_batchesTrained = 0;
  std::vector<RowVector> m_meanActivations;
  int m_activationEpoch = -1, m_activationSamples = 0;
  std::vector<std::shared_ptr<const Matrix>> m_projections;
  std::shared_ptr<const TrainerState> m_trainerState;
  std::optional<EpochStats> m_initialStats;

  QElapsedTimer m_clock;                           // since construction
  qint64 m_lastSnapshotMs = -1000, m_lastProjectionMs = -1000;
  double m_trainingSeconds = 0;
  std::deque<std::pair<qint64, long long>> m_rate;  // (ms, samples trained) over the last seconds
  long long m_samplesTrained = 0;
};

}  // namespace vpf
