#include "ui/targetprop/tp_curves_view.h"

#include <qcustomplot.h>

#include <QTimer>
#include <QVBoxLayout>

#include "figures/training_plots.h"

namespace vpf {

TpCurvesView::TpCurvesView(QWidget* parent) : TpView(parent), m_plot(new QCustomPlot), m_replot(new QTimer(this)) {
  applyPlotStyle(*m_plot);
  m_plot->setObjectName(QStringLiteral("tpCurvesPlot"));
  m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plot);
  m_replot->setSingleShot(true);
  m_replot->setInterval(200);
  connect(m_replot, &QTimer::timeout, this, &TpCurvesView::refresh);
  plotTpTraining(*m_plot, m_curves);
}

void TpCurvesView::setSnapshot(const TpSnapshotPtr& s) {
  if (!s) return;
  if (s->generation != m_generation || s->firstBatch < static_cast<int>(m_curves.batches.size())) {
    m_generation = s->generation;
    m_curves = {};
    m_curves.batchStartEpoch = s->batchStartEpoch;
  }
  m_curves.batches.insert(m_curves.batches.end(), s->newBatches.begin(), s->newBatches.end());
  m_curves.batchesPerEpoch = s->batchesPerEpoch;
  m_curves.epochs = s->history;
  m_curves.validationParzen = s->validationParzen;
  m_dirty = true;
  if (isVisible() && !m_replot->isActive()) m_replot->start();
}

void TpCurvesView::refresh() {
  if (!m_dirty) return;
  m_dirty = false;
  plotTpTraining(*m_plot, m_curves);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TpCurvesView::exportFigure(const QString& path, const FigureSize& size) {
  refresh();
  savePlot(*m_plot, path, size);
}

void TpCurvesView::exportCsv(const QString& path) { tpTrainingCsv(m_curves).save(path.toStdString()); }

}  // namespace vpf
