#include "figures/tp_figures.h"

#include <qcustomplot.h>

#include <QVector>
#include <algorithm>
#include <cmath>

#include "figures/pixel_images.h"
#include "figures/training_plots.h"

namespace vpf {
namespace {

// Leaves the plot as the builders of training_plots.h do: no plottables, items or second axis.
void clearTpPlot(QCustomPlot& plot) {
  plot.clearPlottables();
  plot.clearItems();
  plot.yAxis2->setVisible(false);
  plot.xAxis->setScaleType(QCPAxis::stLinear);
  plot.yAxis->setScaleType(QCPAxis::stLinear);
  plot.yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
  plot.axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignHCenter);
  plot.legend->setFillOrder(QCPLegend::foColumnsFirst);
  plot.legend->setColumnSpacing(14);
  plot.legend->setWrap(0);
  plot.legend->setBrush(QColor(255, 255, 255, 230));
  plot.legend->setBorderPen(QPen(QColor(215, 215, 215)));
}

QCPGraph* addLine(QCustomPlot& plot, const QVector<double>& x, const QVector<double>& y, const QColor& color,
                  double width, const QString& name, Qt::PenStyle style = Qt::SolidLine, QCPAxis* valueAxis = nullptr) {
  QCPGraph* g = plot.addGraph(plot.xAxis, valueAxis ? valueAxis : plot.yAxis);
  g->setData(x, y, true);
  g->setPen(QPen(color, width, style, Qt::RoundCap));
  g->setName(name);
  if (name.isEmpty()) g->removeFromLegend();
  return g;
}

// Every `stride`-th point, always with the last one: long runs draw at the pixel width's scale.
void thin(QVector<double>& x, QVector<double>& y, int maxPoints) {
  if (x.size() <= maxPoints) return;
  const int stride = (x.size() + maxPoints - 1) / maxPoints;
  QVector<double> tx, ty;
  for (int i = 0; i < x.size(); i += stride) tx << x[i], ty << y[i];
  if (tx.back() != x.back()) tx << x.back(), ty << y.back();
  x.swap(tx);
  y.swap(ty);
}

double lossOf(const targetprop::TpLosses& l, int which) {
  switch (which) {
    case 0:
      return l.reconstruction;
    case 1:
      return l.g1;
    case 2:
      return l.f1;
    case 3:
      return l.g2;
    default:
      return l.f2;
  }
}

const char* const kLossNames[] = {"reconstruction", "ℓ g1", "ℓ f1", "ℓ g2", "ℓ f2"};

}  // namespace

