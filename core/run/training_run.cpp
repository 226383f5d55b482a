#include "core/run/training_run.h"

#include "core/common/error.h"
#include "core/common/rng.h"

namespace vpf {

std::uint64_t initialisationSeed(std::uint64_t runSeed) { return runSeed ^ 0x9e3779b97f4a7c15ull; }

TrainingRun::TrainingRun(std::string datasetName, std::unique_ptr<BoltzmannMachine> model, const Matrix& data)
    : m_datasetName(std::move(datasetName)), m_model(std::move(model)), m_data(&data) {}

TrainingRun::TrainingRun(TrainingRun&&) noexcept = default;
TrainingRun& TrainingRun::operator=(TrainingRun&&) noexcept = default;
TrainingRun::~TrainingRun() { m_trainer.reset(); }  // refers to the model

TrainingRun TrainingRun::fresh(const RunSpec& spec, const Matrix& data) {
  const int visible = static_cast<int>(data.cols());
  std::vector<int> sizes{visible};
  sizes.insert(sizes.end(), spec.architecture.hidden.begin(), spec.architecture.hidden.end());
  // Before any allocation: refuses absurd hyper-parameters and models larger than memory.
  spec.config.validate(sizes, static_cast<std::size_t>(data.rows()));
  Rng rng(initialisationSeed(spec.config.seed));
  auto model = std::make_unique<BoltzmannMachine>(makeMachine(visible, spec.architecture, spec.init, rng, &data));
  TrainingRun run(spec.datasetName, std::move(model), data);
  run.m_trainer = makeTrainer(*run.m_model, data, spec.config);
  return run;
}

TrainingRun TrainingRun::resume(const std::string& datasetName, const BoltzmannMachine& model,
                                const TrainingConfig& config, const TrainerState* state, const Matrix& data) {
  if (model.sizes.empty() || model.sizes[0] != data.cols())
    throw Error("the model's visible layer has " + std::to_string(model.sizes.empty() ? 0 : model.sizes[0]) +
                " units but the images have " + std::to_string(data.cols()) + " pixels");
  TrainingRun run(datasetName, std::make_unique<BoltzmannMachine>(model), data);
  run.m_trainer = makeTrainer(*run.m_model, data, config);
  if (state) run.m_trainer->restore(*state);
  return run;
}

void TrainingRun::applyLiveSettings(const TrainingConfig& requested) {
  const TrainingConfig next = withLiveSettings(config(), requested);
  if (sameLiveSettings(next, config())) return;
  const TrainerState state = m_trainer->state();  // throws between epochs
  std::unique_ptr<Trainer> trainer = makeTrainer(*m_model, *m_data, next);
  trainer->restore(state);
  m_trainer = std::move(trainer);
}

ModelMeta TrainingRun::meta() const { return modelMeta(m_datasetName, config(), epochsDone(), history()); }

ModelFile TrainingRun::checkpoint() const {
  ModelFile file{*m_model, meta(), std::nullopt};
  if (atEpochBoundary()) file.trainerState = m_trainer->state();
  return file;
}

void TrainingRun::save(const std::string& path) const {
  const ModelFile file = checkpoint();
  saveModel(path, file.model, file.meta, file.trainerState ? &*file.trainerState : nullptr);
}

}  // namespace vpf
