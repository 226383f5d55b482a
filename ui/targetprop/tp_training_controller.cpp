#include "ui/targetprop/tp_training_controller.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QMetaObject>
#include <QThread>
#include <exception>

#include "core/common/error.h"
#include "core/common/rng.h"
#include "core/common/stop_token.h"
#include "core/targetprop/tp_run.h"
#include "core/targetprop/validation_parzen.h"
#include "ui/support/queued_call.h"

namespace vpf {

using namespace targetprop;

namespace {
constexpr int kSliceMs = 50;
constexpr int kSnapshotMs = 100;
constexpr int kModelCopyMs = 400;  // a 784-1000-100 model is 7 MB: copied a few times a second at most
}  // namespace

// Lives on the controller's thread; every member function runs there. It may post to its owner
// by raw pointer: the owner's destructor joins this thread before the owner is gone, and Qt drops
// whatever is still queued for the owner then.
class TpTrainingController::Worker : public QObject {
 public:
  Worker(TpTrainingController* owner, std::shared_ptr<StopToken> interrupt)
      : m_owner(owner), m_interrupt(std::move(interrupt)) {}

  bool event(QEvent* event) override { return runQueuedCall(event) || QObject::event(event); }

  void setup(quint64 generation, const TpConfig* config, std::shared_ptr<const TpModelFile> file, const TpRunData& data,
             const TpScoring& scoring) {
    m_interrupt->reset();
    m_running = m_untilEpoch = false;
    m_generation = generation;
    m_run.reset();
    m_data = data;
    m_scoring = scoring;
    m_parzen.clear();
    m_pendingBatches.clear();
    m_batchesSent = 0;
    m_error.clear();
    m_model.reset();
    try {
      if (!data.train || data.train->rows() == 0) throw Error("open a data set first");
      if (file) {
        if (file->model.arch.visible != data.train->cols())
          throw Error("the model has " + std::to_string(file->model.arch.visible) + " visible units but the data set " +
                      std::to_string(data.train->cols()) + " pixels");
        m_run.emplace(TpRun::resume(*file, *data.train));
        m_epochTarget = std::max(file->meta.config.epochs, m_run->epochsDone());
      } else {
        m_run.emplace(TpRun::fresh(data.datasetName.toStdString(), *config, *data.train));
        m_epochTarget = config->epochs;
      }
      m_run->setPriorScale(scoring.priorScale);
      m_batchStartEpoch = m_run->epochsDone();
      m_status = file ? QStringLiteral("Opened: %1 epochs trained").arg(m_run->epochsDone())
                      : QStringLiteral("New model: press Start or Step");
    } catch (const std::exception& e) {
      m_run.reset();
      m_error = QString::fromUtf8(e.what());
      m_status = QStringLiteral("Not ready: %1").arg(m_error);
      if (file) m_model = std::make_shared<TpModel<float>>(file->model);  // still viewable
    }
    send(true);
  }

  void start() {
    m_interrupt->reset();
    if (!ready()) return;
    if (m_run->epochsDone() >= m_epochTarget) {
      m_status = QStringLiteral("%1 epochs done: raise Epochs to train on").arg(m_run->epochsDone());
      send(true);
      return;
    }
    m_running = true;
    m_untilEpoch = false;
    m_status = QStringLiteral("Training…");
    send(true);
    scheduleSlice();
  }

  void pause() {
    m_interrupt->reset();
    const bool was = m_running;
    m_running = m_untilEpoch = false;
    if (m_run)
      m_status = QStringLiteral("Paused after %1 epochs, batch %2")
                     .arg(m_run->epochsDone())
                     .arg(m_run->trainer().batchIndex());
    if (was || m_run) send(true);
  }

  void stepBatch() {
    m_interrupt->reset();
    if (!ready() || m_running) return;
    trainOne();
    m_status = QStringLiteral("Stepped one batch");
    send(true);
  }

  void stepEpoch() {
    m_interrupt->reset();
    if (!ready() || m_running) return;
    m_running = m_untilEpoch = true;
    m_status = QStringLiteral("Training to the end of the epoch…");
    send(true);
    scheduleSlice();
  }

  void setEpochTarget(int epochs) { m_epochTarget = epochs; }
  void setScoring(const TpScoring& s) {
    m_scoring = s;
    if (m_run) m_run->setPriorScale(s.priorScale);
  }

