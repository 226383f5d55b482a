#include "figures/training_plots.h"

#include <qcustomplot.h>

#include <QVector>
#include <algorithm>
#include <cmath>

#include "core/learning/algorithms.h"

namespace vpf {
namespace {

QFont plotFont(double points, bool bold = false) {
  QFont f;
  f.setPointSizeF(points);
  f.setBold(bold);
  return f;
}

void setTitle(QCustomPlot& plot, const QString& title) {
  QCPLayoutGrid* layout = plot.plotLayout();
  QCPTextElement* element = nullptr;
  if (layout->rowCount() > 1) element = qobject_cast<QCPTextElement*>(layout->element(0, 0));
  if (title.isEmpty()) {
    if (element) {
      layout->remove(element);
      layout->simplify();
    }
    return;
  }
  if (!element) {
    layout->insertRow(0);
    element = new QCPTextElement(&plot, title, plotFont(11, true));
    layout->addElement(0, 0, element);
  }
  element->setText(title);
}

// One-line legend at the top centre of the axis rect; resetPlotView leaves headroom for it so it
// never hides data.
void placeLegendAbove(QCustomPlot& plot) {
  plot.axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignHCenter);
  plot.legend->setFillOrder(QCPLegend::foColumnsFirst);
  plot.legend->setColumnSpacing(16);
  plot.legend->setBrush(QColor(255, 255, 255, 230));
  plot.legend->setBorderPen(QPen(QColor(215, 215, 215)));
}

void clearPlot(QCustomPlot& plot) {
  plot.clearPlottables();
  plot.clearItems();
  plot.xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
  plot.yAxis2->setVisible(false);
  plot.xAxis->setScaleType(QCPAxis::stLinear);
  plot.yAxis->setScaleType(QCPAxis::stLinear);
}

// Keeps at most ~maxPoints points (uniform stride), always including the last one.
void decimate(QVector<double>& x, QVector<double>& y, int maxPoints) {
  if (x.size() <= maxPoints) return;
  const int stride = static_cast<int>(std::ceil(static_cast<double>(x.size()) / maxPoints));
  QVector<double> dx, dy;
  dx.reserve(x.size() / stride + 2);
  dy.reserve(x.size() / stride + 2);
  for (int i = 0; i < x.size(); i += stride) {
    dx << x[i];
    dy << y[i];
  }
  if (dx.back() != x.back()) {
    dx << x.back();
    dy << y.back();
  }
  x.swap(dx);
  y.swap(dy);
}

QPen pen(const QColor& c, double width, Qt::PenStyle style = Qt::SolidLine) {
  QPen p(c, width, style);
  p.setCapStyle(Qt::RoundCap);
  p.setJoinStyle(Qt::RoundJoin);
  return p;
}

}  // namespace

QColor seriesColor(int index) {
  static const QColor colors[] = {QColor(31, 119, 180), QColor(214, 39, 40),   QColor(44, 160, 44),
                                  QColor(255, 127, 14), QColor(148, 103, 189), QColor(140, 86, 75),
                                  QColor(227, 119, 194), QColor(127, 127, 127)};
  const int n = static_cast<int>(sizeof(colors) / sizeof(colors[0]));
  return colors[((index % n) + n) % n];
}

void applyPlotStyle(QCustomPlot& plot) {
  plot.setBackground(Qt::white);
  plot.setAntialiasedElements(QCP::aeAll);
  plot.setNotAntialiasedElements(QCP::aeNone);
  for (QCPAxis* axis : {plot.xAxis, plot.yAxis, plot.xAxis2, plot.yAxis2}) {
    axis->setLabelFont(plotFont(10));
    axis->setTickLabelFont(plotFont(9));
    axis->setBasePen(QPen(QColor(90, 90, 90), 1));
    axis->setTickPen(QPen(QColor(90, 90, 90), 1));
    axis->setSubTickPen(QPen(QColor(130, 130, 130), 1));
    axis->grid()->setPen(QPen(QColor(225, 225, 225), 1, Qt::SolidLine));
    axis->grid()->setSubGridPen(QPen(QColor(242, 242, 242), 1, Qt::DotLine));
    axis->grid()->setZeroLinePen(Qt::NoPen);
  }
  plot.xAxis->grid()->setSubGridVisible(false);
  plot.yAxis->grid()->setSubGridVisible(false);
  plot.legend->setFont(plotFont(9));
  plot.legend->setBrush(QColor(255, 255, 255, 220));
  plot.legend->setBorderPen(QPen(QColor(200, 200, 200)));
  plot.axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
}

