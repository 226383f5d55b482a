#pragma once
// The STDP panel (DESIGN §8): the VPF analytic and Monte Carlo curves (paper eq. 6, Fig. 1b), the
// Bengio et al. 2015 simulation, the Bi & Poo fit and imported measured points on one plot with
// toggles, legend and error bars; live parameters; the simulations run as jobs of the panel's
// TaskRunner (newest request wins) with progress and cancel; a small plot shows one example
// pairing; export as PNG/SVG/PDF (shared figure code, figures/stdp_figure.h) and CSV.
// Self-contained: it needs nothing from the window but its tab.
#include <QPointer>
#include <QStringList>
#include <map>
#include <memory>
#include <optional>

#include "core/stdp/stdp_experiment.h"
#include "ui/support/panel.h"

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTimer;

namespace vpf {

class TaskRunner;

class StdpPanel : public Panel {
  Q_OBJECT

 public:
  explicit StdpPanel(QWidget* parent = nullptr);
  ~StdpPanel() override;

  QString tabTitle() const override { return tr("STDP"); }
  QString tabToolTip() const override { return tr("Spike-timing-dependent plasticity (paper Fig. 1)"); }

  QString exportBaseName() const override { return QStringLiteral("stdp"); }
  QString exportTitle() const override { return tr("STDP"); }
  /// The figure has its own fixed size (the one `vpf stdp --figure` uses); `size` is not used.
  void exportFigure(const QString& path, const FigureSize& /*size*/) override { saveFigure(path); }
  void exportCsv(const QString& path) override { saveCsv(path); }
  /// Writes stdp.png, stdp.svg, stdp.pdf (visible curves) and stdp.csv (all curves, normalised)
  /// into `folder` (created if needed); returns the paths written. Throws vpf::Error naming the
  /// file on failure. `size` is not used (see exportFigure).
  QStringList exportAll(const QString& folder, const FigureSize& size = FigureSize()) override;
  /// File ▸ Export Figure… writes every file into a chosen folder, as before the panel interface.
  ExportStyle exportStyle() const override { return ExportStyle::Folder; }

  /// The configuration the widgets describe.
  StdpConfig config() const;
  bool isRunning() const;
  /// The request id of the curves on display (0 before the first result).
  quint64 displayedRequest() const { return m_displayed; }
  QCustomPlot* curvePlot() const { return m_plot; }
  QCustomPlot* examplePlot() const { return m_examplePlot; }

  /// Imports measured points (CSV dt_ms,dw[,stderr]); on error shows a QMessageBox naming the bad
  /// lines and returns false.
  bool importMeasured(const QString& path);

  /// Saves the figure (by extension) or the CSV; throws vpf::Error.
  void saveFigure(const QString& path);
  void saveCsv(const QString& path);

 public slots:
  void runNow();  // start a simulation with the current parameters now
  void cancel();  // cancel the running simulation

 signals:
  void resultReady(quint64 requestId);
  void runCancelled(quint64 requestId);
  void runFailed(quint64 requestId, const QString& message);

 private:
  QWidget* buildControls();
  void parametersChanged();
  void onFinished(quint64 id, std::shared_ptr<const StdpResult> result);
  void onProgress(quint64 id, double fraction);
  void onStopped(quint64 id, const QString& message);
  void setRunningUi(bool running);
  void redrawCurves();
  void redrawExample();
  void updateFieldLabels();
  /// All curves (result + measured), normalised; the ones whose toggle is on if `visibleOnly`.
  std::vector<StdpCurve> curvesForOutput(bool visibleOnly) const;
  void ensureResult();  // computes synchronously if nothing has finished yet (export before first run)
  void importClicked();
  void exportFigureClicked();
  void exportCsvClicked();

  TaskRunner* m_runner = nullptr;
  QTimer* m_debounce = nullptr;
  std::shared_ptr<const StdpResult> m_result;
  std::optional<StdpCurve> m_measured;
  quint64 m_displayed = 0;
  quint64 m_exampleIndex = 0;

  QCustomPlot* m_plot = nullptr;
  QCustomPlot* m_examplePlot = nullptr;
  QDoubleSpinBox *m_preRate = nullptr, *m_postRate = nullptr;
  QLabel *m_preField = nullptr, *m_postField = nullptr;
  QSpinBox *m_pairings = nullptr, *m_seed = nullptr;
  QDoubleSpinBox *m_range = nullptr, *m_bin = nullptr;
  QComboBox* m_slopeDistribution = nullptr;
  QDoubleSpinBox *m_slopeMean = nullptr, *m_slopeStd = nullptr, *m_gap = nullptr;
  QDoubleSpinBox *m_aPlus = nullptr, *m_aMinus = nullptr;
  std::map<std::string, QCheckBox*> m_toggles;
  QComboBox* m_exampleKind = nullptr;
  QDoubleSpinBox* m_exampleDt = nullptr;
  QPushButton *m_runButton = nullptr, *m_cancelButton = nullptr;
  QProgressBar* m_progress = nullptr;
  QLabel* m_status = nullptr;
};

}  // namespace vpf
