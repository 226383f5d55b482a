#include "ui/views/data_panel.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <numeric>
#include <random>

#include "core/common/error.h"
#include "figures/filter_grid.h"
#include "figures/training_plots.h"
#include "ui/views/image_grid_widget.h"

namespace vpf {

DataPanel::DataPanel(QWidget* parent) : Panel(parent) {
  setObjectName(QStringLiteral("dataPanel"));
  m_split = new QComboBox;
  m_split->addItem(tr("Training set"));
  m_split->addItem(tr("Test set"));
  m_order = new QComboBox;
  m_order->addItem(tr("First images"));
  m_order->addItem(tr("Random images"));
  m_count = new QSpinBox;
  m_count->setRange(10, 400);
  m_count->setSingleStep(10);
  m_count->setValue(100);
  auto* reshuffle = new QToolButton;
  reshuffle->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
  reshuffle->setToolTip(tr("Draw another random sample."));
  auto* exportButton = new QToolButton;
  exportButton->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));
  exportButton->setText(tr("Export…"));
  exportButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  exportButton->setToolTip(tr("Export the sample grids as PNG, SVG or PDF, or the class counts as CSV."));

  auto* controls = new QHBoxLayout;
  controls->addWidget(new QLabel(tr("Show:")));
  controls->addWidget(m_split);
  controls->addWidget(m_order);
  controls->addWidget(reshuffle);
  controls->addSpacing(12);
  controls->addWidget(new QLabel(tr("Images:")));
  controls->addWidget(m_count);
  controls->addStretch(1);
  controls->addWidget(exportButton);

  m_summary = new QLabel;
  m_summary->setWordWrap(true);
  m_original = new ImageGridWidget(tr("Original (grey values)"));
  m_binarized = new ImageGridWidget(tr("Binarised"));
  auto* grids = new QWidget;
  auto* gridLayout = new QHBoxLayout(grids);
  gridLayout->setContentsMargins(0, 0, 0, 0);
  gridLayout->addWidget(m_original);
  gridLayout->addWidget(m_binarized);
  m_counts = new QCustomPlot;
  applyPlotStyle(*m_counts);
  m_counts->setMinimumHeight(180);
  auto* splitter = new QSplitter(Qt::Vertical);
  splitter->addWidget(grids);
  splitter->addWidget(m_counts);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 2);
  splitter->setChildrenCollapsible(false);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(8, 8, 8, 6);
  layout->addLayout(controls);
  layout->addWidget(m_summary);
  layout->addWidget(splitter, 1);

  connect(m_split, &QComboBox::currentIndexChanged, this, &DataPanel::rebuild);
  connect(m_order, &QComboBox::currentIndexChanged, this, &DataPanel::rebuild);
  connect(m_count, &QSpinBox::valueChanged, this, &DataPanel::rebuild);
  connect(reshuffle, &QToolButton::clicked, this, [this] {
    ++m_sampleSeed;
    if (m_order->currentIndex() == 0)
      m_order->setCurrentIndex(1);
    else
      rebuild();
  });
  connect(exportButton, &QToolButton::clicked, this, &DataPanel::exportRequested);
  rebuild();
}

void DataPanel::setData(std::shared_ptr<const DataSplits> data, const QString& title) {
  m_data = std::move(data);
  m_title = title;
  const QSignalBlocker block(m_split);
  if (m_data && m_data->test.size() == 0) m_split->setCurrentIndex(0);
  m_split->setEnabled(m_data && m_data->test.size() > 0);
  rebuild();
}

void DataPanel::setThreshold(double threshold) {
  if (threshold == m_threshold) return;
  m_threshold = threshold;
  rebuild();
}

const QImage& DataPanel::originalImage() const { return m_original->image(); }
const QImage& DataPanel::binarizedImage() const { return m_binarized->image(); }

Matrix DataPanel::sampleRows() const {
  const Dataset& set = (m_split->currentIndex() == 1 && m_data->test.size() > 0) ? m_data->test : m_data->train;
  const int n = std::min(m_count->value(), set.size());
  Matrix rows(n, set.pixels());
  if (m_order->currentIndex() == 0) {
    rows = set.images.topRows(n);
  } else {
    std::vector<int> index(static_cast<std::size_t>(set.size()));
    std::iota(index.begin(), index.end(), 0);
    std::mt19937 rng(1234u + m_sampleSeed);
    for (int i = 0; i < n; ++i) {
      std::uniform_int_distribution<int> pick(i, set.size() - 1);
      std::swap(index[static_cast<std::size_t>(i)], index[static_cast<std::size_t>(pick(rng))]);
      rows.row(i) = set.images.row(index[static_cast<std::size_t>(i)]);
    }
  }
  return rows;
}

