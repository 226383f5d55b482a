#pragma once
// The "Histogram" tab (paper Fig. 3b): histogram of the mean activation of every hidden unit over
// 10,000 training images, one layer at a time, with the overall mean marked. The activations are
// computed on the worker at the end of every epoch and arrive in the snapshot.
#include "ui/plots/plot_panel_base.h"
#include "ui/training/training_snapshot.h"

class QComboBox;
class QCustomPlot;
class QLabel;
class QSpinBox;

namespace vpf {

class HistogramPanel : public PlotPanelBase {
  Q_OBJECT
 public:
  explicit HistogramPanel(QWidget* parent = nullptr);

  QString tabTitle() const override { return tr("Histogram"); }
  QString tabToolTip() const override { return tr("Mean activations of the hidden units (paper Fig. 3b)"); }
  void setSnapshot(const SnapshotPtr& snapshot) override;
  QCustomPlot* plot() const { return m_plot; }
  int layer() const;  // 1 … ℓ
  void setLayer(int layer);
  int bins() const;

  QString exportBaseName() const override { return QStringLiteral("activations-histogram"); }
  QString exportTitle() const override { return tr("Mean hidden activations"); }
  FigureSize defaultFigureSize() const override { return {800, 500, 150}; }
  void exportFigure(const QString& path, const FigureSize& size) override;
  void exportCsv(const QString& path) override;  // the histogram bins of the shown layer
  QStringList exportAll(const QString& folder, const FigureSize& size) override;

 protected:
  void rebuild() override;
  void showEvent(QShowEvent* e) override;

 private:
  QString title(int layer) const;

  SnapshotPtr m_snapshot;
  bool m_pending = false;
  QCustomPlot* m_plot;
  QComboBox* m_layer;
  QSpinBox* m_bins;
  QLabel* m_info;
};

}  // namespace vpf