QString objectiveAxisLabel(const TrainingConfig& config) {
  return QString::fromStdString(algorithmInfo(config.algorithm).objectiveName);
}

std::vector<double> smoothSeries(const std::vector<double>& values, double window) {
  std::vector<double> out(values.size());
  const double beta = window <= 1 ? 0.0 : 1.0 - 1.0 / window;
  double ema = 0, weight = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    ema = beta * ema + (1 - beta) * values[i];
    weight = beta * weight + (1 - beta);
    out[i] = weight > 0 ? ema / weight : values[i];
  }
  return out;
}

void plotObjective(QCustomPlot& plot, const std::vector<ObjectiveCurve>& curves, const QString& yLabel, bool rescale) {
  clearPlot(plot);
  placeLegendAbove(plot);
  setTitle(plot, QStringLiteral("Training objective"));
  plot.xAxis->setLabel(QStringLiteral("epoch"));
  plot.yAxis->setLabel(yLabel);
  int index = 0;
  for (const ObjectiveCurve& curve : curves) {
    const QColor color = seriesColor(index++);
    const QString prefix = curve.name.isEmpty() ? QString() : curve.name + QStringLiteral(": ");
    if (!curve.batchObjective.empty() && curve.batchesPerEpoch > 0) {
      const double window = std::max(5.0, curve.batchesPerEpoch / 40.0);
      const std::vector<double> smooth = smoothSeries(curve.batchObjective, window);
      QVector<double> x(static_cast<int>(smooth.size())), yRaw(x.size()), ySmooth(x.size());
      for (int i = 0; i < x.size(); ++i) {
        x[i] = curve.batchStartEpoch + (i + 1.0) / curve.batchesPerEpoch;
        yRaw[i] = curve.batchObjective[static_cast<std::size_t>(i)];
        ySmooth[i] = smooth[static_cast<std::size_t>(i)];
      }
      QVector<double> x2 = x;
      decimate(x, yRaw, 2000);
      decimate(x2, ySmooth, 1000);
      QColor light = color;
      light.setAlpha(60);
      QCPGraph* raw = plot.addGraph();
      raw->setData(x, yRaw, true);
      raw->setPen(pen(light, 1));
      raw->setAntialiased(false);  // thousands of short segments: cheap and visually the same
      raw->setName(prefix + QStringLiteral("per batch"));
      QCPGraph* smoothGraph = plot.addGraph();
      smoothGraph->setData(x2, ySmooth, true);
      smoothGraph->setPen(pen(color.darker(110), 1.6));
      smoothGraph->setName(prefix + QStringLiteral("per batch, smoothed"));
    }
    if (!curve.history.empty()) {
      // A single run: epoch means in a contrasting colour; several runs: each in its own colour.
      const QColor epochColor = curves.size() == 1 ? seriesColor(1) : color;
      QVector<double> x, y;
      for (const EpochStats& e : curve.history) {
        x << e.epoch + 1.0;
        y << e.objective;
      }
      QCPGraph* epochs = plot.addGraph();
      epochs->setData(x, y, true);
      epochs->setPen(pen(epochColor, 2.2));
      epochs->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, pen(epochColor, 1.8), Qt::white, 7));
      epochs->setName(curve.name.isEmpty() ? QStringLiteral("epoch mean") : curve.name);
    }
  }
  plot.legend->setVisible(plot.graphCount() > 0);
  if (rescale) resetPlotView(plot);
}