void DataPanel::rebuild() {
  if (!m_data) {
    m_summary->setText(tr("<i>No data set loaded. Use File ▸ Open data set, or drop IDX files here.</i>"));
    m_original->setImage(QImage());
    m_binarized->setImage(QImage());
    plotClassCounts(*m_counts, {}, {}, {});
    m_counts->replot();
    return;
  }
  const QLocale locale;
  const Dataset& train = m_data->train;
  m_summary->setText(tr("<b>%1</b>: %2 training and %3 test images of %4×%5 pixels. The models see the binarised "
                        "images (pixel > %6 → 1).")
                         .arg(m_title.toHtmlEscaped())
                         .arg(locale.toString(train.size()))
                         .arg(locale.toString(m_data->test.size()))
                         .arg(train.cols)
                         .arg(train.rows)
                         .arg(m_threshold, 0, 'g', 3));
  const Matrix rows = sampleRows();
  const int columns = std::max(1, static_cast<int>(std::ceil(std::sqrt(static_cast<double>(rows.rows())))));
  m_original->setImage(renderImageGrid(rows, train.cols, train.rows, columns, 1));
  m_binarized->setImage(
      renderImageGrid(binarize(rows, static_cast<float>(m_threshold)), train.cols, train.rows, columns, 1));
  m_binarized->setCaption(tr("Binarised (threshold %1)").arg(m_threshold, 0, 'g', 3));
  plotClassCounts(*m_counts, classCounts(train.labels), classCounts(m_data->test.labels), classNames(m_title));
  m_counts->replot();
}

void DataPanel::exportFigure(const QString& path, const FigureSize& size) {
  if (!m_data) throw Error("there is no data set to export (none loaded)");
  const QImage original = m_original->image(), binarized = m_binarized->image();
  const QString title = m_title;
  const double threshold = m_threshold;
  savePainted(
      [&](QPainter& painter, const QRectF& rect) {
        QFont font = painter.font();
        font.setPointSizeF(11);
        font.setBold(true);
        painter.setFont(font);
        painter.setPen(QColor(30, 30, 30));
        const double margin = 14, caption = 28;
        const double half = (rect.width() - 3 * margin) / 2;
        const QRectF left(rect.left() + margin, rect.top() + margin, half, caption);
        const QRectF right(left.right() + margin, left.top(), half, caption);
        painter.drawText(left, Qt::AlignCenter, tr("%1 — original").arg(title));
        painter.drawText(right, Qt::AlignCenter,
                         tr("%1 — binarised (threshold %2)").arg(title).arg(threshold, 0, 'g', 3));
        painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
        for (int i = 0; i < 2; ++i) {
          const QImage& image = i == 0 ? original : binarized;
          const QRectF area((i == 0 ? left : right).left(), left.bottom() + 6, half,
                            rect.height() - caption - 2 * margin - 6);
          const QSizeF fitted = QSizeF(image.size()).scaled(area.size(), Qt::KeepAspectRatio);
          painter.drawImage(QRectF(area.center().x() - fitted.width() / 2, area.top(), fitted.width(), fitted.height()),
                            pixelatedForPrint(image, fitted));
        }
      },
      path, size);
}

void DataPanel::exportCsv(const QString& path) {
  if (!m_data) throw Error("there is no data set to export (none loaded)");
  saveCsv(classCountsCsv(classCounts(m_data->train.labels), classCounts(m_data->test.labels), classNames(m_title)),
          path);
}

QStringList DataPanel::exportAll(const QString& folder, const FigureSize& size) {
  if (!m_data) throw Error("there is no data set to export (none loaded)");
  const QDir dir(folder);
  QStringList written;
  FigureSize samples = size;
  samples.height = std::max(size.height, size.width * 9 / 16);
  for (const QString& suffix : figureFormatSuffixes()) {
    const QString path = dir.filePath(exportBaseName() + QLatin1Char('.') + suffix);
    exportFigure(path, samples);
    written << path;
  }
  written << savePlotAllFormats(*m_counts, folder, QStringLiteral("class-counts"), size);
  const QString csv = dir.filePath(QStringLiteral("class-counts.csv"));
  exportCsv(csv);
  written << csv;
  return written;
}

}  // namespace vpf
