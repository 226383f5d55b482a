#include "figures/early_inference_figure.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

#include "figures/figure_export.h"

namespace vpf {

namespace {

using early_inference::EpsilonRun;
using early_inference::LayerTrace;
using early_inference::SweepResult;

// One colour per distance k from the output (k = 0 is y itself).
QColor layerColor(int k) {
  static const QColor colors[] = {QColor(120, 120, 120), QColor(31, 119, 180), QColor(255, 127, 14),
                                  QColor(44, 160, 44),   QColor(214, 39, 40),  QColor(148, 103, 189)};
  return colors[std::min<std::size_t>(std::size_t(k), std::size(colors) - 1)];
}

QString layerName(const LayerTrace& tr) {
  return tr.k == 0 ? QStringLiteral("k=0 (y)") : QStringLiteral("k=%1 (layer %2)").arg(tr.k).arg(tr.layer);
}

struct Cell {
  QCPAxisRect* rect;
  QCPLegend* legend;
  QCPLayoutGrid* grid;
};

// A titled axis rect with the paper's prediction written under it.
Cell addCell(QCustomPlot& plot, int row, int col, const QString& title, const QString& explain,
             Qt::Alignment legendCorner = Qt::AlignBottom | Qt::AlignRight) {
  auto* grid = new QCPLayoutGrid;
  plot.plotLayout()->addElement(row, col, grid);
  auto* heading = new QCPTextElement(&plot, title, QFont(plot.font().family(), 9, QFont::Bold));
  auto* rect = new QCPAxisRect(&plot);
  auto* note = new QCPTextElement(&plot, explain, QFont(plot.font().family(), 7));
  note->setTextColor(QColor(60, 60, 140));
  grid->addElement(0, 0, heading);
  grid->addElement(1, 0, rect);
  grid->addElement(2, 0, note);
  grid->setRowStretchFactors({0.01, 1, 0.01});
  auto* legend = new QCPLegend;
  rect->insetLayout()->addElement(legend, legendCorner);
  legend->setLayer(QStringLiteral("legend"));
  legend->setFont(QFont(plot.font().family(), 7));
  legend->setBrush(QColor(255, 255, 255, 210));
  return {rect, legend, grid};
}

void logAxis(QCPAxis* axis) {
  axis->setScaleType(QCPAxis::stLogarithmic);
  axis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
  axis->setNumberFormat(QStringLiteral("eb"));
  axis->setNumberPrecision(0);
}

QCPGraph* addGraph(QCustomPlot& plot, const Cell& cell, const QColor& color, bool dashed, bool markers,
                   const QString& name = {}) {
  QCPGraph* g = plot.addGraph(cell.rect->axis(QCPAxis::atBottom), cell.rect->axis(QCPAxis::atLeft));
  QPen pen(color, dashed ? 1.2 : 1.6);
  if (dashed) pen.setStyle(Qt::DashLine);
  g->setPen(pen);
  if (markers) g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, color, color, 5));
  g->removeFromLegend();
  if (!name.isEmpty()) {
    g->setName(name);
    g->addToLegend(cell.legend);
  }
  return g;
}

double logBinomial(int t, int m) { return std::lgamma(t + 1.0) - std::lgamma(m + 1.0) - std::lgamma(t - m + 1.0); }

void drawSlopes(QCustomPlot& plot, const Cell& cell, const SweepResult& sweep, double s) {
  if (sweep.runs.empty()) return;
  const double lo = sweep.runs.front().eps, hi = sweep.runs.back().eps;
  for (std::size_t k = 0; k < sweep.runs.front().layers.size(); ++k) {
    const LayerTrace& first = sweep.runs.front().layers[k];
    const double slope = k < sweep.slopes.size() ? sweep.slopes[k].slope : NAN;
    QCPGraph* g =
        addGraph(plot, cell, layerColor(first.k), false, true,
                 QStringLiteral("%1: slope %2 (paper %3)").arg(layerName(first)).arg(slope, 0, 'f', 3).arg(k + 1));
    for (const EpsilonRun& run : sweep.runs) {
      const double norm = run.layers[k].firstArrival.norm();
      if (norm > 0) g->addData(run.eps, norm);
    }
    QCPGraph* p = addGraph(plot, cell, layerColor(first.k), true, false);
    for (double e : {lo, hi}) p->addData(e, s * std::pow(e, double(k + 1)) * first.normG);
  }
  logAxis(cell.rect->axis(QCPAxis::atBottom));
  logAxis(cell.rect->axis(QCPAxis::atLeft));
  cell.rect->axis(QCPAxis::atBottom)->setLabel(QStringLiteral("ε"));
  cell.rect->axis(QCPAxis::atLeft)->setLabel(QStringLiteral("‖d_k(k+1)‖"));
}

