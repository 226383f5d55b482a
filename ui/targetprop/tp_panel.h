#pragma once
// The "Target prop (Bengio 2015)" tab (DESIGN §20, spec C1): the target-propagation variational EM
// model of Bengio et al. 2015 trained live on its own worker (TpTrainingController), beside the
// Boltzmann machines of the other tabs. Controls on the left (sizes, pixels, optimizer, INFERENCE
// and corruption settings, Start / Pause / Step / Reset, Open / Save); five views on the right:
// curves, Fig. 4 inference, Fig. 3 samples with a Parzen score, Fig. 5 inpainting, W1/V1 filters.
// Export Figure exports the view on display; Export All writes every view.
#include <memory>

#include "core/targetprop/tp_config.h"
#include "ui/support/panel.h"
#include "ui/targetprop/tp_training_controller.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace vpf {

class TpView;
class TpCurvesView;
class TpInferenceView;
class TpSamplesView;
class TpInpaintView;
class TpFiltersView;

class TpPanel : public Panel {
  Q_OBJECT
 public:
  explicit TpPanel(QWidget* parent = nullptr);
  ~TpPanel() override;

  QString tabTitle() const override { return tr("Target prop (Bengio 2015)"); }
  QString tabToolTip() const override {
    return tr(
        "Bengio et al. 2015: the target-propagation variational EM model (Parzen 236), trained, "
        "sampled and inpainted live (Figs. 3–5)");
  }
  void setDataset(std::shared_ptr<const DataSplits> data, const QString& title) override;
  bool opensModelKind(const std::string& kind) const override;
  bool openModelFile(const QString& path, QString& error) override;

  /// The settings the controls describe; throws vpf::Error for a bad value.
  targetprop::TpConfig config() const;
  TpScoring scoring() const;
  /// Opens a target-propagation model file to view and continue; false (and the reason in the
  /// status line) when it cannot.
  bool openModel(const QString& path);
  /// Saves the run (a checkpoint at an epoch boundary); the result arrives in the status line.
  void saveModel(const QString& path);

  TpTrainingController& controller() { return *m_controller; }
  TpCurvesView* curvesView() const { return m_curves; }
  TpInferenceView* inferenceView() const { return m_inference; }
  TpSamplesView* samplesView() const { return m_samples; }
  TpInpaintView* inpaintView() const { return m_inpaint; }
  TpFiltersView* filtersView() const { return m_filters; }
  QTabWidget* views() const { return m_views; }
  QString statusText() const;

  QString exportBaseName() const override;
  QString exportTitle() const override;
  FigureSize defaultFigureSize() const override;
  void exportFigure(const QString& path, const FigureSize& size) override;
  void exportCsv(const QString& path) override;
  /// Every view's figures and CSV.
  QStringList exportAll(const QString& folder, const FigureSize& size) override;

 public slots:
  void resetRun();

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  QWidget* buildControls();
  TpView* currentView() const;
  TpRunData runData(const targetprop::TpConfig& config) const;
  void onSnapshot(const TpSnapshotPtr& snapshot);
  void settingsChanged();
  void applyPreset(int index);
  void showStatus(const QString& text, bool error = false);

  TpTrainingController* m_controller;
  std::shared_ptr<const DataSplits> m_data;
  QString m_dataTitle;
  bool m_settingsPending = false;
  bool m_resetWhenShown = false;  // a data set arrived while hidden: the run is made on first show

  QTabWidget* m_views;
  TpCurvesView* m_curves;
  TpInferenceView* m_inference;
  TpSamplesView* m_samples;
  TpInpaintView* m_inpaint;
  TpFiltersView* m_filters;

  QComboBox *m_preset, *m_pixels, *m_optimizer;
  QSpinBox *m_n1, *m_n2, *m_epochs, *m_batch, *m_iterations, *m_spikes, *m_trainImages, *m_parzenEvery;
  QDoubleSpinBox *m_delta, *m_alpha, *m_sigmaX, *m_sigmaA, *m_sigmaB;
  QLineEdit *m_learningRate, *m_seed;
  QPushButton *m_start, *m_pause, *m_stepBatch, *m_stepEpoch, *m_reset, *m_open, *m_save;
  QLabel *m_status, *m_progress;
};

}  // namespace vpf
