#pragma once
// The "Early inference (Bengio & Fischer 2015)" tab (DESIGN §19, spec C2): the claim that the first
// steps of leaky inference in a symmetric energy-based network, nudged at its output, move hidden
// layer k by −ε^{k+1}·∂C/∂h_k — back-propagation, one layer per step — measured live. Any control
// but ε reruns the ε sweep on the panel's worker (debounced; the newest request wins); the ε slider
// reruns only the focus ε that P3–P6 show, with the sweep's network and fixed point. The six plots
// and their "Paper: …" lines come from figures/early_inference_figure.h, the readouts give the
// fixed point, the fitted slopes and the Eq. 26 update's agreement with −∂C/∂W.
#include <memory>

#include "core/early_inference/sweep.h"
#include "ui/support/panel.h"

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QSlider;
class QSpinBox;
class QTimer;

namespace vpf {

class TaskRunner;

class EarlyInferencePanel : public Panel {
  Q_OBJECT
 public:
  explicit EarlyInferencePanel(QWidget* parent = nullptr);
  ~EarlyInferencePanel() override;

  QString tabTitle() const override { return tr("Early inference"); }
  QString tabToolTip() const override {
    return tr("Bengio & Fischer 2015: early inference in an energy-based network computes back-propagation");
  }

  /// The settings the controls describe; throws vpf::Error for a bad value (e.g. the sizes).
  early_inference::SweepSettings settings() const;
  /// The focus ε (the slider), and setting it (snapped to the slider's grid).
  double focusEps() const;
  void setFocusEps(double eps);
  /// Results on display: the sweep and the focus run (null until computed).
  const early_inference::SweepResult* sweep() const { return m_sweep.get(); }
  const early_inference::EpsilonRun* focus() const { return m_focus.get(); }
  bool isBusy() const;
  QCustomPlot* plot() const { return m_plot; }

  QString exportBaseName() const override { return QStringLiteral("early-inference"); }
  QString exportTitle() const override { return tr("Early inference ≈ back-propagation (P1–P6)"); }
  FigureSize defaultFigureSize() const override { return {1500, 950, 150}; }
  void exportFigure(const QString& path, const FigureSize& size) override;
  /// The sweep's CSV of spec C2: eps,t,layer,k,norm_d,norm_g,cos_bp,cos_inf,relerr.
  void exportCsv(const QString& path) override;

 public slots:
  void runSweep();
  void runFocus();

 signals:
  void sweepFinished();
  void focusFinished();
  void runFailed(const QString& message);

 private:
  QWidget* buildControls();
  void redraw();
  void showReadouts();
  void showError(const QString& message);

  TaskRunner* m_sweepRunner;
  TaskRunner* m_focusRunner;
  QTimer* m_debounce;
  std::shared_ptr<const early_inference::SweepResult> m_sweep;
  std::shared_ptr<const early_inference::EpsilonRun> m_focus;
  early_inference::SweepSettings m_sweepSettings;  // the settings m_sweep was computed with

  QLineEdit* m_sizes;
  QComboBox* m_rho;
  QDoubleSpinBox* m_radius;
  QSpinBox* m_seed;
  QDoubleSpinBox* m_offset;
  QComboBox* m_nudge;
  QDoubleSpinBox* m_beta;
  QSpinBox* m_maxSteps;
  QDoubleSpinBox* m_horizon;
  QDoubleSpinBox* m_asymmetry;
  QDoubleSpinBox* m_noise;
  QSpinBox* m_runs;
  QCheckBox* m_stateForm;
  QSlider* m_eps;
  QLabel* m_epsLabel;
  QProgressBar* m_progress;
  QLabel* m_status;
  QLabel* m_readouts;
  QCustomPlot* m_plot;
};

}  // namespace vpf