void drawRelativeErrors(QCustomPlot& plot, const Cell& cell, const SweepResult& sweep) {
  if (sweep.runs.empty()) return;
  constexpr double kFloor = 1e-17;  // exact zeros (and values below) are drawn here
  for (std::size_t k = 0; k < sweep.runs.front().layers.size(); ++k) {
    const LayerTrace& first = sweep.runs.front().layers[k];
    QCPGraph* g = addGraph(plot, cell, layerColor(first.k), false, true, layerName(first));
    for (const EpsilonRun& run : sweep.runs) g->addData(run.eps, std::max(kFloor, run.layers[k].relativeError));
  }
  logAxis(cell.rect->axis(QCPAxis::atBottom));
  logAxis(cell.rect->axis(QCPAxis::atLeft));
  cell.rect->axis(QCPAxis::atBottom)->setLabel(QStringLiteral("ε"));
  cell.rect->axis(QCPAxis::atLeft)->setLabel(QStringLiteral("r_k(ε), values < 1e-17 at 1e-17"));
}

void drawCosines(QCustomPlot& plot, const Cell& cell, const EpsilonRun& run) {
  for (const LayerTrace& tr : run.layers) {
    QCPGraph* g = addGraph(plot, cell, layerColor(tr.k), false, false, layerName(tr));
    QCPGraph* inf = addGraph(plot, cell, layerColor(tr.k), true, false);
    for (std::size_t t = 0; t < tr.cosBp.size(); ++t) {
      if (std::isfinite(tr.cosBp[t])) g->addData(run.eps * double(t), tr.cosBp[t]);
      if (std::isfinite(tr.cosInf[t])) inf->addData(run.eps * double(t), tr.cosInf[t]);
    }
  }
  cell.rect->axis(QCPAxis::atBottom)->setLabel(QStringLiteral("εt (dashed: cosine with u_∞)"));
  cell.rect->axis(QCPAxis::atLeft)->setLabel(QStringLiteral("cos(d_k(t), −g_k)"));
}

void drawAmplitudes(QCustomPlot& plot, const Cell& cell, const EpsilonRun& run, double s) {
  for (const LayerTrace& tr : run.layers) {
    QCPGraph* g = addGraph(plot, cell, layerColor(tr.k), false, false, layerName(tr));
    QCPGraph* p = addGraph(plot, cell, layerColor(tr.k), true, false);
    for (std::size_t t = 1; t < tr.normD.size(); ++t) {
      if (tr.normD[t] > 0) g->addData(double(t), tr.normD[t] / tr.normG);
      const int m = tr.k + 1;
      if (int(t) >= m) p->addData(double(t), s * std::exp(m * std::log(run.eps) + logBinomial(int(t), m)));
    }
  }
  logAxis(cell.rect->axis(QCPAxis::atBottom));
  logAxis(cell.rect->axis(QCPAxis::atLeft));
  cell.rect->axis(QCPAxis::atBottom)->setLabel(QStringLiteral("t (steps)"));
  cell.rect->axis(QCPAxis::atLeft)->setLabel(QStringLiteral("a_k(t) = ‖d_k(t)‖/‖g_k‖"));
}

void drawPerUnit(QCustomPlot& plot, const Cell& cell, const EpsilonRun& run, double s) {
  double lo = 0, hi = 0;
  for (const LayerTrace& tr : run.layers) {
    QCPGraph* g = addGraph(plot, cell, layerColor(tr.k), false, true, layerName(tr));
    g->setLineStyle(QCPGraph::lsNone);
    // Each layer in units of its own ‖g_k‖, so that the deep layers' small gradients are visible.
    const double scale = -s * std::pow(run.eps, tr.k + 1) * tr.normG;
    for (Eigen::Index i = 0; i < tr.g.size(); ++i) {
      const double x = tr.g[i] / tr.normG;
      g->addData(x, tr.firstArrival[i] / scale);
      lo = std::min(lo, x), hi = std::max(hi, x);
    }
  }
  QCPGraph* diagonal = addGraph(plot, cell, Qt::black, true, false, QStringLiteral("diagonal"));
  diagonal->addData(lo, lo);
  diagonal->addData(hi, hi);
  cell.rect->axis(QCPAxis::atBottom)->setLabel(QStringLiteral("g_k / ‖g_k‖, per unit (g_k = ∂C/∂h_k)"));
  cell.rect->axis(QCPAxis::atLeft)->setLabel(QStringLiteral("d_k(k+1) / (−sε^{k+1}‖g_k‖)"));
}