void plotTpTraining(QCustomPlot& plot, const TpTrainingCurves& curves, bool rescale) {
  clearTpPlot(plot);
  setPlotTitle(plot, QStringLiteral("M-step losses and reconstruction ‖x − g1(f1(x))‖²"));
  plot.xAxis->setLabel(QStringLiteral("epoch"));
  plot.yAxis->setLabel(QStringLiteral("squared error per example"));
  plot.yAxis->setScaleType(QCPAxis::stLogarithmic);
  plot.yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
  const double bpe = std::max(1, curves.batchesPerEpoch);
  double lo = INFINITY, hi = 0;
  for (int which = 0; which < 5; ++which) {
    const QColor color = seriesColor(which);
    QVector<double> x, y;
    for (std::size_t i = 0; i < curves.batches.size(); ++i) {
      const double v = lossOf(curves.batches[i], which);
      if (!(v > 0) || !std::isfinite(v)) continue;  // a log axis shows positive values only
      x << curves.batchStartEpoch + (i + 1.0) / bpe;
      y << v;
    }
    thin(x, y, 1500);
    QColor light = color;
    light.setAlpha(70);
    addLine(plot, x, y, light, 1, QString())->setAntialiased(false);
    QVector<double> ex, ey;
    for (const targetprop::TpEpochStats& e : curves.epochs) {
      const double v = lossOf(e.losses, which);
      if (!(v > 0) || !std::isfinite(v)) continue;
      ex << e.epoch + 1.0;
      ey << v;
    }
    QCPGraph* g = addLine(plot, ex, ey, color.darker(110), 2, QString::fromUtf8(kLossNames[which]));
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(color, 1.5), Qt::white, 6));
    for (double v : y) lo = std::min(lo, v), hi = std::max(hi, v);
    for (double v : ey) lo = std::min(lo, v), hi = std::max(hi, v);
  }
  if (!curves.validationParzen.empty()) {
    QVector<double> px, py;
    for (const auto& [epoch, ll] : curves.validationParzen) px << epoch, py << ll;
    plot.yAxis2->setVisible(true);
    plot.yAxis2->setTickLabels(true);
    plot.yAxis2->setLabel(QStringLiteral("validation Parzen LL (nats, ◆)"));
    QCPGraph* g =
        addLine(plot, px, py, QColor(20, 20, 20), 1.5, QStringLiteral("validation Parzen"), Qt::DashLine, plot.yAxis2);
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, QPen(Qt::black, 1.5), Qt::black, 8));
  }
  plot.legend->setWrap(3);  // two rows: the plot shares the window with control columns
  plot.legend->setVisible(plot.legend->itemCount() > 0);
  if (!rescale) return;
  double last = curves.batchStartEpoch + curves.batches.size() / bpe;
  if (!curves.epochs.empty()) last = std::max(last, curves.epochs.back().epoch + 1.0);
  plot.xAxis->setRange(0, std::max(1.0, last) * 1.03);
  if (hi > 0)
    plot.yAxis->setRange(lo / 1.5, hi * 6);  // headroom above for the legend
  else
    plot.yAxis->setRange(0.1, 1000);
  if (!curves.validationParzen.empty()) {
    plot.yAxis2->rescale();
    QCPRange r = plot.yAxis2->range();
    const double pad = std::max(1.0, r.size() * 0.15);
    plot.yAxis2->setRange(r.lower - pad, r.upper + pad * 2);
  }
}

CsvWriter tpTrainingCsv(const TpTrainingCurves& curves) {
  CsvWriter csv({"epoch", "g1", "f1", "g2", "f2", "reconstruction", "seconds", "validation_parzen"});
  for (const targetprop::TpEpochStats& e : curves.epochs) {
    std::string parzen;
    for (const auto& [epoch, ll] : curves.validationParzen)
      if (epoch == e.epoch + 1) parzen = CsvWriter::number(ll);
    const targetprop::TpLosses& l = e.losses;
    csv.addRow(std::vector<std::string>{std::to_string(e.epoch + 1), CsvWriter::number(l.g1), CsvWriter::number(l.f1),
                                        CsvWriter::number(l.g2), CsvWriter::number(l.f2),
                                        CsvWriter::number(l.reconstruction), CsvWriter::number(e.seconds), parzen});
  }
  return csv;
}

std::vector<std::vector<double>> sampleTrajectories(const Eigen::MatrixXd& values, int count) {
  std::vector<std::vector<double>> rows;
  const int n = static_cast<int>(values.rows());
  count = std::min(count, n);
  for (int k = 0; k < count; ++k) {
    const int r = static_cast<int>(static_cast<long long>(k) * n / count);
    std::vector<double> row(static_cast<std::size_t>(values.cols()));
    for (int t = 0; t < values.cols(); ++t) row[static_cast<std::size_t>(t)] = values(r, t);
    rows.push_back(std::move(row));
  }
  return rows;
}

