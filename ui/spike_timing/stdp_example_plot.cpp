#include "ui/spike_timing/stdp_example_plot.h"

#include <qcustomplot.h>

#include "core/common/error.h"
#include "figures/stdp_figure.h"

namespace vpf {

void drawStdpExample(QCustomPlot& p, const StdpConfig& c, StdpExampleKind kind, double dtMs, quint64 index) {
  p.clearPlottables();
  p.clearItems();
  const double window = c.binning.rangeMs;
  auto vline = [&p](double x, const QPen& pen) {
    auto* line = new QCPItemStraightLine(&p);
    line->point1->setCoords(x, 0);
    line->point2->setCoords(x, 1);
    line->setPen(pen);
  };
  auto caption = [&p](const QString& text) {
    auto* label = new QCPItemText(&p);
    label->position->setType(QCPItemPosition::ptAxisRectRatio);
    label->position->setCoords(0.01, 0.02);
    label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    label->setText(text);
    label->setBrush(QColor(255, 255, 255, 220));
    label->setPadding(QMargins(3, 1, 3, 1));
  };
  const QPen preSpikePen(QColor(60, 60, 60), 1.5), postSpikePen(QColor(60, 60, 60), 1.5, Qt::DashLine);

  try {
    c.vpf.validate();
    c.bengio.validate();
    if (kind != StdpExampleKind::Bengio) {
      const double dt = dtMs * (kind == StdpExampleKind::VpfPrePost ? 1.0 : -1.0);
      const VpfPairingTrace t = stdpExampleVpf(c, dt, index);
      QVector<double> x(t.time.begin(), t.time.end()), yPre, yPost;
      for (double v : t.pre) yPre.push_back(1.5 + v);
      for (double v : t.post) yPost.push_back(v);
      QCPGraph* pre = p.addGraph();
      pre->setData(x, yPre, true);
      pre->setLineStyle(QCPGraph::lsStepLeft);
      pre->setPen(QPen(stdpCurveColor(stdp_names::kVpfAnalytic), 2));
      QCPGraph* post = p.addGraph();
      post->setData(x, yPost, true);
      post->setLineStyle(QCPGraph::lsStepLeft);
      post->setPen(QPen(stdpCurveColor(stdp_names::kBengio2015), 2));
      vline(t.tPre, preSpikePen);
      vline(t.tPost, postSpikePen);
      auto ticker = QSharedPointer<QCPAxisTickerText>::create();
      ticker->addTick(0.5, QObject::tr("post y_j"));
      ticker->addTick(2.0, QObject::tr("pre y_i"));
      p.yAxis->setTicker(ticker);
      p.yAxis->setRange(-0.25, 3.4);
      p.yAxis->setLabel(QString());
      caption(QObject::tr("Δt = %1 ms; eq. 6 at the scored post transition: Δw = %2 (pre neuron %3)")
                  .arg(dt, 0, 'f', 1)
                  .arg(t.dw, 0, 'g', 4)
                  .arg(t.dw != 0 ? QObject::tr("excited") : QObject::tr("at rest")));
    } else {
      const BengioPairing b = stdpExampleBengio(c, index);
      const double theta = c.bengio.thresholdMv, v0 = theta - b.gap;
      QCPGraph* v = p.addGraph();
      v->setData(QVector<double>{-window, window}, QVector<double>{v0 - b.slope * window, v0 + b.slope * window});
      v->setPen(QPen(stdpCurveColor(stdp_names::kBengio2015), 2));
      auto* threshold = new QCPItemStraightLine(&p);
      threshold->point1->setCoords(0, theta);
      threshold->point2->setCoords(1, theta);
      threshold->setPen(QPen(Qt::gray, 1, Qt::DashLine));
      QCPGraph* spike = p.addGraph();
      spike->setData(QVector<double>{b.dtMs}, QVector<double>{theta});
      spike->setLineStyle(QCPGraph::lsNone);
      spike->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssStar, Qt::black, 10));
      vline(0.0, preSpikePen);
      if (b.spiked) vline(b.dtMs, postSpikePen);
      p.yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
      p.yAxis->setRange(theta - 2.5 * c.bengio.gapMax, theta + 1.0 * c.bengio.gapMax);
      p.yAxis->setLabel(QObject::tr("V_j (mV)"));
      caption(b.spiked ? QObject::tr(
                             "dV_j/dt = %1 mV/ms, V_j(0) = θ − %2 mV → post spike at ΔT = %3 ms; ΔW = η·dV_j/dt = %4")
                             .arg(b.slope, 0, 'f', 3)
                             .arg(b.gap, 0, 'f', 2)
                             .arg(b.dtMs, 0, 'f', 1)
                             .arg(b.dw, 0, 'g', 4)
                       : QObject::tr("no post spike within ±%1 ms in 10000 draws").arg(window));
    }
  } catch (const Error& e) {
    caption(QString::fromUtf8(e.what()));
  }
  p.xAxis->setRange(-window, window);
  p.xAxis->setLabel(QObject::tr("t − t_pre (ms): solid line pre spike, dashed line post spike"));
  p.replot();
}

}  // namespace vpf