void drawWave(QCustomPlot& plot, const Cell& cell, const EpsilonRun& run, int waveSteps) {
  const int layers = static_cast<int>(run.layers.size());
  const int steps = std::min(run.steps, std::max(waveSteps, 4 * layers));
  auto* map = new QCPColorMap(cell.rect->axis(QCPAxis::atBottom), cell.rect->axis(QCPAxis::atLeft));
  map->data()->setSize(steps + 1, layers);
  map->data()->setRange(QCPRange(0, steps), QCPRange(1, layers));
  double floor = 0;
  for (const LayerTrace& tr : run.layers)
    for (int t = 0; t <= steps; ++t)
      if (tr.normD[std::size_t(t)] > 0) floor = std::min(floor, std::log10(tr.normD[std::size_t(t)]));
  for (const LayerTrace& tr : run.layers)
    for (int t = 0; t <= steps; ++t) {
      const double d = tr.normD[std::size_t(t)];
      map->data()->setCell(t, tr.layer - 1, d > 0 ? std::log10(d) : floor - 1);  // not yet reached: darkest
    }
  map->setGradient(QCPColorGradient::gpThermal);
  map->setInterpolate(false);
  auto* scale = new QCPColorScale(&plot);
  cell.grid->addElement(1, 1, scale);
  scale->setType(QCPAxis::atRight);
  scale->axis()->setLabel(QStringLiteral("log10 ‖d_l(t)‖"));
  map->setColorScale(scale);
  map->rescaleDataRange(true);
  cell.rect->axis(QCPAxis::atBottom)->setLabel(QStringLiteral("t (steps)"));
  cell.rect->axis(QCPAxis::atLeft)->setLabel(QStringLiteral("layer l (1 = next to x, %1 = y)").arg(layers));
  cell.legend->setVisible(false);
}

}  // namespace

void drawEarlyInference(QCustomPlot& plot, const EarlyInferenceView& view) {
  plot.clearPlottables();
  plot.clearItems();
  plot.plotLayout()->clear();
  const double s = view.nudgeStrength;
  const QString eps = view.focus ? QStringLiteral("ε = %1").arg(view.focus->eps, 0, 'g', 3) : QString();
  const Cell p1 = addCell(plot, 0, 0, QStringLiteral("P1  First arrival against ε"),
                          QStringLiteral("Paper: ‖d_k(k+1)‖ = sε^{k+1}‖g_k‖ (dashed), slope k+1:\n"
                                         "the gradient reaches h_k at step k+1"),
                          Qt::AlignTop | Qt::AlignLeft);
  const Cell p2 = addCell(plot, 0, 1, QStringLiteral("P2  Relative error r_k(ε)"),
                          QStringLiteral("Paper: exact for the hard sigmoid (rounding, ~1e−16);\n"
                                         "O(ε), slope 1, for sigm(4s)"));
  const Cell p3 = addCell(plot, 0, 2, QStringLiteral("P3  Direction over time, %1").arg(eps),
                          QStringLiteral("Paper: cos = 1 − O((εt)^4) from t = k+1;\n"
                                         "it turns toward u_∞ (dashed) as εt → 1"),
                          Qt::AlignBottom | Qt::AlignLeft);
  const Cell p4 = addCell(plot, 1, 0, QStringLiteral("P4  Amplitude over time, %1").arg(eps),
                          QStringLiteral("Paper: a_k(t) ≈ sε^{k+1}·C(t, k+1) (dashed)\nwhile εt ≪ 1: slope k+1"));
  const Cell p5 = addCell(plot, 1, 1, QStringLiteral("P5  Per unit at first arrival, %1").arg(eps),
                          QStringLiteral("Paper: every unit on the diagonal —\n"
                                         "the change is the back-propagated gradient"),
                          Qt::AlignTop | Qt::AlignLeft);
  const Cell p6 = addCell(plot, 1, 2, QStringLiteral("P6  The wave, %1").arg(eps),
                          QStringLiteral("Paper: a wave moving one layer per step,\nfrom y down to layer 1"));
  if (view.sweep) {
    drawSlopes(plot, p1, *view.sweep, s);
    drawRelativeErrors(plot, p2, *view.sweep);
  }
  if (view.focus) {
    drawCosines(plot, p3, *view.focus);
    drawAmplitudes(plot, p4, *view.focus, s);
    drawPerUnit(plot, p5, *view.focus, s);
    drawWave(plot, p6, *view.focus, view.waveSteps);
  }
  for (const Cell& c : {p1, p2, p3, p4, p5, p6}) {
    for (QCPAxis* a : c.rect->axes()) a->setLabelFont(QFont(plot.font().family(), 8));
    c.rect->axis(QCPAxis::atBottom)->rescale();
    c.rect->axis(QCPAxis::atLeft)->rescale();
    if (c.legend->itemCount() == 0) c.legend->setVisible(false);
  }
  // A little room around the data on the linear axes.
  for (const Cell& c : {p3, p5})
    for (QCPAxis* a : {c.rect->axis(QCPAxis::atBottom), c.rect->axis(QCPAxis::atLeft)}) a->scaleRange(1.08);
  plot.replot();
}

void saveEarlyInferenceFigure(const EarlyInferenceView& view, const QString& path, int width, int height) {
  QCustomPlot plot;
  plot.resize(width, height);
  drawEarlyInference(plot, view);
  savePlot(plot, path, FigureSize{width, height, 96});
}

}  // namespace vpf
