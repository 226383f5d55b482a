#pragma once
// Runs the STDP simulations (core runStdp) off the GUI thread (QtConcurrent + QPromise) with
// progress and cancellation. Every start() gets an increasing request id and cancels the jobs
// before it; only the latest request's signals are emitted, so stale results are dropped.
#include <QFuture>
#include <QHash>
#include <QObject>
#include <QString>
#include <memory>

#include "core/stdp/stdp_experiment.h"

namespace vpf {

class StdpRunner : public QObject {
  Q_OBJECT

 public:
  explicit StdpRunner(QObject* parent = nullptr);
  ~StdpRunner() override;  // cancels and waits for the running jobs

  /// Starts a run of `config` (cancelling older ones) and returns its request id.
  quint64 start(const StdpConfig& config);
  /// Cancels the latest request; cancelled(id) follows when the job has stopped.
  void cancel();
  bool isRunning() const { return m_running; }
  quint64 latestRequest() const { return m_latest; }

 signals:
  void progress(quint64 requestId, double fraction);
  void finished(quint64 requestId, std::shared_ptr<const vpf::StdpResult> result);
  void cancelled(quint64 requestId);
  void failed(quint64 requestId, const QString& message);

 private:
  struct Outcome {
    std::shared_ptr<const StdpResult> result;  // null when cancelled or failed
    QString error;
  };
  void jobDone(quint64 id, const QFuture<Outcome>& future);

  quint64 m_latest = 0;
  bool m_running = false;
  QHash<quint64, QFuture<Outcome>> m_jobs;  // unfinished jobs by id, cancelled and awaited on destruction
};

}  // namespace vpf