void plotWeightStats(QCustomPlot& plot, const std::vector<EpochStats>& history, bool rescale) {
  clearPlot(plot);
  placeLegendAbove(plot);
  setTitle(plot, QStringLiteral("Weight sparsity ρ and squared weight w²"));
  plot.xAxis->setLabel(QStringLiteral("epoch"));
  plot.yAxis->setLabel(QStringLiteral("weight sparsity ρ"));
  plot.yAxis2->setVisible(true);
  plot.yAxis2->setTickLabels(true);
  plot.yAxis2->setLabel(QStringLiteral("squared weight w²  (dashed)"));
  std::size_t layers = 0;
  for (const EpochStats& e : history) layers = std::max({layers, e.sparsity.size(), e.squaredWeight.size()});
  for (std::size_t l = 0; l < layers; ++l) {
    const QColor color = seriesColor(static_cast<int>(l));
    QVector<double> x, rho, x2, w2;
    for (const EpochStats& e : history) {
      if (l < e.sparsity.size()) {
        x << e.epoch + 1.0;
        rho << e.sparsity[l];
      }
      if (l < e.squaredWeight.size()) {
        x2 << e.epoch + 1.0;
        w2 << e.squaredWeight[l];
      }
    }
    const QString layer = layers > 1 ? QStringLiteral(" W%1").arg(l) : QString();
    QCPGraph* g = plot.addGraph(plot.xAxis, plot.yAxis);
    g->setData(x, rho, true);
    g->setPen(pen(color, 2));
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, pen(color, 1.5), Qt::white, 6));
    g->setName(QStringLiteral("ρ") + layer);
    QCPGraph* g2 = plot.addGraph(plot.xAxis, plot.yAxis2);
    g2->setData(x2, w2, true);
    g2->setPen(pen(color, 2, Qt::DashLine));
    g2->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, pen(color, 1.5), Qt::white, 6));
    g2->setName(QStringLiteral("w²") + layer);
  }
  plot.legend->setVisible(plot.graphCount() > 0);
  if (rescale) resetPlotView(plot);
}

void plotActivationHistogram(QCustomPlot& plot, const RowVector& meanActivations, int bins, const QString& title,
                             bool rescale) {
  clearPlot(plot);
  setTitle(plot, title);
  plot.xAxis->setLabel(QStringLiteral("mean activation of a hidden unit"));
  plot.yAxis->setLabel(QStringLiteral("number of hidden units"));
  bins = std::max(1, bins);
  QVector<double> keys(bins), counts(bins, 0.0);
  const double width = 1.0 / bins;
  for (int i = 0; i < bins; ++i) keys[i] = (i + 0.5) * width;
  double sum = 0;
  for (Eigen::Index j = 0; j < meanActivations.size(); ++j) {
    const double v = std::clamp(static_cast<double>(meanActivations[j]), 0.0, 1.0);
    counts[std::min(bins - 1, static_cast<int>(v * bins))] += 1;
    sum += meanActivations[j];
  }
  auto* bars = new QCPBars(plot.xAxis, plot.yAxis);
  bars->setData(keys, counts, true);
  bars->setWidth(width * 0.92);
  bars->setPen(QPen(seriesColor(0).darker(130), 1));
  bars->setBrush(seriesColor(0).lighter(125));
  bars->setName(QStringLiteral("%1 hidden units").arg(meanActivations.size()));
  if (meanActivations.size() > 0) {
    const double mean = sum / static_cast<double>(meanActivations.size());
    auto* line = new QCPItemStraightLine(&plot);
    line->point1->setCoords(mean, 0);
    line->point2->setCoords(mean, 1);
    line->setPen(pen(seriesColor(1), 2, Qt::DashLine));
    auto* label = new QCPItemText(&plot);
    label->position->setTypeX(QCPItemPosition::ptPlotCoords);
    label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    label->position->setCoords(mean, 0.04);
    label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    label->setPadding(QMargins(6, 2, 6, 2));
    label->setText(QStringLiteral("overall mean %1").arg(mean, 0, 'f', 3));
    label->setFont(plotFont(9, true));
    label->setColor(seriesColor(1).darker(120));
    label->setBrush(QColor(255, 255, 255, 210));
    label->setClipToAxisRect(true);
  }
  plot.legend->setVisible(false);  // the bars and the labelled mean line explain themselves
  if (rescale) {
    plot.xAxis->setRange(0, 1);
    double top = 1;
    for (double c : counts) top = std::max(top, c);
    plot.yAxis->setRange(0, top * 1.12);
  }
}

