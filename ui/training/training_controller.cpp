#include "ui/training/training_controller.h"

#include <QThread>

#include "ui/support/queued_call.h"
#include "ui/training/training_worker.h"

namespace vpf {

TrainingController::TrainingController(QObject* parent) : QObject(parent) {
  qRegisterMetaType<vpf::SnapshotPtr>("vpf::SnapshotPtr");
  qRegisterMetaType<vpf::RunSetup>("vpf::RunSetup");
  qRegisterMetaType<vpf::TrainingConfig>("vpf::TrainingConfig");
}

TrainingController::~TrainingController() { stop(); }

bool TrainingController::event(QEvent* event) { return runQueuedCall(event) || QObject::event(event); }

void TrainingController::ensureThread() {
  if (m_threadRunning) return;
  m_stop.reset();
  m_thread = new QThread;
  m_thread->setObjectName(QStringLiteral("vpf-training"));
  m_worker = new TrainingWorker(m_stop);
  m_worker->setSliceMilliseconds(m_sliceMs);
  m_worker->moveToThread(m_thread);
  // The worker's signals are emitted on its thread and handed to this one through postQueuedCall
  // (not queued connections), so the ThreadSanitizer run can check them. Events still queued when
  // this controller is deleted are dropped by Qt.
  connect(
      m_worker, &TrainingWorker::snapshotReady, m_worker,
      [this](const SnapshotPtr& snapshot) { postQueuedCall(this, [this, snapshot] { onSnapshot(snapshot); }); },
      Qt::DirectConnection);
  connect(
      m_worker, &TrainingWorker::failed, m_worker,
      [this](quint64 generation, const QString& message, bool divergence) {
        postQueuedCall(this, [this, generation, message, divergence] { onFailed(generation, message, divergence); });
      },
      Qt::DirectConnection);
  connect(
      m_worker, &TrainingWorker::autosaveFailed, m_worker,
      [this](const QString& message) { postQueuedCall(this, [this, message] { emit autosaveFailed(message); }); },
      Qt::DirectConnection);
  m_thread->start();
  m_threadRunning = true;
}

void TrainingController::setup(const RunSetup& setup) {
  ensureThread();
  const quint64 generation = ++m_generation;
  postQueuedCall(m_worker, [worker = m_worker, setup, generation] { worker->setup(setup, generation); });
}

void TrainingController::start() {
  if (!m_threadRunning) return;
  postQueuedCall(m_worker, [worker = m_worker] { worker->start(); });
}

void TrainingController::pause() {
  if (!m_threadRunning) return;
  postQueuedCall(m_worker, [worker = m_worker] { worker->pause(); });
}

void TrainingController::stepBatch() {
  if (!m_threadRunning) return;
  postQueuedCall(m_worker, [worker = m_worker] { worker->stepBatch(); });
}

void TrainingController::stepEpoch() {
  if (!m_threadRunning) return;
  postQueuedCall(m_worker, [worker = m_worker] { worker->stepEpoch(); });
}

void TrainingController::updateConfig(const TrainingConfig& config) {
  if (!m_threadRunning) return;
  postQueuedCall(m_worker, [worker = m_worker, config] { worker->updateConfig(config); });
}

void TrainingController::setSliceMilliseconds(int ms) {
  m_sliceMs = ms;
  if (m_threadRunning) postQueuedCall(m_worker, [worker = m_worker, ms] { worker->setSliceMilliseconds(ms); });
}

void TrainingController::stop() {
  if (!m_threadRunning) return;
  m_stop.requestStop();
  m_thread->quit();
  m_thread->wait();
  m_threadRunning = false;
  // The thread has ended: the worker's state is safe to read from here. Keep the final model
  // (without emitting it: nothing arrives after stop) if it belongs to the current generation.
  SnapshotPtr last = m_worker->makeSnapshot();
  if (last->phase != TrainingPhase::Empty && last->generation == m_generation) {
    auto paused = std::make_shared<TrainingSnapshot>(*last);
    if (paused->isTraining()) paused->phase = TrainingPhase::Paused;
    paused->samplesPerSecond = 0;
    paused->etaSeconds = -1;
    m_latest = paused;
  } else if (m_latest && m_latest->isTraining()) {
    auto paused = std::make_shared<TrainingSnapshot>(*m_latest);
    paused->phase = TrainingPhase::Paused;
    m_latest = paused;
  }
  disconnect(m_worker, nullptr, this, nullptr);
  delete m_worker;
  m_worker = nullptr;
  delete m_thread;
  m_thread = nullptr;
  ++m_generation;  // queued snapshots still in the GUI's event queue are now stale
  m_stop.reset();
}

void TrainingController::onSnapshot(const SnapshotPtr& snapshot) {
  if (!m_threadRunning || !snapshot || snapshot->generation != m_generation) return;
  m_latest = snapshot;
  emit snapshotReady(snapshot);
}

void TrainingController::onFailed(quint64 generation, const QString& message, bool divergence) {
  if (!m_threadRunning || generation != m_generation) return;
  emit trainingFailed(message, divergence);
}

}  // namespace vpf
