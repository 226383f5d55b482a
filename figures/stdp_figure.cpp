#include "figures/stdp_figure.h"

#include <qcustomplot.h>

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSvgGenerator>
#include <algorithm>
#include <cmath>
#include <filesystem>

#include "core/common/error.h"

namespace vpf {

namespace {

bool isExact(const StdpCurve& c) { return !c.simulated && c.name != stdp_names::kMeasured; }

QCPScatterStyle scatterFor(const std::string& name, const QColor& color) {
  if (name == stdp_names::kMeasured)
    return QCPScatterStyle(QCPScatterStyle::ssDiamond, QPen(Qt::black, 1.2), QBrush(color), 8);
  if (name == stdp_names::kBengio2015)
    return QCPScatterStyle(QCPScatterStyle::ssSquare, QPen(color, 1.2), QBrush(Qt::white), 6);
  return QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(color, 1.2), QBrush(Qt::white), 6);
}

void addZeroLines(QCustomPlot& plot) {
  const QPen pen(QColor(150, 150, 150), 1, Qt::DotLine);
  auto* h = new QCPItemStraightLine(&plot);
  h->point1->setCoords(0, 0);
  h->point2->setCoords(1, 0);
  auto* v = new QCPItemStraightLine(&plot);
  v->point1->setCoords(0, 0);
  v->point2->setCoords(0, 1);
  for (auto* line : {h, v}) {
    line->setPen(pen);
    line->setLayer(QStringLiteral("grid"));  // under the curves
    line->setSelectable(false);
  }
}

}  // namespace

QColor stdpCurveColor(const std::string& name) {
  if (name == stdp_names::kVpfAnalytic) return QColor(31, 119, 180);
  if (name == stdp_names::kVpfMonteCarlo) return QColor(23, 190, 207);
  if (name == stdp_names::kBengio2015) return QColor(214, 39, 40);
  if (name == stdp_names::kBiPooFit) return QColor(90, 90, 90);
  if (name == stdp_names::kMeasured) return QColor(255, 187, 60);
  return QColor(148, 103, 189);
}

void drawStdpCurves(QCustomPlot& plot, const std::vector<StdpCurve>& curves, const QString& title,
                    bool normalised) {
  plot.clearPlottables();  // graphs and their error bars
  plot.clearItems();
  if (auto* old = plot.findChild<QCPTextElement*>(QStringLiteral("stdpTitle"))) {
    plot.plotLayout()->remove(old);
    plot.plotLayout()->simplify();
  }

  double xMax = 10, yMin = normalised ? -1.1 : 0.0, yMax = normalised ? 1.1 : 0.0;
  for (const StdpCurve& c : curves) {
    if (c.size() == 0) continue;
    const QColor color = stdpCurveColor(c.name);
    // The model curves are separate functions on each side of Δt = 0 (VPF's 1/ε diverges there),
    // so they are drawn as two graphs instead of joining −ε to +ε; the fit keeps its jump.
    const bool splitAtZero = c.name != stdp_names::kBiPooFit && c.name != stdp_names::kMeasured;
    std::size_t split = c.size();
    if (splitAtZero)
      split = static_cast<std::size_t>(std::find_if(c.dtMs.begin(), c.dtMs.end(), [](double t) { return t > 0; }) -
                                       c.dtMs.begin());
    const bool anyError = std::any_of(c.stdError.begin(), c.stdError.end(), [](double e) { return e > 0; });
    bool first = true;
    for (const auto& [from, to] : {std::pair{std::size_t{0}, split}, std::pair{split, c.size()}}) {
      if (from >= to) continue;
      QVector<double> xs, ys, es;
      for (std::size_t k = from; k < to; ++k) {
        xs << c.dtMs[k];
        ys << c.dw[k];
        es << (k < c.stdError.size() ? c.stdError[k] : 0.0);
      }
      QCPGraph* g = plot.addGraph();
      g->setName(QString::fromStdString(c.label) + (c.simulated ? QStringLiteral(" ± s.e.") : QString()));
      if (!first) g->removeFromLegend();  // one legend entry per curve
      first = false;
      g->setData(xs, ys, true);
      if (isExact(c)) {
        g->setPen(QPen(color, 2.0, c.name == stdp_names::kBiPooFit ? Qt::DashLine : Qt::SolidLine));
        continue;
      }
      g->setPen(c.name == stdp_names::kMeasured ? QPen(Qt::NoPen) : QPen(color, 1.0));
      g->setLineStyle(c.name == stdp_names::kMeasured ? QCPGraph::lsNone : QCPGraph::lsLine);
      g->setScatterStyle(scatterFor(c.name, color));
      if (anyError) {
        auto* bars = new QCPErrorBars(plot.xAxis, plot.yAxis);
        bars->removeFromLegend();
        bars->setDataPlottable(g);
        bars->setData(es);
        bars->setPen(QPen(color.darker(120), 1.0));
        bars->setWhiskerWidth(5);
      }
    }
    for (std::size_t k = 0; k < c.size(); ++k) {
      if (!std::isfinite(c.dw[k])) continue;
      const double se = k < c.stdError.size() ? c.stdError[k] : 0.0;
      xMax = std::max(xMax, std::abs(c.dtMs[k]));
      yMin = std::min(yMin, c.dw[k] - se);
      yMax = std::max(yMax, c.dw[k] + se);
    }
  }
  addZeroLines(plot);

  plot.xAxis->setLabel(QStringLiteral("Δt = t_post − t_pre (ms)"));
  plot.yAxis->setLabel(normalised ? QStringLiteral("Δw, normalised (max |Δw| = 1 per curve)")
                                  : QStringLiteral("Δw (raw, each curve in its own units)"));
  const double xEdge = std::ceil(xMax / 10.0) * 10.0 + 5.0;
  plot.xAxis->setRange(-xEdge, xEdge);
  if (!(yMax > yMin)) {  // nothing to show (raw curves all zero)
    yMin = -1;
    yMax = 1;
  }
  const double pad = 0.05 * (yMax - yMin);
  plot.yAxis->setRange(yMin - pad, yMax + pad);

  plot.legend->setVisible(!curves.empty());
  QFont legendFont = plot.font();
  legendFont.setPointSizeF(std::max(7.0, legendFont.pointSizeF() - 1.0));
  plot.legend->setFont(legendFont);
  plot.legend->setBrush(QColor(255, 255, 255, 220));
  // Bottom right: Δt > 0 with Δw < 0, the quadrant no curve enters (top left ran into the peak at 0).
  plot.axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);

  if (!title.isEmpty()) {
    plot.plotLayout()->insertRow(0);
    QFont font = plot.font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() + 1.0);
    auto* text = new QCPTextElement(&plot, title, font);
    text->setObjectName(QStringLiteral("stdpTitle"));
    plot.plotLayout()->addElement(0, 0, text);
  }
  plot.replot();
}