void plotClassCounts(QCustomPlot& plot, const std::vector<int>& trainCounts, const std::vector<int>& testCounts,
                     const QStringList& classNames) {
  clearPlot(plot);
  setTitle(plot, QStringLiteral("Images per class"));
  const int classes = static_cast<int>(std::max(trainCounts.size(), testCounts.size()));
  QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
  for (int c = 0; c < classes; ++c) ticker->addTick(c, c < classNames.size() ? classNames[c] : QString::number(c));
  plot.xAxis->setTicker(ticker);
  plot.xAxis->setTickLabelRotation(classNames.join(QString()).size() > 3 * classes ? 30 : 0);
  plot.xAxis->setLabel(QString());
  plot.yAxis->setLabel(QStringLiteral("images"));
  auto addBars = [&](const std::vector<int>& counts, double offset, int colorIndex, const QString& name) {
    if (counts.empty()) return;
    QVector<double> keys, values;
    for (int c = 0; c < static_cast<int>(counts.size()); ++c) {
      keys << c + offset;
      values << counts[static_cast<std::size_t>(c)];
    }
    auto* bars = new QCPBars(plot.xAxis, plot.yAxis);
    bars->setData(keys, values, true);
    bars->setWidth(0.38);
    bars->setPen(QPen(seriesColor(colorIndex).darker(130), 1));
    bars->setBrush(seriesColor(colorIndex).lighter(120));
    bars->setName(name);
  };
  const bool both = !trainCounts.empty() && !testCounts.empty();
  addBars(trainCounts, both ? -0.2 : 0, 0, QStringLiteral("training set"));
  addBars(testCounts, both ? 0.2 : 0, 3, QStringLiteral("test set"));
  plot.legend->setVisible(true);
  plot.xAxis->setRange(-0.7, std::max(classes, 1) - 0.3);
  double top = 1;
  for (int v : trainCounts) top = std::max(top, static_cast<double>(v));
  for (int v : testCounts) top = std::max(top, static_cast<double>(v));
  plot.yAxis->setRange(0, top * 1.15);
}

void setPlotTitle(QCustomPlot& plot, const QString& title) { setTitle(plot, title); }

void resetPlotView(QCustomPlot& plot) {
  plot.rescaleAxes(true);
  // Room at the top for the one-line legend.
  const bool legend = plot.legend->visible() && plot.legend->itemCount() > 0;
  for (QCPAxis* axis : {plot.xAxis, plot.yAxis, plot.yAxis2}) {
    QCPRange r = axis->range();
    if (r.size() <= 0 || !std::isfinite(r.size())) r = QCPRange(r.lower - 0.5, r.lower + 0.5);
    const double pad = r.size() * 0.05;
    if (axis == plot.xAxis) {
      axis->setRange(std::min(0.0, r.lower), r.upper + pad);
    } else {
      axis->setRange(r.lower - pad, r.upper + pad + (legend ? r.size() * 0.12 : 0.0));
    }
  }
  // Histograms and bar charts keep their own ranges; objective and weight plots start at epoch 0.
}

CsvWriter objectiveCsv(const std::vector<EpochStats>& history) {
  CsvWriter csv({"epoch", "objective", "seconds"});
  for (const EpochStats& e : history) csv.addRow(std::vector<double>{e.epoch + 1.0, e.objective, e.seconds});
  return csv;
}

