#pragma once
// A panel's own worker thread (DESIGN §9): jobs run one at a time on a private single-thread pool,
// each with an increasing request id. The newest request wins: submitting while a job runs cancels
// that job (its result is dropped) and replaces any job still waiting, so a burst of requests
// (brush strokes, spin-box typing) costs at most one stale job. Results are delivered on the GUI
// thread only for the newest request; progress is throttled. Jobs must not touch widgets.
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <any>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace vpf {

class TaskRunner : public QObject {
  Q_OBJECT
 public:
  /// progress(fraction) returns false once the job has been cancelled (or superseded).
  using Progress = std::function<bool(double)>;
  using Job = std::function<std::any(const Progress& progress)>;
  using Done = std::function<void(std::any result)>;

  explicit TaskRunner(QObject* parent = nullptr);
  ~TaskRunner() override;  // cancels and waits for the running job

  /// Queues `job` (replacing a waiting one, cancelling a running one); `done` runs on the GUI
  /// thread with the job's result if this is still the newest request. Returns the request id.
  quint64 submit(Job job, Done done);
  /// Cancels the running job and drops the waiting one; cancelled(id) follows when it stops.
  void cancel();
  bool isBusy() const { return m_running || m_pending.has_value(); }
  quint64 latestRequest() const { return m_latest; }
  /// Blocks (processing no events) until the running job has returned; for tests and shutdown.
  void waitForIdleThread() { m_pool.waitForDone(); }

 signals:
  void progress(quint64 requestId, double fraction);
  void finished(quint64 requestId);
  void cancelled(quint64 requestId);
  void failed(quint64 requestId, const QString& message);
  void busyChanged(bool busy);

 protected:
  bool event(QEvent* event) override;  // runs the pool thread's hand-offs (ui/support/queued_call.h)

 private:
  struct Request {
    quint64 id = 0;
    Job job;
    Done done;
  };
  void startNow(Request request);
  void jobReturned(quint64 id, std::any result, const QString& error, bool cancelled);

  QThreadPool m_pool;
  quint64 m_latest = 0;
  bool m_running = false;
  quint64 m_runningId = 0;
  Done m_runningDone;
  std::shared_ptr<std::atomic_bool> m_runningCancel;
  std::optional<Request> m_pending;
};

}  // namespace vpf
