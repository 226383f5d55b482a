#pragma once
// The window's document, without widgets: the data set and the run (model + configuration) held
// by the training controller. Operations throw vpf::Error with a message for the user; on failure
// nothing changes — in particular the current model is never lost.
#include <QObject>
#include <QString>
#include <memory>

#include "core/data/dataset.h"
#include "core/io/model_file.h"
#include "ui/training/training_controller.h"

namespace vpf {

class Session : public QObject {
  Q_OBJECT
 public:
  explicit Session(QObject* parent = nullptr);

  TrainingController& controller() { return m_controller; }
  const TrainingController& controller() const { return m_controller; }
  /// Where the worker writes the per-epoch checkpoint ("" = nowhere).
  void setAutosavePath(const QString& path) { m_autosavePath = path; }

  // ---- data
  /// Reads a data set spec (see dataset_source.h) without changing the session. Throws vpf::Error
  /// (for mnist/fashion with a hint to run scripts/setup).
  static std::shared_ptr<const DataSplits> readDataset(const QString& spec);
  /// Makes `data` the session's data set. Keeps the model when its visible layer fits the new
  /// images (it is re-bound to the new data); otherwise the caller must reset the model.
  void setDataset(const QString& spec, std::shared_ptr<const DataSplits> data);
  /// readDataset + setDataset.
  void loadDataset(const QString& spec) { setDataset(spec, readDataset(spec)); }
  std::shared_ptr<const DataSplits> data() const { return m_data; }
  QString datasetSpec() const { return m_spec; }
  QString datasetTitle() const;
  QString datasetSummary() const;
  int visibleUnits() const;  // pixels per image, 0 without data

  // ---- model
  bool hasModel() const { return m_controller.hasModel(); }
  /// Trained at all since it was created/opened in this session or before (epochs > 0 or batches).
  bool modelTrained() const;
  /// Parameters trained since the last save/open.
  bool hasUnsavedTraining() const;
  /// A fresh model of this architecture and configuration on the current data.
  void resetModel(const Architecture& architecture, const TrainingConfig& config);
  /// Opens a model/checkpoint file and sets it up for training on the current data (a checkpoint
  /// resumes exactly). Returns the file (meta for the settings panel).
  ModelFile openModel(const QString& path);
  /// Throws vpf::Error when the model cannot be trained on the current data (image size,
  /// configuration); `origin` names the file in the message.
  void checkModel(const ModelFile& file, const QString& origin) const;
  /// Sets up an already loaded model file (used for resuming the autosave).
  void adoptModel(const ModelFile& file, const QString& origin);
  /// Saves the latest model (a checkpoint when at an epoch boundary).
  void saveModel(const QString& path);
  QString modelPath() const { return m_modelPath; }

 signals:
  void datasetChanged();
  void modelReplaced();

 private:
  RunSetup baseSetup(const TrainingConfig& config) const;

  TrainingController m_controller;
  std::shared_ptr<const DataSplits> m_data;
  QString m_spec;
  QString m_autosavePath;
  QString m_modelPath;
  quint64 m_savedGeneration = 0;
  long long m_savedBatches = 0;
};

}  // namespace vpf
