#include "ui/support/task_runner.h"

#include <QElapsedTimer>

#include "ui/support/queued_call.h"

namespace vpf {

TaskRunner::TaskRunner(QObject* parent) : QObject(parent) {
  m_pool.setMaxThreadCount(1);
  m_pool.setExpiryTimeout(-1);  // keep the thread: live requests should not pay for a new one
}

TaskRunner::~TaskRunner() {
  m_pending.reset();
  if (m_runningCancel) m_runningCancel->store(true);
  m_pool.waitForDone();  // the job's queued result dies with this object
}

bool TaskRunner::event(QEvent* event) { return runQueuedCall(event) || QObject::event(event); }

quint64 TaskRunner::submit(Job job, Done done) {
  Request r{++m_latest, std::move(job), std::move(done)};
  if (m_running) {
    if (m_runningCancel) m_runningCancel->store(true);  // superseded: its result would be stale
    m_pending = std::move(r);
    return m_latest;
  }
  startNow(std::move(r));
  emit busyChanged(true);
  return m_latest;
}

void TaskRunner::cancel() {
  if (m_pending) {
    const quint64 id = m_pending->id;
    m_pending.reset();
    if (!m_running) {
      emit cancelled(id);
      emit busyChanged(false);
    }
  }
  if (m_running && m_runningCancel) m_runningCancel->store(true);
}

void TaskRunner::startNow(Request request) {
  m_running = true;
  m_runningId = request.id;
  m_runningDone = std::move(request.done);
  auto cancel = std::make_shared<std::atomic_bool>(false);
  m_runningCancel = cancel;
  const quint64 id = request.id;
  Job job = std::move(request.job);
  m_pool.start([this, id, cancel, job = std::move(job)] {
    QElapsedTimer sinceReport;
    sinceReport.start();
    bool reported = false;
    const Progress report = [&](double fraction) {
      if (cancel->load()) return false;
      if (!reported || sinceReport.elapsed() >= 50 || fraction >= 1.0) {
        reported = true;
        sinceReport.restart();
        postQueuedCall(this, [this, id, fraction] {
          if (id == m_latest) emit progress(id, fraction);
        });
      }
      return true;
    };
    std::any result;
    QString error;
    try {
      result = job(report);
    } catch (const std::exception& e) {
      error = QString::fromUtf8(e.what());
    }
    const bool wasCancelled = cancel->load();
    postQueuedCall(this, [this, id, result = std::move(result), error, wasCancelled]() mutable {
      jobReturned(id, std::move(result), error, wasCancelled);
    });
  });
}

void TaskRunner::jobReturned(quint64 id, std::any result, const QString& error, bool wasCancelled) {
  m_running = false;
  m_runningCancel.reset();
  Done done = std::move(m_runningDone);
  m_runningDone = nullptr;
  if (m_pending) {
    Request next = std::move(*m_pending);
    m_pending.reset();
    startNow(std::move(next));  // the returned job is stale: dropped
    return;
  }
  emit busyChanged(false);
  if (id != m_latest) return;
  if (!error.isEmpty())
    emit failed(id, error);
  else if (wasCancelled)
    emit cancelled(id);
  else {
    if (done) done(std::move(result));
    emit finished(id);
  }
}

}  // namespace vpf
