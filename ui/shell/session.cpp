#include "ui/shell/session.h"

#include <QFileInfo>
#include <QLocale>

#include "ui/shell/dataset_source.h"
#include "core/common/error.h"

namespace vpf {

Session::Session(QObject* parent) : QObject(parent) {}

QString Session::datasetTitle() const { return m_spec.isEmpty() ? QString() : vpf::datasetTitle(m_spec); }

QString Session::datasetSummary() const {
  if (!m_data) return tr("No data set loaded.");
  const QLocale locale;
  QString text = tr("%1 training images").arg(locale.toString(m_data->train.size()));
  if (m_data->test.size() > 0) text += tr(", %1 test images").arg(locale.toString(m_data->test.size()));
  text += tr(", %1×%2 pixels").arg(m_data->train.cols).arg(m_data->train.rows);
  if (m_data->train.labels.empty()) text += tr(", no labels");
  return text + QLatin1Char('.');
}

int Session::visibleUnits() const { return m_data ? m_data->train.pixels() : 0; }

bool Session::modelTrained() const {
  const SnapshotPtr s = m_controller.latest();
  return s && s->phase != TrainingPhase::Empty && (s->epochsDone > 0 || s->batchesTrained > 0);
}

bool Session::hasUnsavedTraining() const {
  const SnapshotPtr s = m_controller.latest();
  if (!s || s->phase == TrainingPhase::Empty || s->batchesTrained == 0) return false;
  return !(s->generation == m_savedGeneration && s->batchesTrained == m_savedBatches);
}

RunSetup Session::baseSetup(const TrainingConfig& config) const {
  RunSetup setup;
  setup.train = std::shared_ptr<const Dataset>(m_data, &m_data->train);
  setup.datasetName = m_spec.toStdString();
  setup.config = config;
  setup.autosavePath = m_autosavePath;
  return setup;
}

std::shared_ptr<const DataSplits> Session::readDataset(const QString& spec) {
  try {
    return loadDatasetSpec(spec);
  } catch (const Error& e) {
    QString message = QString::fromStdString(e.what());
    if (spec == QLatin1String("mnist") || spec == QLatin1String("fashion"))
      message += tr("\n\nRun scripts/setup in the VPF Lab source folder to download MNIST and Fashion-MNIST into "
                    "data/ (or set VPF_DATA_DIR to a folder that holds them).");
    throw Error(message.toStdString());
  }
}

void Session::setDataset(const QString& spec, std::shared_ptr<const DataSplits> data) {
  if (!data) throw Error("no data set given");
  const SnapshotPtr current = m_controller.latest();
  m_data = std::move(data);
  m_spec = spec;
  // Keep the model on data of the same image size: re-bind it (with its trainer state when at an
  // epoch boundary, so the optimizer and history carry on).
  if (current && current->phase != TrainingPhase::Empty && !current->model.sizes.empty() &&
      current->model.sizes[0] == m_data->train.pixels()) {
    RunSetup setup = baseSetup(current->config);
    setup.model = std::make_shared<const BoltzmannMachine>(current->model);
    setup.trainerState = current->trainerState;
    m_controller.setup(setup);
  }
  emit datasetChanged();
}

void Session::resetModel(const Architecture& architecture, const TrainingConfig& config) {
  if (!m_data) throw Error("open a data set first (File ▸ Open data set)");
  RunSetup setup = baseSetup(config);
  setup.architecture = architecture;
  m_controller.setup(setup);
  m_modelPath.clear();
  emit modelReplaced();
}

ModelFile Session::openModel(const QString& path) {
  ModelFile file = loadModel(path.toStdString());
  adoptModel(file, path);
  return file;
}

void Session::adoptModel(const ModelFile& file, const QString& origin) {
  checkModel(file, origin);
  RunSetup setup = baseSetup(file.meta.config);
  setup.model = std::make_shared<const BoltzmannMachine>(file.model);
  if (file.trainerState) setup.trainerState = std::make_shared<const TrainerState>(*file.trainerState);
  m_controller.setup(setup);
  m_modelPath = origin;
  m_savedGeneration = m_controller.generation();
  m_savedBatches = 0;
  emit modelReplaced();
}

void Session::checkModel(const ModelFile& file, const QString& origin) const {
  if (!m_data) throw Error("open a data set first (File ▸ Open data set)");
  if (file.model.sizes.empty() || file.model.sizes[0] != m_data->train.pixels())
    throw Error("'" + QFileInfo(origin).fileName().toStdString() + "' has " +
                std::to_string(file.model.sizes.empty() ? 0 : file.model.sizes[0]) +
                " visible units but the images of " + datasetTitle().toStdString() + " have " +
                std::to_string(m_data->train.pixels()) + " pixels; open a data set of the model's image size first");
  TrainingConfig config = file.meta.config;
  // Validate here so an unusable file is refused before the current model is replaced.
  config.validate(file.model.sizes, static_cast<std::size_t>(m_data->train.size()));
}

void Session::saveModel(const QString& path) {
  const SnapshotPtr s = m_controller.latest();
  if (!s || s->phase == TrainingPhase::Empty) throw Error("there is no model to save yet");
  const ModelMeta meta = modelMeta(s->datasetName, s->config, s->epochsDone, s->history.toVector());
  vpf::saveModel(path.toStdString(), s->model, meta, s->trainerState.get());
  m_modelPath = path;
  m_savedGeneration = s->generation;
  m_savedBatches = s->batchesTrained;
}

}  // namespace vpf
