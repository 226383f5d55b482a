#pragma once
// The "Model" and "Training" settings of the left dock: architecture (RBM with n hidden units, DBM
// with a layer list, intra-layer connections), algorithm (VPF, CD-k, PCD-k), learning rate, batch
// size, weight decay, epochs, seed, binarisation threshold, and presets for the paper's models.
// Invalid values are refused here: the reason (from parseArchitecture / TrainingConfig::validate)
// is shown inline and Start/Reset stay disabled until it is fixed.
#include <QWidget>

#include "core/learning/algorithms.h"
#include "core/learning/training_config.h"
#include "core/model/boltzmann_machine.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSettings;
class QSpinBox;
class QStackedWidget;

namespace vpf {

class ModelPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ModelPanel(QWidget* parent = nullptr);

  /// The data the model will be trained on (visible units, training images) for validation.
  void setDatasetShape(int visible, int trainCount);

  /// The current settings; false (and `error`) when a value is refused.
  bool settings(Architecture& architecture, TrainingConfig& config, QString* error = nullptr) const;
  bool isValid() const { return m_error.isEmpty(); }
  QString errorText() const { return m_error; }
  QString architectureSpec() const;  // "rbm:196", "dbm:196,196,64"
  bool intra() const;

  /// Shows the settings of an opened model (architecture from its layer sizes, its config).
  void setFromModel(const BoltzmannMachine& model, const TrainingConfig& config);
  /// Sets the architecture from a spec such as "dbm:196,196,64"; false if malformed.
  bool setArchitectureSpec(const QString& spec, bool intra);
  void setEpochs(int epochs);
  /// Selects the algorithm of `config` (and its k, when the algorithm takes one).
  void setAlgorithm(const TrainingConfig& config);
  void applyPreset(int preset);  // index into the preset list (0 = custom)
  int presetCount() const;

  void saveSettings(QSettings& settings) const;
  void restoreSettings(const QSettings& settings);

  // For tests: direct access to the editors.
  QLineEdit* learningRateEdit() const { return m_learningRate; }
  QLineEdit* layersEdit() const { return m_layers; }
  QComboBox* typeCombo() const { return m_type; }
  QLabel* errorLabel() const { return m_errorLabel; }

 signals:
  /// Any change (valid or not); check isValid().
  void settingsChanged();

 private:
  void onChanged();
  void validate();
  void updatePresetMatch();
  void updateEnabled();
  const AlgorithmInfo& selectedAlgorithm() const;
  static bool parseNumber(const QString& text, double& value);

  int m_visible = 784, m_trainCount = 60000;
  QString m_error;
  bool m_applyingPreset = false;

  QComboBox* m_preset;
  QComboBox* m_type;
  QStackedWidget* m_sizeStack;
  QSpinBox* m_hidden;
  QLineEdit* m_layers;
  QCheckBox* m_intra;
  QComboBox* m_algorithm;
  QSpinBox* m_k;
  QComboBox* m_optimizer;
  QLineEdit* m_learningRate;
  QSpinBox* m_batch;
  QLineEdit* m_weightDecay;
  QSpinBox* m_epochs;
  QSpinBox* m_seed;
  QDoubleSpinBox* m_threshold;
  QCheckBox* m_meanField;
  QLabel* m_summary;
  QLabel* m_errorLabel;
};

}  // namespace vpf
