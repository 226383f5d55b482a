#pragma once
// The working state of `vpf repro`: the results folder, the data sets (loaded once), trained models
// and cached results. Everything finished is on disk — models/<key>.npz (a checkpoint after every
// epoch) and results/<key>.json — so an interrupted run resumes where it stopped. Progress: one
// line with the overall fraction and an ETA calibrated by the work done so far.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/cli_support.h"
#include "core/io/model_file.h"
#include "core/common/stop_token.h"
#include "cli/repro_settings.h"

namespace vpf::cli {

/// A model of the study: trained once, then loaded from models/<key>.npz.
struct ModelSpec {
  std::string key;      // file name without .npz, e.g. "mnist-rbm196-cd10-s2"
  std::string dataset;  // "mnist" | "fashion"
  std::string arch;     // "rbm:196" | "dbm:196,196,64"
  bool intra = false;
  std::string algo = "vpf";  // "vpf" | "cd:K" | "pcd:K"
  int epochs = 1;
  std::uint64_t seed = 1;
  double weightDecay = 1e-4;  // λ (the paper's; VPF models may use the validated scale, see repro_experiments)
  int trainRows = 0;          // train on the first N training images only (0: all), e.g. to keep a validation slice out
};

/// Rough cost of a model's training in seconds on the reference machine (for the ETA only).
double estimatedTrainingSeconds(const ModelSpec& spec, int trainImages);

/// Thrown when Ctrl+C stopped the run; everything finished so far is on disk.
struct ReproInterrupted : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class ReproContext {
 public:
  ReproContext(std::string folder, ReproSettings settings, bool showProgress);

  const ReproSettings& settings() const { return m_settings; }
  /// Choices made on the validation slice during this run (e.g. "dbm2" → "mean"); "" when not made.
  void setChoice(const std::string& name, const std::string& value) { m_choices[name] = value; }
  std::string choice(const std::string& name) const {
    const auto it = m_choices.find(name);
    return it == m_choices.end() ? "" : it->second;
  }
  const std::string& folder() const { return m_folder; }
  std::string path(const std::string& relative) const { return m_folder + "/" + relative; }

  /// Binarised training/test images of a data set (limited as the settings say), loaded once.
  const LoadedData& data(const std::string& dataset);
  int trainImages() const;  // rows used for training (for estimates)

  /// The trained model: loaded when finished, resumed from its checkpoint when interrupted,
  /// else trained from the start. Progress goes to the current task.
  ModelFile model(const ModelSpec& spec);
  /// results/<key>.json if present, else compute() (seconds recorded as "seconds") written there.
  nlohmann::json cached(const std::string& key, const std::function<nlohmann::json()>& compute);

  // Overall progress: the plan's total estimate, then one task at a time.
  void setPlanSeconds(double total) { m_planSeconds = total; }
  void beginTask(const std::string& label, double estimateSeconds);
  /// Fraction of the current task; returns false when the run should stop (Ctrl+C).
  bool taskProgress(double fraction, const std::string& detail = "");
  /// Later taskProgress() fractions of this task map into [begin, end] (a task with several parts,
  /// each reporting 0 … 1, e.g. two models trained and evaluated in one task). Reset by beginTask().
  void setTaskPart(double begin, double end) {
    m_partBegin = begin;
    m_partEnd = end;
  }
  void endTask();
  void message(const std::string& line) { m_progress.message(line); }
  void finish() { m_progress.finish(); }

  /// For models trained outside model() (the targetprop experiment): their training seconds, that
  /// the current task computed something (ETA calibration), a divergence to report.
  void recordSeconds(const std::string& key, double seconds) { m_seconds[key] = seconds; }
  void markComputed() { m_taskComputed = true; }
  void recordDiverged(const std::string& key, nlohmann::json record) { m_diverged[key] = std::move(record); }

  StopToken& stopToken() { return m_stop; }
  void throwIfStopped() const;
  /// Wall-clock seconds of everything computed, by cache key or model key.
  const std::map<std::string, double>& seconds() const { return m_seconds; }
  /// Models whose training diverged: key → {epoch, batch, message, epochs_kept}.
  const std::map<std::string, nlohmann::json>& diverged() const { return m_diverged; }

 private:
  std::string m_folder;
  ReproSettings m_settings;
  Progress m_progress;
  StopToken m_stop;
  std::map<std::string, std::unique_ptr<LoadedData>> m_data;
  std::map<std::string, double> m_seconds;
  std::map<std::string, std::string> m_choices;
  std::map<std::string, nlohmann::json> m_diverged;
  double m_planSeconds = 1, m_doneEstimate = 0, m_computedEstimate = 0, m_computedSeconds = 0;
  double m_taskEstimate = 0;
  double m_partBegin = 0, m_partEnd = 1;
  bool m_taskComputed = false;
  std::string m_taskLabel;
  std::chrono::steady_clock::time_point m_taskStart;
};

}  // namespace vpf::cli
