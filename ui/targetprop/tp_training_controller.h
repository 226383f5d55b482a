#pragma once
// Trains one target-propagation run (core/targetprop/tp_run.h) on a thread of its own for the
// Target prop tab (DESIGN §20), mirroring ui/training/ for the Boltzmann machines: the GUI calls
// the commands below, the worker advances the run in slices of ~50 ms (at least one minibatch),
// handles the next command between slices and reports immutable TpSnapshots (at most every 100 ms
// and at every change of state). Pause and Reset also interrupt a validation Parzen in progress.
// Commands are queued functors; nothing but snapshots crosses the thread.
#include <QObject>
#include <QString>
#include <functional>
#include <memory>
#include <optional>

#include "core/common/types.h"
#include "core/targetprop/tp_model_file.h"
#include "ui/targetprop/tp_snapshot.h"

class QThread;

namespace vpf {

class StopToken;

/// The rows a run trains and is scored on, prepared by the panel from the opened data set.
struct TpRunData {
  QString datasetName;
  std::shared_ptr<const Matrix> train;       // training rows, as the model sees them (grey or binarised)
  std::shared_ptr<const Matrix> priorRows;   // the rows p(h2) is fitted on
  std::shared_ptr<const Matrix> validation;  // grey validation rows for the Parzen score (may be empty)
};

struct TpScoring {
  int parzenEvery = 5;  // epochs between validation Parzen scores (0: never)
  int parzenSamples = 1000;
  double priorScale = targetprop::kDefaultPriorScale;  // κ
};

class TpTrainingController : public QObject {
  Q_OBJECT
 public:
  explicit TpTrainingController(QObject* parent = nullptr);
  ~TpTrainingController() override;  // interrupts and joins the worker

  /// A fresh run (replacing the current one). A bad setting is reported in the snapshot's error.
  void setupFresh(const targetprop::TpConfig& config, const TpRunData& data, const TpScoring& scoring);
  /// Continues an opened file on `data` (exactly, when it is a checkpoint).
  void setupFromFile(std::shared_ptr<const targetprop::TpModelFile> file, const TpRunData& data,
                     const TpScoring& scoring);
  void start();
  void pause();
  void stepBatch();
  void stepEpoch();
  /// Stops after `epochs` epochs in total (Start continues a finished run once this is raised).
  void setEpochTarget(int epochs);
  void setScoring(const TpScoring& scoring);
  /// Saves the run to `path` on the worker; `done(error)` runs on the GUI thread (empty: saved).
  void save(const QString& path, std::function<void(const QString& error)> done);

  /// The newest snapshot delivered (null before the first).
  const TpSnapshotPtr& latest() const { return m_latest; }
  bool isRunning() const { return m_latest && m_latest->running; }
  /// Processes events until a snapshot with `running` false (and no command pending) arrives or
  /// `timeoutMs` passes; for tests.
  bool waitUntilIdle(int timeoutMs);
  /// Processes events until every command posted so far has been answered (training may go on);
  /// an export right after Reset or Open then sees the new model.
  bool waitForCommands(int timeoutMs);

 signals:
  void snapshotReady(const vpf::TpSnapshotPtr& snapshot);

 protected:
  bool event(QEvent* event) override;  // runs the worker's replies (ui/support/queued_call.h)

 private:
  class Worker;
  template <typename F>
  void post(F&& f);
  void deliver(TpSnapshotPtr snapshot);

  QThread* m_thread;
  Worker* m_worker;
  std::shared_ptr<StopToken> m_interrupt;
  quint64 m_generation = 0;
  int m_pending = 0;  // commands posted and not yet answered by a snapshot
  TpSnapshotPtr m_latest;
};

}  // namespace vpf
