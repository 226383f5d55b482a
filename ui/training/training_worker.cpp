#include "ui/training/training_worker.h"

#include <QMetaObject>
#include <algorithm>
#include <cstdlib>
#if __has_include(<omp.h>)
#include <omp.h>
#define VPF_HAVE_OPENMP 1
#endif

#include "core/common/error.h"
#include "core/io/model_file.h"
#include "core/metrics/activations.h"
#include "core/metrics/weight_stats.h"
#include "figures/filter_grid.h"
#include "ui/support/queued_call.h"

namespace vpf {

namespace {
constexpr qint64 kSnapshotIntervalMs = 40;    // ≤ 25 Hz
constexpr qint64 kProjectionIntervalMs = 250;  // DBM projections while training
constexpr qint64 kRateWindowMs = 3000;
}  // namespace

TrainingWorker::TrainingWorker(const StopToken& stop, QObject* parent) : QObject(parent), m_stop(stop) {
  m_clock.start();
}

bool TrainingWorker::event(QEvent* event) { return runQueuedCall(event) || QObject::event(event); }

TrainingWorker::~TrainingWorker() {
  m_run.reset();  // refers to m_data
}

void TrainingWorker::limitThreads() {
#ifdef VPF_HAVE_OPENMP
  // Leave one core to the GUI thread: Eigen's GEMMs on this thread use OpenMP, whose spinning
  // threads otherwise compete with the event loop (on 2 cores both training and the GUI get
  // slower). OMP_NUM_THREADS, when set, wins. The setting is per thread (OpenMP ICV).
  if (m_threadsLimited) return;
  m_threadsLimited = true;
  if (std::getenv("OMP_NUM_THREADS")) return;
  omp_set_num_threads(std::max(1, omp_get_num_procs() - 1));
#endif
}

void TrainingWorker::setup(const RunSetup& setup, quint64 generation) {
  limitThreads();
  m_generation = generation;
  m_sequence = 0;
  try {
    if (!setup.train || setup.train->size() == 0) throw Error("there is no training data to train on");
    const double threshold = setup.config.binarizeThreshold;
    std::shared_ptr<Matrix> data = m_data;
    if (!data || m_binarizedFrom != setup.train || m_binarizedThreshold != threshold) {
      data = std::make_shared<Matrix>(binarize(setup.train->images, static_cast<float>(threshold)));
    }
    auto run = std::make_unique<TrainingRun>(
        setup.model
            ? TrainingRun::resume(setup.datasetName, *setup.model, setup.config, setup.trainerState.get(), *data)
            : TrainingRun::fresh(RunSpec{setup.datasetName, setup.architecture, setup.init, setup.config}, *data));

    // Commit: nothing above changed the worker's state.
    m_run.reset();
    m_data = std::move(data);
    m_binarizedFrom = setup.train;
    m_binarizedThreshold = threshold;
    m_run = std::move(run);
    m_setup = setup;
    m_pendingConfig.reset();
    const int n = std::min<int>(std::max(setup.activationSamples, 1), static_cast<int>(m_data->rows()));
    m_activationData = m_data->topRows(n);
    m_batchObjective.clear();
    m_history.clear();
    for (const EpochStats& e : m_run->history()) m_history.push_back(e);
    m_batchStartEpoch = m_run->epochsDone();
    m_batchesTrained = 0;
    m_samplesTrained = 0;
    m_trainingSeconds = 0;
    m_rate.clear();
    m_trainerState = std::make_shared<const TrainerState>(m_run->trainer().state());
    m_initialStats.reset();
    if (m_run->epochsDone() == 0) {
      EpochStats initial;
      initial.epoch = -1;
      for (const Matrix& w : m_run->model().W) {
        initial.sparsity.push_back(weightSparsity(w));
        initial.squaredWeight.push_back(squaredWeight(w));
      }
      m_initialStats = initial;
    }
    computeEpochMetrics();
    setPhase(TrainingPhase::Paused);
  } catch (const std::exception& e) {
    // The previous model (if any) stays; the GUI shows the message.
    if (m_phase != TrainingPhase::Empty) setPhase(TrainingPhase::Paused);
    fail(QString::fromStdString(e.what()), false);
  }
  emitSnapshot(true);
}

void TrainingWorker::start() {
  if (!m_run) {
    fail(tr("There is no model to train yet; choose an architecture and press Reset."), false);
    return;
  }
  if (m_run->atEpochBoundary() && m_run->epochsDone() >= m_setup.config.epochs) {
    setPhase(TrainingPhase::Finished);
    emitSnapshot(true);
    return;
  }
  setPhase(TrainingPhase::Running);
  emitSnapshot(true);
  scheduleSlice();
}

void TrainingWorker::pause() {
  if (m_phase == TrainingPhase::Running || m_phase == TrainingPhase::Stepping) setPhase(TrainingPhase::Paused);
  emitSnapshot(true);
}

void TrainingWorker::stepBatch() {
  if (!m_run) {
    fail(tr("There is no model to train yet; choose an architecture and press Reset."), false);
    return;
  }
  setPhase(TrainingPhase::Paused);
  QElapsedTimer t;
  t.start();
  if (trainOneBatch() && m_run->atEpochBoundary()) onEpochFinished();
  m_trainingSeconds += t.nsecsElapsed() * 1e-9;
  m_rate.emplace_back(m_clock.elapsed(), m_samplesTrained);
  emitSnapshot(true);
}

void TrainingWorker::stepEpoch() {
  if (!m_run) {
    fail(tr("There is no model to train yet; choose an architecture and press Reset."), false);
    return;
  }
  setPhase(TrainingPhase::Stepping);
  emitSnapshot(true);
  scheduleSlice();
}

void TrainingWorker::updateConfig(const TrainingConfig& config) {
  m_setup.config.epochs = config.epochs;
  m_pendingConfig = std::make_unique<TrainingConfig>(config);
  if (m_run && m_run->atEpochBoundary()) applyPendingConfig();
  emitSnapshot(true);
}

void TrainingWorker::requestSnapshot() { emitSnapshot(true); }

void TrainingWorker::scheduleSlice() {
  if (m_sliceScheduled) return;
  m_sliceScheduled = true;
  QMetaObject::invokeMethod(this, &TrainingWorker::runSlice, Qt::QueuedConnection);
}

void TrainingWorker::runSlice() {
  m_sliceScheduled = false;
  if (!m_run || (m_phase != TrainingPhase::Running && m_phase != TrainingPhase::Stepping)) return;
  const TrainingPhase before = m_phase;
  QElapsedTimer slice;
  slice.start();
  while (!m_stop.stopRequested()) {
    if (m_phase == TrainingPhase::Running && m_run->atEpochBoundary() && m_run->epochsDone() >= m_setup.config.epochs) {
      setPhase(TrainingPhase::Finished);
      break;
    }
    if (!trainOneBatch()) break;
    if (m_run->atEpochBoundary()) {
      onEpochFinished();
      if (m_phase == TrainingPhase::Stepping) {
        setPhase(TrainingPhase::Paused);
        break;
      }
      if (m_phase == TrainingPhase::Running && m_run->epochsDone() >= m_setup.config.epochs) {
        setPhase(TrainingPhase::Finished);
        break;
      }
    }
    if (slice.elapsed() >= m_sliceMs) break;
  }
  m_trainingSeconds += slice.nsecsElapsed() * 1e-9;
  const qint64 now = m_clock.elapsed();
  m_rate.emplace_back(now, m_samplesTrained);
  while (m_rate.size() > 2 && now - m_rate.front().first > kRateWindowMs) m_rate.pop_front();
  if (m_stop.stopRequested()) return;
  // State changes are sent at once; progress (epoch ends included) at most every 40 ms.
  emitSnapshot(m_phase != before);
  if (m_phase == TrainingPhase::Running || m_phase == TrainingPhase::Stepping) scheduleSlice();
}

bool TrainingWorker::trainOneBatch() {
  try {
    const BatchStats stats = m_run->step();
    m_batchObjective.push_back(stats.objective);
    ++m_batchesTrained;
    const int batch = m_run->config().batchSize;
    m_samplesTrained += std::min<long long>(batch, m_data->rows() - static_cast<long long>(stats.batch) * batch);
    return true;
  } catch (const DivergenceError& e) {
    setPhase(TrainingPhase::Paused);
    fail(QString::fromStdString(e.what()), true);
  } catch (const std::exception& e) {
    setPhase(TrainingPhase::Paused);
    fail(QString::fromStdString(e.what()), false);
  }
  emitSnapshot(true);
  return false;
}

void TrainingWorker::onEpochFinished() {
  m_history.push_back(m_run->history().back());
  applyPendingConfig();
  computeEpochMetrics();
  try {
    m_trainerState = std::make_shared<const TrainerState>(m_run->trainer().state());
  } catch (const std::exception&) {
    m_trainerState.reset();
  }
  writeAutosave();
}

void TrainingWorker::computeEpochMetrics() {
  if (!m_run) return;
  m_meanActivations = meanHiddenActivations(m_run->model(), m_activationData);
  m_activationSamples = static_cast<int>(m_activationData.rows());
  m_activationEpoch = m_run->epochsDone();
  computeProjections();
}

void TrainingWorker::computeProjections() {
  m_projections.clear();
  for (int l = 2; l < m_run->model().layerCount(); ++l)
    m_projections.push_back(std::make_shared<const Matrix>(projectedFilters(m_run->model(), l)));
  m_lastProjectionMs = m_clock.elapsed();
}

void TrainingWorker::writeAutosave() {
  if (m_setup.autosavePath.isEmpty() || !m_trainerState) return;
  try {
    const ModelMeta meta = modelMeta(m_setup.datasetName, m_setup.config, m_run->epochsDone(), m_run->history());
    saveModel(m_setup.autosavePath.toStdString(), m_run->model(), meta, m_trainerState.get());
  } catch (const std::exception& e) {
    emit autosaveFailed(QString::fromStdString(e.what()));
  }
}

void TrainingWorker::applyPendingConfig() {
  if (!m_pendingConfig || !m_run || !m_run->atEpochBoundary()) return;
  // Only the live settings apply (core's withLiveSettings); the others need a new run (Reset).
  const TrainingConfig requested = *m_pendingConfig;
  m_pendingConfig.reset();
  try {
    m_run->applyLiveSettings(requested);
    m_setup.config = withLiveSettings(m_setup.config, requested);
  } catch (const std::exception& e) {
    fail(tr("The new settings could not be applied: %1").arg(QString::fromStdString(e.what())), false);
  }
}

void TrainingWorker::setPhase(TrainingPhase phase) { m_phase = phase; }

void TrainingWorker::fail(const QString& message, bool divergence) { emit failed(m_generation, message, divergence); }

double TrainingWorker::etaSeconds() const {
  if (!m_run) return -1;
  const int target = m_setup.config.epochs;
  const double bpe = std::max(1, m_run->trainer().batchesPerEpoch());
  const double done = m_run->epochsDone() + (m_run->atEpochBoundary() ? 0.0 : m_run->trainer().batchIndex() / bpe);
  const double remaining = std::max(0.0, target - done);
  if (remaining <= 0) return 0;
  const auto& history = m_run->history();
  // Prefer measured epoch times (they include the E-step) from this session.
  const int sessionEpochs = m_run->epochsDone() - static_cast<int>(m_batchStartEpoch);
  if (sessionEpochs > 0 && !history.empty()) {
    const int n = std::min<int>(3, std::min<int>(sessionEpochs, static_cast<int>(history.size())));
    double sum = 0;
    for (int i = 0; i < n; ++i) sum += history[history.size() - 1 - static_cast<std::size_t>(i)].seconds;
    return remaining * sum / n;
  }
  if (m_rate.size() >= 2) {
    const double dt = (m_rate.back().first - m_rate.front().first) / 1000.0;
    const double ds = static_cast<double>(m_rate.back().second - m_rate.front().second);
    if (dt > 0 && ds > 0) return remaining * static_cast<double>(m_data->rows()) / (ds / dt);
  }
  return -1;
}

SnapshotPtr TrainingWorker::makeSnapshot() {
  auto s = std::make_shared<TrainingSnapshot>();
  s->generation = m_generation;
  s->sequence = ++m_sequence;
  s->phase = m_phase;
  s->datasetName = m_setup.datasetName;
  s->config = m_setup.config;
  s->targetEpochs = m_setup.config.epochs;
  if (m_setup.train) {
    s->imageWidth = m_setup.train->cols;
    s->imageHeight = m_setup.train->rows;
  }
  if (m_run) {
    s->model = m_run->model();
    Architecture arch;
    arch.hidden.assign(m_run->model().sizes.begin() + 1, m_run->model().sizes.end());
    arch.intra = m_run->model().hasIntraLayer();
    s->architecture = arch.describe(m_run->model().sizes[0]);
  }
  if (m_run) {
    s->config = m_run->config();
    s->config.epochs = m_setup.config.epochs;
    s->epochsDone = m_run->epochsDone();
    s->batchIndex = m_run->trainer().batchIndex();
    s->batchesPerEpoch = m_run->trainer().batchesPerEpoch();
    s->atEpochBoundary = m_run->atEpochBoundary();
    s->history = m_history;
  }
  s->initialStats = m_initialStats;
  s->batchesTrained = m_batchesTrained;
  s->batchObjective = m_batchObjective;
  s->batchStartEpoch = m_batchStartEpoch;
  s->trainingSeconds = m_trainingSeconds;
  if (m_rate.size() >= 2 && (m_phase == TrainingPhase::Running || m_phase == TrainingPhase::Stepping)) {
    const double dt = (m_rate.back().first - m_rate.front().first) / 1000.0;
    const double ds = static_cast<double>(m_rate.back().second - m_rate.front().second);
    s->samplesPerSecond = dt > 0 ? ds / dt : 0;
  }
  s->etaSeconds = (m_phase == TrainingPhase::Running) ? etaSeconds() : -1;
  s->meanActivations = m_meanActivations;
  s->activationSamples = m_activationSamples;
  s->activationEpoch = m_activationEpoch;
  s->projections = m_projections;
  s->trainerState = (m_run && m_run->atEpochBoundary()) ? m_trainerState : nullptr;
  return s;
}

void TrainingWorker::emitSnapshot(bool force) {
  const qint64 now = m_clock.elapsed();
  if (!force && now - m_lastSnapshotMs < kSnapshotIntervalMs) return;
  if (m_run && m_run->model().layerCount() > 2 && now - m_lastProjectionMs >= kProjectionIntervalMs)
    computeProjections();
  m_lastSnapshotMs = now;
  emit snapshotReady(makeSnapshot());
}

}  // namespace vpf
