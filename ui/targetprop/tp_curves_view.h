#pragma once
// Curves view of the Target prop tab: the four regression losses and the reconstruction cost per
// batch and epoch, the validation Parzen score on the right axis (figures/tp_figures.h). Batches are
// appended as snapshots bring them; the plot is redrawn at most 5 times a second, and only when shown.
#include "figures/tp_figures.h"
#include "ui/targetprop/tp_view.h"

class QCustomPlot;
class QTimer;

namespace vpf {

class TpCurvesView : public TpView {
  Q_OBJECT
 public:
  explicit TpCurvesView(QWidget* parent = nullptr);
  QString viewTitle() const override { return tr("Curves"); }
  void setSnapshot(const TpSnapshotPtr& snapshot) override;
  void refresh() override;
  const TpTrainingCurves& curves() const { return m_curves; }
  QCustomPlot* plot() const { return m_plot; }

  QString exportBaseName() const override { return QStringLiteral("tp-curves"); }
  QString exportTitle() const override { return tr("Target prop: training curves"); }
  void exportFigure(const QString& path, const FigureSize& size) override;
  void exportCsv(const QString& path) override;

 private:
  QCustomPlot* m_plot;
  QTimer* m_replot;
  TpTrainingCurves m_curves;
  quint64 m_generation = 0;
  bool m_dirty = false;
};

}  // namespace vpf