  QString save(const QString& path) {
    if (!m_run) return m_error.isEmpty() ? QStringLiteral("there is no model to save") : m_error;
    try {
      m_run->save(path.toStdString());
      return {};
    } catch (const std::exception& e) {
      return QString::fromUtf8(e.what());
    }
  }

 private:
  bool ready() {
    if (m_run) return true;
    m_status = QStringLiteral("Not ready: %1").arg(m_error.isEmpty() ? QStringLiteral("no run") : m_error);
    send(true);
    return false;
  }

  void scheduleSlice() {
    QMetaObject::invokeMethod(
        this, [this] { slice(); }, Qt::QueuedConnection);
  }

  // One minibatch; at an epoch's end the validation Parzen when due. False when it diverged.
  bool trainOne() {
    try {
      const TpBatchStats b = m_run->step();
      m_pendingBatches.push_back(b.losses);
      m_error.clear();
    } catch (const std::exception& e) {  // DivergenceError: the trainer restored the parameters
      m_error = QString::fromUtf8(e.what());
      m_status = QStringLiteral("Stopped: %1").arg(m_error);
      m_running = false;
      return false;
    }
    if (m_run->atEpochBoundary()) {
      const int done = m_run->epochsDone();
      const bool due = m_scoring.parzenEvery > 0 && m_data.validation && m_data.validation->rows() > 0 &&
                       (done % m_scoring.parzenEvery == 0 || done == m_epochTarget);
      if (due) {
        m_status = QStringLiteral("Epoch %1: validation Parzen…").arg(done);
        send(true);
        Rng rng(m_run->config().seed + static_cast<std::uint64_t>(done), 7);
        const auto r = validationParzen(*m_run, *m_data.priorRows, *m_data.validation, m_scoring.parzenSamples,
                                        m_scoring.priorScale, rng, m_interrupt.get());
        if (r) m_parzen.emplace_back(done, r->mean);
        m_modelCopiedAt = -kModelCopyMs;  // the prior changed: send the model
      }
    }
    return true;
  }

  void slice() {
    if (!m_running || !m_run) return;
    QElapsedTimer t;
    t.start();
    do {
      if (!trainOne()) break;
      if (m_untilEpoch && m_run->atEpochBoundary()) {
        m_running = m_untilEpoch = false;
        m_status = QStringLiteral("Epoch %1 done").arg(m_run->epochsDone());
      } else if (m_run->atEpochBoundary() && m_run->epochsDone() >= m_epochTarget) {
        m_running = false;
        m_status = QStringLiteral("Finished: %1 epochs").arg(m_run->epochsDone());
      }
    } while (m_running && t.elapsed() < kSliceMs && !m_run->atEpochBoundary());
    if (m_running && m_clock.isValid() && m_clock.elapsed() - m_sentAt < kSnapshotMs) {
      scheduleSlice();
      return;
    }
    if (m_running)
      m_status = QStringLiteral("Training: epoch %1, batch %2 of %3")
                     .arg(m_run->epochsDone() + 1)
                     .arg(m_run->trainer().batchIndex())
                     .arg(m_run->trainer().batchesPerEpoch());
    send(!m_running);
    if (m_running) scheduleSlice();
  }

  void send(bool force) {
    if (!m_clock.isValid()) m_clock.start();
    const qint64 now = m_clock.elapsed();
    auto s = std::make_shared<TpSnapshot>();
    s->generation = m_generation;
    if (m_run && (force || !m_model || now - m_modelCopiedAt >= kModelCopyMs)) {
      m_model = std::make_shared<TpModel<float>>(m_run->model());
      m_modelCopiedAt = now;
      ++m_modelVersion;
    }
    s->model = m_model;
    s->modelVersion = m_modelVersion;
    s->datasetName = m_data.datasetName;
    s->canTrain = m_run.has_value();
    s->running = m_running;
    if (m_run) {
      s->config = m_run->config();
      s->epochsDone = m_run->epochsDone();
      s->batchInEpoch = m_run->trainer().batchIndex();
      s->batchesPerEpoch = m_run->trainer().batchesPerEpoch();
      s->history = m_run->trainer().history();
    }
    s->batchStartEpoch = m_batchStartEpoch;
    s->firstBatch = m_batchesSent;
    s->newBatches.swap(m_pendingBatches);
    m_batchesSent += static_cast<int>(s->newBatches.size());
    s->validationParzen = m_parzen;
    s->status = m_status;
    s->error = m_error;
    m_sentAt = now;
    postQueuedCall(m_owner, [owner = m_owner, s] { owner->deliver(s); });
  }

