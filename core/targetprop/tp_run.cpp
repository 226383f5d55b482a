#include "core/targetprop/tp_run.h"

#include "core/common/error.h"

namespace vpf::targetprop {

TpRun::TpRun(std::string datasetName, std::unique_ptr<TpModel<float>> model, const Matrix& data, const TpConfig& config)
    : m_datasetName(std::move(datasetName)),
      m_model(std::move(model)),
      m_trainer(std::make_unique<TpTrainer>(*m_model, data, config)) {}

TpRun::TpRun(TpRun&&) noexcept = default;
TpRun& TpRun::operator=(TpRun&&) noexcept = default;
TpRun::~TpRun() = default;

TpRun TpRun::fresh(const std::string& datasetName, const TpConfig& config, const Matrix& data) {
  config.validate(data.rows(), data.cols());
  return TpRun(datasetName, std::make_unique<TpModel<float>>(freshTpModel(config)), data, config);
}

TpRun TpRun::resume(const TpModelFile& file, const Matrix& data, int epochs) {
  TpConfig config = file.meta.config;
  if (epochs >= 0) config.epochs = epochs;
  TpRun run(file.meta.dataset, std::make_unique<TpModel<float>>(file.model), data, config);
  run.m_priorScale = file.meta.priorScale;
  if (file.trainerState) run.m_trainer->restore(*file.trainerState);
  return run;
}

bool TpRun::fitPrior(const Matrix& rows, const StopToken* stop) {
  return targetprop::fitPrior(*m_model, rows, config().inference, stop);
}

void TpRun::setPriorScale(double kappa) {
  if (!(kappa > 0) || !std::isfinite(kappa)) throw Error("the prior scale κ must be positive");
  m_priorScale = kappa;
}

TpModelMeta TpRun::meta() const {
  TpModelMeta meta;
  meta.dataset = m_datasetName;
  meta.config = config();
  meta.epochsDone = epochsDone();
  meta.history = m_trainer->history();
  meta.priorScale = m_priorScale;
  return meta;
}

TpModelFile TpRun::checkpoint() const {
  TpModelFile file{*m_model, meta(), std::nullopt};
  if (atEpochBoundary()) file.trainerState = m_trainer->state();
  return file;
}

void TpRun::save(const std::string& path) const {
  const TpModelFile file = checkpoint();
  saveTpModel(path, file.model, file.meta, file.trainerState ? &*file.trainerState : nullptr);
}

}  // namespace vpf::targetprop
