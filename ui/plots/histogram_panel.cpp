#include "ui/plots/histogram_panel.h"

#include <QComboBox>
#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include "core/common/error.h"
#include "figures/training_plots.h"

namespace vpf {

HistogramPanel::HistogramPanel(QWidget* parent) : PlotPanelBase(parent) {
  setObjectName(QStringLiteral("histogramPanel"));
  m_plot = addPlot();
  m_layer = new QComboBox;
  m_layer->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  m_layer->setToolTip(tr("Hidden layer whose unit activations are shown."));
  m_bins = new QSpinBox;
  m_bins->setRange(5, 100);
  m_bins->setValue(20);
  m_bins->setToolTip(tr("Number of equal-width bins over [0, 1]."));
  toolRow()->addWidget(new QLabel(tr("Layer:")));
  toolRow()->addWidget(m_layer);
  toolRow()->addSpacing(12);
  toolRow()->addWidget(new QLabel(tr("Bins:")));
  toolRow()->addWidget(m_bins);
  finishToolRow();
  connect(m_layer, &QComboBox::currentIndexChanged, this, [this] { resetViews(); });
  connect(m_bins, &QSpinBox::valueChanged, this, [this] { resetViews(); });

  m_info = new QLabel;
  m_info->setWordWrap(true);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(8, 8, 8, 6);
  layout->addLayout(toolRow());
  layout->addWidget(m_plot, 1);
  layout->addWidget(m_info);
  rebuild();
}

int HistogramPanel::layer() const { return m_layer->currentIndex() >= 0 ? m_layer->currentIndex() + 1 : 1; }
void HistogramPanel::setLayer(int layer) {
  if (layer >= 1 && layer <= m_layer->count()) m_layer->setCurrentIndex(layer - 1);
}
int HistogramPanel::bins() const { return m_bins->value(); }

void HistogramPanel::setSnapshot(const SnapshotPtr& snapshot) {
  const bool changed = !m_snapshot || !snapshot || snapshot->generation != m_snapshot->generation ||
                       snapshot->activationEpoch != m_snapshot->activationEpoch ||
                       snapshot->meanActivations.size() != m_snapshot->meanActivations.size();
  m_snapshot = snapshot;
  const int layers = snapshot ? static_cast<int>(snapshot->meanActivations.size()) : 0;
  if (layers != m_layer->count()) {
    const QSignalBlocker block(m_layer);
    const int current = layer();
    m_layer->clear();
    for (int l = 1; l <= layers; ++l) m_layer->addItem(tr("Hidden layer %1").arg(l));
    m_layer->setCurrentIndex(std::clamp(current, 1, std::max(1, layers)) - 1);
    m_layer->setEnabled(layers > 1);
  }
  if (!changed) return;
  m_pending = true;
  if (isVisible()) rebuild();
}

void HistogramPanel::showEvent(QShowEvent* e) {
  PlotPanelBase::showEvent(e);
  if (m_pending) rebuild();
}

QString HistogramPanel::title(int layer) const {
  if (!m_snapshot) return tr("Mean activations of hidden units");
  return tr("Mean activations of hidden layer %1 — %2, epoch %3")
      .arg(layer)
      .arg(QString::fromStdString(m_snapshot->architecture))
      .arg(m_snapshot->activationEpoch);
}

void HistogramPanel::rebuild() {
  m_pending = false;
  const int l = layer();
  RowVector values;
  if (m_snapshot && static_cast<std::size_t>(l - 1) < m_snapshot->meanActivations.size())
    values = m_snapshot->meanActivations[static_cast<std::size_t>(l - 1)];
  plotActivationHistogram(*m_plot, values, bins(), title(l), !userView(0));
  m_plot->replot(QCustomPlot::rpQueuedReplot);
  if (values.size() == 0) {
    m_info->setText(tr("<i>No model yet.</i>"));
  } else {
    const double mean = values.mean();
    const int between = static_cast<int>(((values.array() >= 0.1f) && (values.array() <= 0.4f)).count());
    const QString when = m_snapshot->activationEpoch > 0
                             ? tr("at the end of epoch %1").arg(m_snapshot->activationEpoch)
                             : tr("for the model before training");
    m_info->setText(tr("p(h|x) averaged over the first %1 training images (binarised), computed %2. "
                       "Overall mean %3; %4 of %5 units (%6%) lie between 0.1 and 0.4. "
                       "The paper reports an overall mean of 0.26 for RBM(400) (Fig. 3b).")
                        .arg(QLocale().toString(m_snapshot->activationSamples))
                        .arg(when)
                        .arg(mean, 0, 'f', 3)
                        .arg(between)
                        .arg(values.size())
                        .arg(100.0 * between / static_cast<double>(values.size()), 0, 'f', 0));
  }
}

void HistogramPanel::exportFigure(const QString& path, const FigureSize& size) {
  if (!m_snapshot || m_snapshot->meanActivations.empty()) throw Error("there are no activations to export yet (no model)");
  if (m_pending) rebuild();
  savePlot(*m_plot, path, size);
}

void HistogramPanel::exportCsv(const QString& path) {
  const std::size_t l = static_cast<std::size_t>(layer() - 1);
  if (!m_snapshot || l >= m_snapshot->meanActivations.size())
    throw Error("there are no activations to export yet (no model)");
  saveCsv(histogramCsv(m_snapshot->meanActivations[l], bins()), path);
}

QStringList HistogramPanel::exportAll(const QString& folder, const FigureSize& size) {
  if (!m_snapshot || m_snapshot->meanActivations.empty()) throw Error("there are no activations to export yet (no model)");
  const QDir dir(folder);
  QStringList written;
  const int layers = static_cast<int>(m_snapshot->meanActivations.size());
  // Offscreen plot per layer so the on-screen view (and its zoom) is untouched.
  QCustomPlot plot;
  applyPlotStyle(plot);
  for (int l = 1; l <= layers; ++l) {
    const QString base = layers == 1 ? exportBaseName() : QStringLiteral("activations-histogram-layer%1").arg(l);
    plotActivationHistogram(plot, m_snapshot->meanActivations[static_cast<std::size_t>(l - 1)], bins(), title(l), true);
    written << savePlotAllFormats(plot, folder, base, size);
    const QString csv = dir.filePath(base + QStringLiteral(".csv"));
    saveCsv(histogramCsv(m_snapshot->meanActivations[static_cast<std::size_t>(l - 1)], bins()), csv);
    written << csv;
  }
  const QString all = dir.filePath(QStringLiteral("activations.csv"));
  saveCsv(activationsCsv(m_snapshot->meanActivations), all);
  written << all;
  return written;
}

}  // namespace vpf
