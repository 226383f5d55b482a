#include "cli/repro_context.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/common/error.h"
#include "core/common/rng.h"
#include "core/io/atomic_file.h"
#include "core/io/csv_writer.h"
#include "core/run/training_run.h"

namespace vpf::cli {

namespace fs = std::filesystem;

double estimatedTrainingSeconds(const ModelSpec& spec, int trainImages) {
  // Seconds per 60,000-image epoch measured with `vpf train` on the 2-core reference machine.
  double perEpoch = 1.0;
  if (spec.arch.rfind("dbm", 0) == 0) {
    perEpoch = spec.intra ? 3.2 : 1.3;
  } else {
    const int hidden = std::stoi(spec.arch.substr(spec.arch.find(':') + 1));
    perEpoch = 0.45 + 0.0038 * hidden;  // VPF: 0.7 s (100), 1.0 s (196), 2.0 s (400)
    const auto colon = spec.algo.find(':');
    if (colon != std::string::npos) {
      const int k = std::stoi(spec.algo.substr(colon + 1));
      perEpoch = (0.7 + 0.52 * k) * hidden / 196.0;  // CD-1 1.2 s, CD-10 5.9 s for RBM(196)
    }
  }
  return perEpoch * spec.epochs * trainImages / 60000.0;
}

ReproContext::ReproContext(std::string folder, ReproSettings settings, bool showProgress)
    : m_folder(std::move(folder)), m_settings(std::move(settings)), m_progress("repro", showProgress) {
  std::error_code ec;
  for (const char* sub : {"", "/models", "/results", "/figures"}) {
    fs::create_directories(m_folder + sub, ec);
    if (ec) throw Error("cannot create the results folder " + m_folder + sub + ": " + ec.message());
  }
}

const LoadedData& ReproContext::data(const std::string& dataset) {
  auto& slot = m_data[dataset];
  if (!slot)
    slot = std::make_unique<LoadedData>(
        loadData(dataset, m_settings.trainLimit, m_settings.testLimit, m_settings.threshold));
  return *slot;
}

int ReproContext::trainImages() const { return m_settings.trainLimit > 0 ? m_settings.trainLimit : 60000; }

void ReproContext::throwIfStopped() const {
  if (m_stop.stopRequested())
    throw ReproInterrupted("interrupted; everything finished so far is in " + m_folder +
                           " — run the same command again to resume");
}

ModelFile ReproContext::model(const ModelSpec& spec) {
  const std::string file = path("models/" + spec.key + ".npz");
  const std::string divergedFile = path("results/diverged-" + spec.key + ".json");
  std::optional<ModelFile> existing;
  if (fs::exists(file)) {
    existing = loadModel(file);
    // A run that diverged keeps its last completed epoch (recorded once, not retried on resume).
    if (fs::exists(divergedFile)) {
      std::ifstream in(divergedFile);
      m_diverged[spec.key] = nlohmann::json::parse(in);
    }
    if (existing->meta.epochsDone >= spec.epochs || m_diverged.count(spec.key)) {
      double seconds = 0;
      for (const auto& e : existing->meta.history) seconds += e.seconds;
      m_seconds[spec.key] = seconds;
      return *existing;
    }
    if (!existing->trainerState) existing.reset();  // not resumable: train again
  }
  m_taskComputed = true;
  const LoadedData& d = data(spec.dataset);
  TrainingConfig config;
  parseAlgorithm(spec.algo, config);
  config.epochs = spec.epochs;
  config.seed = spec.seed;
  config.binarizeThreshold = m_settings.threshold;
  config.weightDecay = spec.weightDecay;
  // A model trained on part of the training set (validation choices) sees only its first rows.
  Matrix subset;
  if (spec.trainRows > 0 && spec.trainRows < d.train.rows()) subset = d.train.topRows(spec.trainRows);
  const Matrix& trainSet = subset.size() > 0 ? subset : d.train;
  std::optional<TrainingRun> run;
  if (existing) {
    run = TrainingRun::resume(spec.dataset, existing->model, config, &*existing->trainerState, trainSet);
  } else {
    RunSpec runSpec;  // the same run as `vpf train` with these settings
    runSpec.datasetName = spec.dataset;
    runSpec.architecture = parseArchitecture(spec.arch, spec.intra);
    runSpec.config = config;
    run = TrainingRun::fresh(runSpec, trainSet);
  }
  const double total = static_cast<double>(spec.epochs) * run->trainer().batchesPerEpoch();
  while (run->epochsDone() < spec.epochs) {
    BatchStats b;
    try {
      b = run->step();
    } catch (const DivergenceError& e) {
      // Keep the last completed epoch (the checkpoint on disk) and say so in the report.
      const nlohmann::json record{
          {"epoch", e.epoch + 1}, {"batch", e.batch + 1}, {"message", e.what()}, {"epochs_kept", run->epochsDone()}};
      writeFileAtomically(divergedFile, record.dump(2) + "\n");
      m_diverged[spec.key] = record;
      message("repro: " + spec.key + ": " + e.what() + "; keeping the model after epoch " +
              std::to_string(run->epochsDone()));
      if (!fs::exists(file)) throw Error(spec.key + " diverged before its first epoch finished");
      return model(spec);
    }
    const double done = static_cast<double>(b.epoch) * b.batchesPerEpoch + b.batch + 1;
    std::ostringstream detail;
    detail << "epoch " << b.epoch + 1 << "/" << spec.epochs;
    const bool go = taskProgress(done / total, detail.str());
    if (run->atEpochBoundary()) run->save(file);
    if (!go && run->atEpochBoundary()) throwIfStopped();
  }
  double seconds = 0;
  for (const auto& e : run->history()) seconds += e.seconds;
  m_seconds[spec.key] = seconds;
  return run->checkpoint();
}

nlohmann::json ReproContext::cached(const std::string& key, const std::function<nlohmann::json()>& compute) {
  const std::string file = path("results/" + key + ".json");
  if (fs::exists(file)) {
    std::ifstream in(file);
    try {
      nlohmann::json j = nlohmann::json::parse(in);
      if (j.contains("seconds")) m_seconds[key] = j["seconds"].get<double>();
      return j;
    } catch (const std::exception&) {
      // A damaged result file is recomputed.
    }
  }
  m_taskComputed = true;
  const auto start = std::chrono::steady_clock::now();
  nlohmann::json j = compute();
  throwIfStopped();  // a cancelled computation is partial: never cache it
  j["seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  m_seconds[key] = j["seconds"].get<double>();
  writeFileAtomically(file, j.dump(2) + "\n");
  return j;
}

void ReproContext::beginTask(const std::string& label, double estimateSeconds) {
  m_taskLabel = label;
  m_taskEstimate = estimateSeconds;
  m_taskComputed = false;
  m_taskStart = std::chrono::steady_clock::now();
  setTaskPart(0, 1);
  taskProgress(0);
}

bool ReproContext::taskProgress(double partFraction, const std::string& detail) {
  const double fraction = m_partBegin + std::clamp(partFraction, 0.0, 1.0) * (m_partEnd - m_partBegin);
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_taskStart).count();
  const double done = m_doneEstimate + std::clamp(fraction, 0.0, 1.0) * m_taskEstimate;
  // Calibrate the estimates by what was really computed (cached tasks take no time).
  const double measuredEstimate = m_computedEstimate + fraction * m_taskEstimate;
  const double rate = measuredEstimate > 1 ? (m_computedSeconds + elapsed) / measuredEstimate : 1.0;
  m_progress.update(done / m_planSeconds, m_taskLabel + (detail.empty() ? "" : " " + detail),
                    std::max(0.0, m_planSeconds - done) * rate);
  return !m_stop.stopRequested();
}

void ReproContext::endTask() {
  m_doneEstimate += m_taskEstimate;
  if (m_taskComputed) {
    m_computedEstimate += m_taskEstimate;
    m_computedSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - m_taskStart).count();
  }
}

}  // namespace vpf::cli
