#pragma once
// One training run (DESIGN §17): the machine, its trainer and the rows it trains on — made fresh
// from a RunSpec or resumed from a model file — and the checkpoint that saves it. `vpf train`,
// `vpf repro` and the app's training worker all build their runs here, so the same spec and seed
// give the same model bit for bit on every path (for the same OpenMP thread count). Front ends only
// slice the run into steps, report progress and decide when to save. One thread drives a run.
#include <memory>
#include <string>

#include "core/common/stop_token.h"
#include "core/io/model_file.h"
#include "core/learning/trainer.h"
#include "core/learning/training_config.h"
#include "core/model/boltzmann_machine.h"

namespace vpf {

/// Everything that defines a fresh run besides the data.
struct RunSpec {
  std::string datasetName;    // recorded in the model file ("mnist", "fashion", a path…)
  Architecture architecture;  // hidden layers (the visible size comes from the data)
  InitOptions init;
  TrainingConfig config;  // algorithm, hyper-parameters, seed, epoch target
};

/// The seed of the initial parameters, derived from the run's seed so that the initialisation and
/// the trainer's own stream (seeded with config.seed) are not the same numbers.
std::uint64_t initialisationSeed(std::uint64_t runSeed);

class TrainingRun {
 public:
  /// A fresh machine for `spec`, initialised from initialisationSeed(spec.config.seed). Validates
  /// the settings against the data before anything large is allocated (throws vpf::Error).
  /// `data`: N × n0 binarised training rows; it must outlive the run.
  static TrainingRun fresh(const RunSpec& spec, const Matrix& data);
  /// Continues `model` with `config`: exactly where it stopped when `state` (a checkpoint) is given,
  /// else from its parameters with a fresh optimizer. Throws when the model does not fit the data.
  static TrainingRun resume(const std::string& datasetName, const BoltzmannMachine& model, const TrainingConfig& config,
                            const TrainerState* state, const Matrix& data);

  TrainingRun(TrainingRun&&) noexcept;
  TrainingRun& operator=(TrainingRun&&) noexcept;
  ~TrainingRun();

  /// One minibatch (see Trainer::step); throws DivergenceError with the last good parameters kept.
  BatchStats step() { return m_trainer->step(); }
  /// Until config().epochs epochs are done, the token stops it or an observer hook returns false.
  void run(const StopToken* stop = nullptr, TrainingObserver* observer = nullptr) { m_trainer->run(stop, observer); }

  /// Takes the live settings of `requested` (withLiveSettings); valid at an epoch boundary. The
  /// trainer is rebuilt and restored, so the run goes on exactly as if it had started with them.
  void applyLiveSettings(const TrainingConfig& requested);

  const Trainer& trainer() const { return *m_trainer; }
  const BoltzmannMachine& model() const { return *m_model; }
  const TrainingConfig& config() const { return m_trainer->config(); }
  const std::string& datasetName() const { return m_datasetName; }
  const Matrix& data() const { return *m_data; }
  int epochsDone() const { return m_trainer->epochsDone(); }
  bool atEpochBoundary() const { return m_trainer->atEpochBoundary(); }
  const std::vector<EpochStats>& history() const { return m_trainer->history(); }

  /// The model file's metadata for the run as it stands.
  ModelMeta meta() const;
  /// Model + metadata, with the trainer state (resumable) when at an epoch boundary.
  ModelFile checkpoint() const;
  /// Writes checkpoint() atomically to `path`.
  void save(const std::string& path) const;

 private:
  TrainingRun(std::string datasetName, std::unique_ptr<BoltzmannMachine> model, const Matrix& data);

  std::string m_datasetName;
  std::unique_ptr<BoltzmannMachine> m_model;  // heap: the trainer refers to it
  const Matrix* m_data;
  std::unique_ptr<Trainer> m_trainer;
};

}  // namespace vpf
