#include "ui/plots/curves_panel.h"

#include <QCheckBox>
#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include "core/common/error.h"
#include "figures/training_plots.h"

namespace vpf {

namespace {
constexpr int kMinRebuildMs = 200;  // the plots hold thousands of points: 5 Hz is plenty while training

ObjectiveCurve curveOf(const TrainingSnapshot& s, bool batches) {
  ObjectiveCurve c;
  c.history = s.history.toVector();
  if (batches) {
    c.batchObjective = s.batchObjective.toVector();
    c.batchesPerEpoch = s.batchesPerEpoch;
    c.batchStartEpoch = s.batchStartEpoch;
  }
  return c;
}
}  // namespace

CurvesPanel::CurvesPanel(QWidget* parent) : PlotPanelBase(parent) {
  setObjectName(QStringLiteral("curvesPanel"));
  m_deferred = new QTimer(this);
  m_deferred->setSingleShot(true);
  connect(m_deferred, &QTimer::timeout, this, [this] {
    if (m_pending && isVisible()) rebuild();
  });
  m_objective = addPlot();
  m_weights = addPlot();
  m_batches = new QCheckBox(tr("Per-batch objective"));
  m_batches->setChecked(true);
  m_batches->setToolTip(tr("Also plot the objective of every minibatch (light) and its moving average."));
  connect(m_batches, &QCheckBox::toggled, this, [this] { rebuild(); });
  toolRow()->addWidget(m_batches);
  finishToolRow();

  auto* splitter = new QSplitter(Qt::Vertical);
  splitter->addWidget(m_objective);
  splitter->addWidget(m_weights);
  splitter->setChildrenCollapsible(false);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(8, 8, 8, 6);
  layout->addLayout(toolRow());
  layout->addWidget(splitter, 1);
  rebuild();
}

void CurvesPanel::setSnapshot(const SnapshotPtr& snapshot) {
  const bool changed = !m_snapshot || !snapshot || snapshot->generation != m_snapshot->generation ||
                       snapshot->batchesTrained != m_snapshot->batchesTrained ||
                       snapshot->history.size() != m_snapshot->history.size();
  m_snapshot = snapshot;
  if (!changed) return;
  m_pending = true;
  if (isVisible()) scheduleRebuild();
}

void CurvesPanel::scheduleRebuild() {
  const qint64 since = m_sinceRebuild.isValid() ? m_sinceRebuild.elapsed() : kMinRebuildMs;
  const bool training = m_snapshot && m_snapshot->isTraining();
  if (!training || since >= kMinRebuildMs) {
    rebuild();
  } else if (!m_deferred->isActive()) {
    m_deferred->start(static_cast<int>(kMinRebuildMs - since));
  }
}

void CurvesPanel::showEvent(QShowEvent* e) {
  PlotPanelBase::showEvent(e);
  if (m_pending) rebuild();
}

void CurvesPanel::rebuild() {
  m_pending = false;
  m_sinceRebuild.start();
  std::vector<ObjectiveCurve> curves;
  TrainingConfig config;
  std::vector<EpochStats> history;
  if (m_snapshot) {
    curves.push_back(curveOf(*m_snapshot, m_batches->isChecked()));
    config = m_snapshot->config;
    if (m_snapshot->initialStats) history.push_back(*m_snapshot->initialStats);
    history.insert(history.end(), m_snapshot->history.begin(), m_snapshot->history.end());
  }
  plotObjective(*m_objective, curves, objectiveAxisLabel(config), !userView(0));
  plotWeightStats(*m_weights, history, !userView(1));
  m_objective->replot(QCustomPlot::rpQueuedReplot);
  m_weights->replot(QCustomPlot::rpQueuedReplot);
}

void CurvesPanel::exportFigure(const QString& path, const FigureSize& size) {
  if (!m_snapshot) throw Error("there are no training curves to export yet (no model)");
  if (m_pending) rebuild();
  savePainted(
      [this, &size](QPainter& painter, const QRectF&) {
        const int top = size.height / 2;
        m_objective->toPainter(static_cast<QCPPainter*>(&painter), size.width, top);
        painter.save();
        painter.translate(0, top);
        m_weights->toPainter(static_cast<QCPPainter*>(&painter), size.width, size.height - top);
        painter.restore();
      },
      path, size);
}

void CurvesPanel::exportCsv(const QString& path) {
  if (!m_snapshot) throw Error("there are no training curves to export yet (no model)");
  std::vector<std::string> header{"epoch", "objective", "seconds"};
  const std::size_t layers = m_snapshot->model.W.size();
  for (std::size_t l = 0; l < layers; ++l) {
    header.push_back("sparsity_W" + std::to_string(l));
    header.push_back("squared_weight_W" + std::to_string(l));
  }
  CsvWriter csv(header);
  for (const EpochStats& e : m_snapshot->history) {
    std::vector<double> row{e.epoch + 1.0, e.objective, e.seconds};
    for (std::size_t l = 0; l < layers; ++l) {
      row.push_back(l < e.sparsity.size() ? e.sparsity[l] : std::nan(""));
      row.push_back(l < e.squaredWeight.size() ? e.squaredWeight[l] : std::nan(""));
    }
    csv.addRow(row);
  }
  saveCsv(csv, path);
}

QStringList CurvesPanel::exportAll(const QString& folder, const FigureSize& size) {
  if (!m_snapshot) throw Error("there are no training curves to export yet (no model)");
  if (m_pending) rebuild();
  const QDir dir(folder);
  QStringList written;
  written << savePlotAllFormats(*m_objective, folder, QStringLiteral("objective"), size);
  written << savePlotAllFormats(*m_weights, folder, QStringLiteral("weight-stats"), size);
  const QString epochs = dir.filePath(QStringLiteral("objective.csv"));
  exportCsv(epochs);
  written << epochs;
  const QString batches = dir.filePath(QStringLiteral("objective-batches.csv"));
  const ObjectiveCurve curve = curveOf(*m_snapshot, true);
  saveCsv(batchObjectiveCsv(curve, std::max(5.0, curve.batchesPerEpoch / 40.0)), batches);
  written << batches;
  const QString weights = dir.filePath(QStringLiteral("weight-stats.csv"));
  std::vector<EpochStats> stats;
  if (m_snapshot->initialStats) stats.push_back(*m_snapshot->initialStats);
  stats.insert(stats.end(), m_snapshot->history.begin(), m_snapshot->history.end());
  saveCsv(weightStatsCsv(stats), weights);
  written << weights;
  return written;
}

}  // namespace vpf