bool isStdpFigurePath(const QString& path) {
  const QString s = QFileInfo(path).suffix().toLower();
  return s == QLatin1String("png") || s == QLatin1String("svg") || s == QLatin1String("pdf");
}

void saveStdpPlot(QCustomPlot& plot, const QString& path, int width, int height) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  if (!isStdpFigurePath(path))
    throw Error("cannot write " + path.toStdString() + ": unknown figure format '" + suffix.toStdString() +
                "' (use .png, .svg or .pdf)");
  // Temp file in the target folder so the final rename is atomic.
  const QString temp = path + QStringLiteral(".tmp-%1-%2.%3")
                                  .arg(QCoreApplication::applicationPid())
                                  .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'))
                                  .arg(suffix);
  bool ok = false;
  if (suffix == QLatin1String("png")) {
    ok = plot.savePng(temp, width, height, 1.0, -1, 96);
  } else if (suffix == QLatin1String("pdf")) {
    ok = plot.savePdf(temp, width, height, QCP::epNoCosmetic, QStringLiteral("VPF Lab"), QStringLiteral("STDP"));
  } else {
    QSvgGenerator svg;
    svg.setFileName(temp);
    svg.setSize(QSize(width, height));
    svg.setViewBox(QRect(0, 0, width, height));
    svg.setTitle(QStringLiteral("STDP"));
    svg.setDescription(QString::fromStdString(stdpNormalisationNote()));
    QCPPainter painter;
    if (painter.begin(&svg)) {
      painter.setMode(QCPPainter::pmVectorized);
      painter.setMode(QCPPainter::pmNoCaching);
      plot.toPainter(&painter, width, height);
      ok = painter.end();
    }
  }
  ok = ok && QFileInfo(temp).size() > 0;
  std::error_code ec;
  if (ok) std::filesystem::rename(temp.toStdString(), path.toStdString(), ec);
  if (!ok || ec) {
    QFile::remove(temp);
    throw Error("cannot write " + path.toStdString() + (ec ? ": " + ec.message() : std::string()));
  }
}

void saveStdpFigure(const std::vector<StdpCurve>& curves, const QString& path, int width, int height,
                    const QString& title, bool normalised) {
  QCustomPlot plot;
  plot.resize(width, height);
  drawStdpCurves(plot, curves, title, normalised);
  saveStdpPlot(plot, path, width, height);
}

}  // namespace vpf
