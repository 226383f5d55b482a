#pragma once
// Inference view (Bengio et al. 2015, Fig. 4): ℓ(x, h) over t = 0 … N of INFERENCE on validation
// images, mean ± s.e. with 10 dashed individual curves, targetprop and gradient moves overlaid, with
// or without the prior term (the paper leaves it open); N, δ, α live; and a strip of x and g1(h1)
// at t = 0, 5, 10, 20 for one image. Computed on the view's worker when the model or a setting changes
// and the view is shown.
#include <memory>

#include "figures/tp_figures.h"
#include "ui/targetprop/tp_view.h"

class QCheckBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace vpf {

class ImageTile;
class TaskRunner;

class TpInferenceView : public TpView {
  Q_OBJECT
 public:
  explicit TpInferenceView(QWidget* parent = nullptr);
  QString viewTitle() const override { return tr("Inference (Fig. 4)"); }
  void setSnapshot(const TpSnapshotPtr& snapshot) override;
  void setDataset(std::shared_ptr<const DataSplits> data) override;
  void refresh() override;
  bool isBusy() const override;
  const TpInferencePlot& figure() const { return m_figure; }

  QString exportBaseName() const override { return QStringLiteral("tp-inference"); }
  QString exportTitle() const override { return tr("Target prop: ℓ(x, h) over INFERENCE (Fig. 4)"); }
  void exportFigure(const QString& path, const FigureSize& size) override;
  void exportCsv(const QString& path) override;

 signals:
  void computed();

 public:
  struct Result;

 private:
  void recompute();
  /// Computes on the GUI thread (an export of a view never shown).
  void computeNow();
  targetprop::InferenceSettings currentSettings() const;
  void show(const Result& result);

  TaskRunner* m_runner;
  QCustomPlot* m_plot;
  QSpinBox *m_iterations, *m_images;
  QDoubleSpinBox *m_delta, *m_alpha;
  QCheckBox* m_withPrior;
  QLabel* m_status;
  std::vector<ImageTile*> m_strip;
  std::shared_ptr<const targetprop::TpModel<float>> m_model;
  targetprop::TpConfig m_config;
  quint64 m_modelVersion = 0, m_computedVersion = ~0ull;
  bool m_stale = true;
  TpInferencePlot m_figure;
};

}  // namespace vpf