CsvWriter batchObjectiveCsv(const ObjectiveCurve& curve, double window) {
  CsvWriter csv({"batch", "epoch", "objective", "smoothed"});
  const std::vector<double> smooth = smoothSeries(curve.batchObjective, window);
  const double bpe = std::max(1, curve.batchesPerEpoch);
  for (std::size_t i = 0; i < curve.batchObjective.size(); ++i)
    csv.addRow(std::vector<double>{static_cast<double>(i + 1), curve.batchStartEpoch + (i + 1.0) / bpe,
                                   curve.batchObjective[i], smooth[i]});
  return csv;
}

CsvWriter weightStatsCsv(const std::vector<EpochStats>& history) {
  CsvWriter csv({"epoch", "layer", "sparsity", "squared_weight"});
  for (const EpochStats& e : history) {
    const std::size_t n = std::max(e.sparsity.size(), e.squaredWeight.size());
    for (std::size_t l = 0; l < n; ++l)
      csv.addRow(std::vector<double>{e.epoch + 1.0, static_cast<double>(l),
                                     l < e.sparsity.size() ? e.sparsity[l] : std::nan(""),
                                     l < e.squaredWeight.size() ? e.squaredWeight[l] : std::nan("")});
  }
  return csv;
}

CsvWriter activationsCsv(const std::vector<RowVector>& meanActivations) {
  CsvWriter csv({"layer", "unit", "mean_activation"});
  for (std::size_t l = 0; l < meanActivations.size(); ++l)
    for (Eigen::Index j = 0; j < meanActivations[l].size(); ++j)
      csv.addRow(std::vector<double>{static_cast<double>(l + 1), static_cast<double>(j), meanActivations[l][j]});
  return csv;
}

CsvWriter histogramCsv(const RowVector& meanActivations, int bins) {
  bins = std::max(1, bins);
  std::vector<int> counts(static_cast<std::size_t>(bins), 0);
  for (Eigen::Index j = 0; j < meanActivations.size(); ++j) {
    const double v = std::clamp(static_cast<double>(meanActivations[j]), 0.0, 1.0);
    ++counts[static_cast<std::size_t>(std::min(bins - 1, static_cast<int>(v * bins)))];
  }
  CsvWriter csv({"bin_lo", "bin_hi", "count"});
  for (int i = 0; i < bins; ++i)
    csv.addRow(std::vector<double>{static_cast<double>(i) / bins, static_cast<double>(i + 1) / bins,
                                   static_cast<double>(counts[static_cast<std::size_t>(i)])});
  return csv;
}

CsvWriter classCountsCsv(const std::vector<int>& trainCounts, const std::vector<int>& testCounts,
                         const QStringList& classNames) {
  CsvWriter csv({"class", "name", "train", "test"});
  const std::size_t n = std::max(trainCounts.size(), testCounts.size());
  for (std::size_t c = 0; c < n; ++c)
    csv.addRow(std::vector<std::string>{
        std::to_string(c),
        static_cast<int>(c) < classNames.size() ? classNames[static_cast<int>(c)].toStdString() : std::to_string(c),
        std::to_string(c < trainCounts.size() ? trainCounts[c] : 0),
        std::to_string(c < testCounts.size() ? testCounts[c] : 0)});
  return csv;
}

std::vector<int> classCounts(const Labels& labels) {
  std::vector<int> counts(10, 0);
  for (std::uint8_t l : labels) {
    if (l >= counts.size()) counts.resize(l + 1u, 0);
    ++counts[l];
  }
  return counts;
}

QStringList classNames(const QString& datasetName) {
  if (datasetName.contains(QStringLiteral("fashion"), Qt::CaseInsensitive))
    return {QStringLiteral("T-shirt/top"), QStringLiteral("Trouser"), QStringLiteral("Pullover"),
            QStringLiteral("Dress"),       QStringLiteral("Coat"),    QStringLiteral("Sandal"),
            QStringLiteral("Shirt"),       QStringLiteral("Sneaker"), QStringLiteral("Bag"),
            QStringLiteral("Ankle boot")};
  QStringList names;
  for (int i = 0; i < 10; ++i) names << QString::number(i);
  return names;
}

}  // namespace vpf
