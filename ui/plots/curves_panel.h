#pragma once
// The "Curves" tab (paper Fig. 3a, 3c): the training objective per epoch and per batch (smoothed),
// and the weight sparsity ρ and squared weight w² of every layer over the epochs.
#include <QElapsedTimer>
#include <QTimer>

#include "ui/plots/plot_panel_base.h"
#include "ui/training/training_snapshot.h"

class QCheckBox;
class QCustomPlot;

namespace vpf {

class CurvesPanel : public PlotPanelBase {
  Q_OBJECT
 public:
  explicit CurvesPanel(QWidget* parent = nullptr);

  QString tabTitle() const override { return tr("Curves"); }
  QString tabToolTip() const override {
    return tr("Training objective, weight sparsity and squared weight (paper Fig. 3a, 3c)");
  }
  void setSnapshot(const SnapshotPtr& snapshot) override;
  QCustomPlot* objectivePlot() const { return m_objective; }
  QCustomPlot* weightPlot() const { return m_weights; }

  QString exportBaseName() const override { return QStringLiteral("curves"); }
  QString exportTitle() const override { return tr("Training curves"); }
  FigureSize defaultFigureSize() const override { return {800, 900, 150}; }
  void exportFigure(const QString& path, const FigureSize& size) override;  // both plots stacked
  void exportCsv(const QString& path) override;                             // per-epoch objective + ρ + w²
  QStringList exportAll(const QString& folder, const FigureSize& size) override;

 protected:
  void rebuild() override;
  void showEvent(QShowEvent* e) override;

 private:
  void scheduleRebuild();

  SnapshotPtr m_snapshot;
  bool m_pending = false;
  QElapsedTimer m_sinceRebuild;  // live updates at most every kMinRebuildMs
  QTimer* m_deferred;
  QCustomPlot* m_objective;
  QCustomPlot* m_weights;
  QCheckBox* m_batches;
};

}  // namespace vpf
