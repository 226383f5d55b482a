#pragma once
// GUI-side owner of the training thread (DESIGN §9). Owns a QThread running one TrainingWorker;
// every command is a queued call into the worker, so the GUI thread never trains. Snapshots
// arrive as immutable std::shared_ptr<const TrainingSnapshot>; those of an older generation (a
// model replaced by setup/reset/open) and everything after stop() are dropped.
#include <QObject>
#include <QPointer>
#include <QString>
#include <memory>

#include "core/common/stop_token.h"
#include "ui/training/run_setup.h"
#include "ui/training/training_snapshot.h"

class QThread;

namespace vpf {

class TrainingWorker;

class TrainingController : public QObject {
  Q_OBJECT
 public:
  explicit TrainingController(QObject* parent = nullptr);
  ~TrainingController() override;  // stop()

  /// Replaces the model/run (a new generation). Starts the thread if needed.
  void setup(const RunSetup& setup);
  void start();
  void pause();
  void stepBatch();
  void stepEpoch();
  void updateConfig(const TrainingConfig& config);

  /// Cancels training and ends the thread; blocks until it has ended (normally well under a
  /// second: the current batch finishes). Afterwards no signal is emitted until the next setup(),
  /// and latest() holds the final state of the model.
  void stop();

  /// Slice budget of the worker (ms); for tests and benchmarks.
  void setSliceMilliseconds(int ms);

  SnapshotPtr latest() const { return m_latest; }
  quint64 generation() const { return m_generation; }
  bool hasModel() const { return m_latest && m_latest->phase != TrainingPhase::Empty; }
  bool isTraining() const { return m_latest && m_latest->isTraining() && m_threadRunning; }
  bool isThreadRunning() const { return m_threadRunning; }

 signals:
  void snapshotReady(vpf::SnapshotPtr snapshot);
  /// A refused setup, a divergence (the last good parameters are kept) or another training error.
  void trainingFailed(const QString& message, bool divergence);
  void autosaveFailed(const QString& message);

 protected:
  bool event(QEvent* event) override;  // runs the worker's hand-offs (ui/support/queued_call.h)

 private:
  void ensureThread();
  void onSnapshot(const vpf::SnapshotPtr& snapshot);
  void onFailed(quint64 generation, const QString& message, bool divergence);

  StopToken m_stop;
  QThread* m_thread = nullptr;
  TrainingWorker* m_worker = nullptr;
  bool m_threadRunning = false;
  quint64 m_generation = 0;
  SnapshotPtr m_latest;
  int m_sliceMs = 30;
};

}  // namespace vpf