void plotTpInference(QCustomPlot& plot, const TpInferencePlot& figure, bool rescale) {
  clearTpPlot(plot);
  setPlotTitle(plot, figure.title);
  plot.xAxis->setLabel(QStringLiteral("INFERENCE iteration t"));
  plot.yAxis->setLabel(QStringLiteral("ℓ(x, h)  (nats)"));
  int index = 0;
  for (const TpInferenceCurve& c : figure.curves) {
    const QColor color = seriesColor(index++);
    const int n = static_cast<int>(c.curve.mean.size());
    QVector<double> t(n), mean(n), lower(n), upper(n);
    for (int i = 0; i < n; ++i) {
      t[i] = i;
      mean[i] = c.curve.mean[static_cast<std::size_t>(i)];
      const double se =
          i < static_cast<int>(c.curve.standardError.size()) ? c.curve.standardError[static_cast<std::size_t>(i)] : 0;
      lower[i] = mean[i] - se;
      upper[i] = mean[i] + se;
    }
    QColor faint = color;
    faint.setAlpha(110);
    for (const std::vector<double>& row : c.individual) {
      QVector<double> rt, ry;
      for (std::size_t i = 0; i < row.size(); ++i)
        if (std::isfinite(row[i])) rt << static_cast<double>(i), ry << row[i];
      addLine(plot, rt, ry, faint, 1, QString(), Qt::DashLine);
    }
    QColor band = color;
    band.setAlpha(60);
    QCPGraph* lo = addLine(plot, t, lower, band, 0.5, QString());
    QCPGraph* hi = addLine(plot, t, upper, band, 0.5, QString());
    hi->setBrush(band);
    hi->setChannelFillGraph(lo);
    QCPGraph* m = addLine(plot, t, mean, color, 2.4, c.name + QStringLiteral(" (mean ± s.e.)"));
    m->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(color, 1.5), Qt::white, 5));
  }
  plot.legend->setVisible(!figure.curves.empty());
  if (!rescale) return;
  resetPlotView(plot);
  // A mode whose moves diverge (the exact gradient at a large δ) would flatten every other curve to
  // a line: the y range follows the first curve (targetprop, the paper's), and other curves' points
  // far outside its span leave the plot.
  double lo = INFINITY, hi = -INFINITY;
  for (double v : figure.curves.front().curve.mean)
    if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  if (!(lo <= hi)) return;
  const double span = std::max(hi - lo, 1e-3 * std::max(1.0, std::abs(hi)));
  double shownLo = lo, shownHi = hi;
  for (const TpInferenceCurve& c : figure.curves)
    for (double v : c.curve.mean)
      if (std::isfinite(v) && v > lo - 10 * span && v < hi + 10 * span)
        shownLo = std::min(shownLo, v), shownHi = std::max(shownHi, v);
  const double pad = 0.08 * (shownHi - shownLo) + 0.02 * span;
  plot.yAxis->setRange(shownLo - pad, shownHi + pad + 0.15 * (shownHi - shownLo + span));
}

CsvWriter tpInferenceCsv(const TpInferencePlot& figure) {
  CsvWriter csv({"mode", "t", "mean", "se"});
  for (const TpInferenceCurve& c : figure.curves)
    for (std::size_t t = 0; t < c.curve.mean.size(); ++t)
      csv.addRow(
          std::vector<std::string>{c.name.toStdString(), std::to_string(t), CsvWriter::number(c.curve.mean[t]),
                                   CsvWriter::number(t < c.curve.standardError.size() ? c.curve.standardError[t] : 0)});
  return csv;
}

std::vector<double> missingPixelL1(const Matrix& original, const Matrix& result, const Matrix& mask) {
  std::vector<double> l1(static_cast<std::size_t>(original.rows()), 0.0);
  for (Eigen::Index r = 0; r < original.rows(); ++r) {
    double sum = 0, count = 0;
    for (Eigen::Index c = 0; c < original.cols(); ++c)
      if (mask(r, c) > 0.5f) sum += std::abs(double(result(r, c)) - original(r, c)), count += 1;
    l1[static_cast<std::size_t>(r)] = count > 0 ? sum / count : 0.0;
  }
  return l1;
}

ImageStripFigure tpInpaintingStrip(const Matrix& original, const Matrix& start, const Matrix& result,
                                   const Matrix& mask, int rows, int cols, const QString& title,
                                   const QStringList& notes) {
  ImageStripFigure f;
  f.title = title;
  f.notes = notes;
  const std::vector<double> l1 = missingPixelL1(original, result, mask);
  for (Eigen::Index r = 0; r < original.rows(); ++r) {
    Matrix column(3, original.cols());
    column.row(0) = original.row(r);
    column.row(1) = start.row(r);
    column.row(2) = result.row(r);
    f.images.push_back(
        {sampleGrid(column, rows, cols, 1), QStringLiteral("L1 %1").arg(l1[static_cast<std::size_t>(r)], 0, 'f', 3)});
  }
  if (!f.images.empty())
    f.notes.prepend(
        QStringLiteral("Each column: original, start (missing pixels drawn at random), result; "
                       "L1 = mean |error| over the missing pixels."));
  return f;
}

}  // namespace vpf