  TpTrainingController* m_owner;
  std::shared_ptr<StopToken> m_interrupt;
  std::optional<TpRun> m_run;
  TpRunData m_data;
  TpScoring m_scoring;
  quint64 m_generation = 0, m_modelVersion = 0;
  std::shared_ptr<const TpModel<float>> m_model;
  bool m_running = false, m_untilEpoch = false;
  int m_epochTarget = 0, m_batchesSent = 0;
  double m_batchStartEpoch = 0;
  std::vector<TpLosses> m_pendingBatches;
  std::vector<std::pair<int, double>> m_parzen;
  QString m_status, m_error;
  QElapsedTimer m_clock;
  qint64 m_sentAt = 0, m_modelCopiedAt = -kModelCopyMs;
};

TpTrainingController::TpTrainingController(QObject* parent)
    : QObject(parent), m_thread(new QThread), m_interrupt(std::make_shared<StopToken>()) {
  m_worker = new Worker(this, m_interrupt);
  m_worker->moveToThread(m_thread);
  m_thread->setObjectName(QStringLiteral("tp-training"));
  m_thread->start();
}

TpTrainingController::~TpTrainingController() {
  m_interrupt->requestStop();
  postQueuedCall(m_worker, [w = m_worker] { delete w; });
  m_thread->quit();
  m_thread->wait();
  delete m_thread;
}

template <typename F>
void TpTrainingController::post(F&& f) {
  ++m_pending;
  postQueuedCall(m_worker, [self = this, w = m_worker, f = std::forward<F>(f)]() mutable {
    f(*w);
    postQueuedCall(self, [self] { --self->m_pending; });  // see Worker: the owner outlives this
  });
}

void TpTrainingController::setupFresh(const TpConfig& config, const TpRunData& data, const TpScoring& scoring) {
  m_interrupt->requestStop();
  const quint64 g = ++m_generation;
  post([g, config, data, scoring](Worker& w) { w.setup(g, &config, nullptr, data, scoring); });
}

void TpTrainingController::setupFromFile(std::shared_ptr<const TpModelFile> file, const TpRunData& data,
                                         const TpScoring& scoring) {
  m_interrupt->requestStop();
  const quint64 g = ++m_generation;
  post([g, file, data, scoring](Worker& w) { w.setup(g, nullptr, file, data, scoring); });
}

void TpTrainingController::start() {
  post([](Worker& w) { w.start(); });
}
void TpTrainingController::pause() {
  m_interrupt->requestStop();
  post([](Worker& w) { w.pause(); });
}
void TpTrainingController::stepBatch() {
  post([](Worker& w) { w.stepBatch(); });
}
void TpTrainingController::stepEpoch() {
  post([](Worker& w) { w.stepEpoch(); });
}
void TpTrainingController::setEpochTarget(int epochs) {
  post([epochs](Worker& w) { w.setEpochTarget(epochs); });
}
void TpTrainingController::setScoring(const TpScoring& s) {
  post([s](Worker& w) { w.setScoring(s); });
}

void TpTrainingController::save(const QString& path, std::function<void(const QString&)> done) {
  post([self = this, path, done](Worker& w) {
    const QString error = w.save(path);
    postQueuedCall(self, [done, error] {
      if (done) done(error);
    });
  });
}

bool TpTrainingController::event(QEvent* event) { return runQueuedCall(event) || QObject::event(event); }

void TpTrainingController::deliver(TpSnapshotPtr snapshot) {
  if (snapshot->generation != m_generation) return;  // from a run since replaced
  m_latest = std::move(snapshot);
  emit snapshotReady(m_latest);
}

bool TpTrainingController::waitForCommands(int timeoutMs) {
  QElapsedTimer t;
  t.start();
  while (m_pending > 0 && t.elapsed() < timeoutMs) {
    QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    if (m_pending > 0) QThread::msleep(2);
  }
  QCoreApplication::processEvents();  // the snapshot answering the last command
  return m_pending == 0;
}

bool TpTrainingController::waitUntilIdle(int timeoutMs) {
  QElapsedTimer t;
  t.start();
  while (t.elapsed() < timeoutMs) {
    QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    if (m_pending == 0 && m_latest && !m_latest->running) return true;
    QThread::msleep(2);
  }
  return false;
}

}  // namespace vpf
