#include "ui/support/sampling_context.h"

#include "core/protocols/paper_protocol.h"

namespace vpf {

SamplingContext::SamplingContext(QObject* parent) : QObject(parent) {}

void SamplingContext::setSnapshot(const SnapshotPtr& snapshot) {
  const bool training = snapshot && snapshot->isTraining();
  ModelPtr model;
  if (snapshot && snapshot->phase != TrainingPhase::Empty && !snapshot->model.sizes.empty())
    model = ModelPtr(snapshot, &snapshot->model);
  // While training runs the parameters change ~25 times a second: the panels wait for a pause.
  const bool same = m_snapshot && snapshot && m_snapshot->generation == snapshot->generation &&
                    m_snapshot->sequence == snapshot->sequence;
  if (same && training == m_training) return;
  const bool modelChanged = !training && !same;
  m_snapshot = snapshot;
  const bool trainingChanged = training != m_training;
  m_training = training;
  if (!training && (modelChanged || trainingChanged)) {
    m_model = model;
    if (snapshot) {
      m_config = snapshot->config;
      m_description = tr("%1 by %2, %3 epoch(s)")
                          .arg(QString::fromStdString(snapshot->architecture))
                          .arg(QString::fromStdString(algorithmName(snapshot->config)))
                          .arg(snapshot->epochsDone);
    }
    rebinarise();
    bump();
  } else if (trainingChanged) {
    bump();
  }
}

void SamplingContext::setModel(ModelPtr model, const TrainingConfig& config, const QString& description) {
  m_snapshot.reset();
  m_training = false;
  m_model = std::move(model);
  m_config = config;
  m_description = description;
  rebinarise();
  bump();
}

void SamplingContext::setData(std::shared_ptr<const DataSplits> data, const QString& title) {
  m_data = std::move(data);
  m_dataTitle = title.isEmpty() && m_data ? QString::fromStdString(m_data->name) : title;
  m_threshold = -1;
  rebinarise();
  bump();
}

void SamplingContext::rebinarise() {
  const float threshold = static_cast<float>(m_config.binarizeThreshold);
  if (!m_data) {
    m_test.reset();
    m_train.reset();
    return;
  }
  if (threshold == m_threshold && m_test) return;
  m_threshold = threshold;
  m_test = std::make_shared<const Matrix>(binarize(m_data->test.images, threshold));
  m_train.reset();
  m_trainLimit = 0;
}

MatrixPtr SamplingContext::trainImages(int limit) const {
  if (!m_data) return nullptr;
  const int n = std::min(limit, m_data->train.size());
  if (!m_train || m_trainLimit != n)
    m_train = std::make_shared<const Matrix>(binarize(m_data->train.images.topRows(n), m_threshold));
  m_trainLimit = n;
  return m_train;
}

void SamplingContext::bump() {
  ++m_version;
  emit changed();
}

QString SamplingContext::refusal() const {
  if (m_training)
    return tr("Training is running. Pause it (F6) to use this panel: it works on the model as it is when paused.");
  if (!m_model) return tr("No model yet. Train one (Start, F5) or open a model file (File ▸ Open Model).");
  if (!m_data || !m_test) return tr("No data set. Open one (File ▸ Open Data Set).");
  if (m_data->test.pixels() != m_model->sizes[0])
    return tr("The model has %1 visible units but the images of %2 have %3 pixels. Open a matching data set or "
              "model.")
        .arg(m_model->sizes[0])
        .arg(m_dataTitle)
        .arg(m_data->test.pixels());
  if (m_data->test.size() == 0) return tr("The data set %1 has no test images.").arg(m_dataTitle);
  return {};
}

int SamplingContext::defaultTransitions() const { return protocol::reconstructionTransitions(m_config); }

int SamplingContext::imageRows() const { return m_data ? m_data->test.rows : 28; }
int SamplingContext::imageCols() const { return m_data ? m_data->test.cols : 28; }

int SamplingContext::testLabel(int index) const {
  if (!m_data || index < 0 || index >= static_cast<int>(m_data->test.labels.size())) return -1;
  return m_data->test.labels[static_cast<std::size_t>(index)];
}

}  // namespace vpf
