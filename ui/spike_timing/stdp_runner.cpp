#include "ui/spike_timing/stdp_runner.h"

#include <QFutureWatcher>
#include <QPromise>
#include <QtConcurrent>

#include "core/common/error.h"

namespace vpf {

StdpRunner::StdpRunner(QObject* parent) : QObject(parent) {}

StdpRunner::~StdpRunner() {
  // The jobs reference nothing of this object, but waiting keeps the thread pool tidy at exit.
  for (auto& job : m_jobs) job.cancel();
  for (auto& job : m_jobs) job.waitForFinished();
}

quint64 StdpRunner::start(const StdpConfig& config) {
  for (auto& job : m_jobs) job.cancel();  // superseded: their results would be stale anyway
  const quint64 id = ++m_latest;
  m_running = true;

  QFuture<Outcome> future = QtConcurrent::run([config](QPromise<Outcome>& promise) {
    promise.setProgressRange(0, 1000);
    Outcome out;
    try {
      auto result = std::make_shared<StdpResult>(runStdp(config, [&promise](double f) {
        promise.setProgressValue(static_cast<int>(f * 1000.0));
        return !promise.isCanceled();
      }));
      if (!result->cancelled) out.result = std::move(result);
    } catch (const std::exception& e) {
      out.error = QString::fromUtf8(e.what());
    }
    promise.addResult(std::move(out));  // dropped by Qt if the future was cancelled
  });
  m_jobs.insert(id, future);

  auto* watcher = new QFutureWatcher<Outcome>(this);
  connect(watcher, &QFutureWatcherBase::progressValueChanged, this, [this, id](int value) {
    if (id == m_latest) emit progress(id, value / 1000.0);
  });
  connect(watcher, &QFutureWatcherBase::finished, this, [this, id, watcher] {
    jobDone(id, watcher->future());
    watcher->deleteLater();
  });
  watcher->setFuture(future);
  return id;
}

void StdpRunner::cancel() {
  if (m_running && m_jobs.contains(m_latest)) m_jobs[m_latest].cancel();
}

void StdpRunner::jobDone(quint64 id, const QFuture<Outcome>& future) {
  m_jobs.remove(id);
  if (id != m_latest) return;  // stale: a newer request owns the display
  m_running = false;
  const Outcome out = !future.isCanceled() && future.resultCount() > 0 ? future.result() : Outcome{};
  if (!out.error.isEmpty())
    emit failed(id, out.error);
  else if (out.result)
    emit finished(id, out.result);
  else
    emit cancelled(id);
}

}  // namespace vpf
