#pragma once
// What the sampling panels (Reconstruct, Gibbs chain, Confabulate) work on: the current model —
// from the latest training snapshot, which also carries an opened model file — and the data set's
// test images binarised like the training data. Shared by the panels; the main window feeds it
// snapshots and data sets. Immutable pieces are shared as shared_ptr<const …> so worker jobs can
// keep them alive. refusal() explains in words why the panels cannot work (no model, training
// running, image size mismatch, no data).
#include <QObject>
#include <QString>
#include <memory>

#include "core/data/dataset.h"
#include "core/learning/training_config.h"
#include "core/model/boltzmann_machine.h"
#include "ui/training/training_snapshot.h"

namespace vpf {

using ModelPtr = std::shared_ptr<const BoltzmannMachine>;
using MatrixPtr = std::shared_ptr<const Matrix>;

class SamplingContext : public QObject {
  Q_OBJECT
 public:
  explicit SamplingContext(QObject* parent = nullptr);

  void setSnapshot(const SnapshotPtr& snapshot);
  void setData(std::shared_ptr<const DataSplits> data, const QString& title = QString());
  /// Uses `model` directly (tests, tools); `config` gives the algorithm and the binarisation.
  void setModel(ModelPtr model, const TrainingConfig& config, const QString& description);

  /// The model the panels may use now, or null (then refusal() says why).
  ModelPtr model() const { return usable() ? m_model : nullptr; }
  bool usable() const { return refusal().isEmpty(); }
  QString refusal() const;
  /// Increments whenever model() or the data change, so panels know to refresh.
  quint64 version() const { return m_version; }
  QString modelDescription() const { return m_description; }
  const TrainingConfig& config() const { return m_config; }
  /// Gibbs transitions the paper uses for this model: 2 for VPF, 1000 for CD/PCD.
  int defaultTransitions() const;

  std::shared_ptr<const DataSplits> data() const { return m_data; }
  QString dataTitle() const { return m_dataTitle; }
  /// Test images binarised at the model's threshold (N × n0), or null without data.
  MatrixPtr testImages() const { return m_test; }
  /// The first ≤ `limit` training images binarised (computed on first use, cached).
  MatrixPtr trainImages(int limit = 10000) const;
  int imageRows() const;
  int imageCols() const;
  int testLabel(int index) const;

 signals:
  void changed();

 private:
  void rebinarise();
  void bump();

  SnapshotPtr m_snapshot;
  ModelPtr m_model;
  TrainingConfig m_config;
  QString m_description;
  bool m_training = false;
  std::shared_ptr<const DataSplits> m_data;
  QString m_dataTitle;
  MatrixPtr m_test;
  mutable MatrixPtr m_train;
  mutable int m_trainLimit = 0;
  float m_threshold = -1;
  quint64 m_version = 0;
};

}  // namespace vpf
