#include "ui/views/filters_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QSpinBox>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>
#include <cmath>

#include "core/common/error.h"
#include "core/io/csv_writer.h"
#include "figures/filter_grid.h"
#include "ui/gl/filter_atlas_view.h"
#include "ui/support/form.h"

namespace vpf {

namespace {
// Slider position 0…100 ↔ contrast 0.25…8 on a log scale (40 ↔ 1).
float contrastFromSlider(int v) { return 0.25f * std::pow(32.0f, v / 100.0f); }
int sliderFromContrast(float c) { return static_cast<int>(std::lround(100.0 * std::log(c / 0.25) / std::log(32.0))); }
}  // namespace

FiltersPanel::FiltersPanel(QWidget* parent) : Panel(parent) {
  setObjectName(QStringLiteral("filtersPanel"));
  m_view = new FilterAtlasView;
  m_layer = new QComboBox;
  m_layer->setToolTip(
      tr("Hidden layer whose filters are shown; layers above the first are projected into pixel "
         "space through the lower weights (W0·W1⋯)."));
  m_layer->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  m_contrast = new QSlider(Qt::Horizontal);
  m_contrast->setRange(0, 100);
  m_contrast->setValue(sliderFromContrast(1.0f));
  m_contrast->setFixedWidth(140);
  m_contrast->setToolTip(tr("Contrast: the normalised weights are multiplied by this factor (saturating)."));
  m_contrastLabel = new QLabel;
  m_contrastLabel->setMinimumWidth(m_contrastLabel->fontMetrics().horizontalAdvance(QStringLiteral("×8.00")) + 4);
  m_perFilter = new QCheckBox(tr("Per-filter scale"));
  m_perFilter->setChecked(true);
  m_perFilter->setToolTip(tr("Scale every filter by its own largest |w| (on) or all filters by the global one (off)."));
  m_colormap = new QComboBox;
  m_colormap->addItem(tr("Blue–red"), static_cast<int>(FilterColormap::Diverging));
  m_colormap->addItem(tr("Grey"), static_cast<int>(FilterColormap::Grey));
  m_colormap->setToolTip(
      tr("Colour map: negative weights blue, positive red (zero near white), or grey "
         "(negative dark, positive light, as in the paper's Fig. 2)."));
  m_columns = new QSpinBox;
  m_columns->setRange(0, 200);
  m_columns->setSpecialValueText(tr("auto"));
  m_columns->setToolTip(tr("Filters per row (auto: a near-square grid)."));
  auto* fit = new QToolButton;
  fit->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
  fit->setText(tr("Fit"));
  fit->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  fit->setToolTip(tr("Fit the grid into the view (or double-click it). Wheel zooms, dragging pans."));
  auto* exportButton = new QToolButton;
  exportButton->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));
  exportButton->setText(tr("Export…"));
  exportButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  exportButton->setToolTip(tr("Export the filters as PNG, SVG or PDF, or their weights as CSV."));

  QLayout* controls = form::row({tr("Layer:"), m_layer, tr("Contrast:"), m_contrast, m_contrastLabel, m_perFilter,
                                 m_colormap, tr("Columns:"), m_columns, fit, exportButton});

  m_info = form::statusLabel(QStringLiteral("filterInfo"), 2);  // wraps in a narrow window, never moves the view
  m_info->setTextFormat(Qt::RichText);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(8, 8, 8, 6);
  layout->addLayout(controls);
  layout->addWidget(m_view, 1);
  layout->addWidget(m_info);

  connect(m_contrast, &QSlider::valueChanged, this, [this](int v) {
    const float c = contrastFromSlider(v);
    m_contrastLabel->setText(QStringLiteral("×%1").arg(static_cast<double>(c), 0, 'f', 2));
    m_view->setContrast(c);
  });
  m_contrastLabel->setText(QStringLiteral("×%1").arg(1.0, 0, 'f', 2));
  connect(m_perFilter, &QCheckBox::toggled, m_view, &FilterAtlasView::setPerFilterNormalisation);
  connect(m_columns, &QSpinBox::valueChanged, m_view, &FilterAtlasView::setColumns);
  connect(m_colormap, &QComboBox::currentIndexChanged, this,
          [this] { m_view->setColormap(static_cast<FilterColormap>(m_colormap->currentData().toInt())); });
  connect(fit, &QToolButton::clicked, m_view, &FilterAtlasView::fitToView);
  connect(exportButton, &QToolButton::clicked, this, &FiltersPanel::exportRequested);
  connect(m_layer, &QComboBox::currentIndexChanged, this, [this] { apply(); });
  connect(m_view, &FilterAtlasView::hoveredUnitChanged, this, [this](int unit) { updateInfo(unit); });
  updateInfo();
}

int FiltersPanel::layer() const { return m_layer->currentIndex() >= 0 ? m_layer->currentIndex() + 1 : 1; }

void FiltersPanel::setLayer(int layer) {
  if (layer >= 1 && layer <= m_layer->count()) m_layer->setCurrentIndex(layer - 1);
}

void FiltersPanel::setContrast(float contrast) { m_contrast->setValue(sliderFromContrast(contrast)); }

void FiltersPanel::setColormap(FilterColormap colormap) {
  m_colormap->setCurrentIndex(m_colormap->findData(static_cast<int>(colormap)));
}

void FiltersPanel::setSnapshot(const SnapshotPtr& snapshot) {
  m_snapshot = snapshot;
  m_pending = true;
  updateLayerChoices();
  if (isVisible()) apply();
}

void FiltersPanel::showEvent(QShowEvent* e) {
  QWidget::showEvent(e);
  if (m_pending) apply();
}

QString FiltersPanel::layerCaption(int layer) const {
  if (layer == 1) return tr("Layer 1 (W0)");
  QString product = QStringLiteral("W0");
  for (int l = 1; l < layer; ++l) product += QStringLiteral("·W%1").arg(l);
  return tr("Layer %1 (%2)").arg(layer).arg(product);
}

void FiltersPanel::updateLayerChoices() {
  const int layers = m_snapshot ? m_snapshot->model.hiddenLayerCount() : 0;
  if (layers == m_layer->count()) return;
  const QSignalBlocker block(m_layer);
  const int current = layer();
  m_layer->clear();
  for (int l = 1; l <= layers; ++l) m_layer->addItem(layerCaption(l));
  m_layer->setCurrentIndex(std::clamp(current, 1, std::max(layers, 1)) - 1);
  m_layer->setEnabled(layers > 1);
}

std::shared_ptr<const Matrix> FiltersPanel::filtersOf(int layer) const {
  if (!m_snapshot) return nullptr;
  const Matrix* f = m_snapshot->filters(layer);
  if (!f) return nullptr;
  return std::shared_ptr<const Matrix>(m_snapshot, f);  // aliasing: keeps the snapshot alive
}

void FiltersPanel::apply() {
  m_pending = false;
  const int l = layer();
  std::shared_ptr<const Matrix> filters = filtersOf(l);
  if (!filters) {
    m_view->clearFilters();
    updateInfo();
    return;
  }
  RowVector activation;
  if (static_cast<std::size_t>(l - 1) < m_snapshot->meanActivations.size())
    activation = m_snapshot->meanActivations[static_cast<std::size_t>(l - 1)];
  m_view->setFilters(filters, m_snapshot->imageWidth, m_snapshot->imageHeight, activation);
  updateInfo();
}

void FiltersPanel::updateInfo(int hovered) {
  if (!m_snapshot || m_view->unitCount() == 0) {
    m_info->setText(tr("<i>No model yet.</i>"));
    return;
  }
  QString text = tr("%1 — %2 filters of %3×%4 · %5 · epoch %6")
                     .arg(layerCaption(layer()))
                     .arg(m_view->unitCount())
                     .arg(m_snapshot->imageWidth)
                     .arg(m_snapshot->imageHeight)
                     .arg(QString::fromStdString(m_snapshot->architecture))
                     .arg(m_snapshot->epochsDone);
  if (hovered >= 0) {
    QString unit = m_view->unitDescription(hovered);
    unit.replace(QStringLiteral("<br>"), QStringLiteral(" · "));
    text += QStringLiteral(" &nbsp;|&nbsp; ") + unit;
  } else {
    text += tr(" &nbsp;|&nbsp; <span style='color:gray'>hover a filter for details; wheel zooms, drag pans</span>");
  }
  m_info->setText(text);
}

void FiltersPanel::exportLayerFigure(int layer, const QString& path, const FigureSize& size) {
  const std::shared_ptr<const Matrix> filters = filtersOf(layer);
  if (!filters) throw Error("there are no filters to export yet (no model)");
  // Contrast, normalisation and colours as on screen; the columns the user chose, else a
  // near-square grid (the screen fits its columns to the view's shape).
  FilterGridOptions options = m_view->options();
  options.columns = m_columns->value();
  const QImage grid = renderFilterGrid(*filters, m_snapshot->imageWidth, m_snapshot->imageHeight, options);
  const QString title = tr("%1 — %2, %3, epoch %4")
                            .arg(layerCaption(layer))
                            .arg(QString::fromStdString(m_snapshot->architecture))
                            .arg(QString::fromStdString(algorithmName(m_snapshot->config)))
                            .arg(m_snapshot->epochsDone);
  savePainted([&](QPainter& p, const QRectF& r) { paintFilterFigure(p, r, grid, title, options); }, path, size);
}

void FiltersPanel::exportLayerCsv(int layer, const QString& path) {
  const std::shared_ptr<const Matrix> filters = filtersOf(layer);
  if (!filters) throw Error("there are no filters to export yet (no model)");
  std::vector<std::string> header{"unit", "mean_activation", "norm"};
  for (Eigen::Index i = 0; i < filters->rows(); ++i) header.push_back("w" + std::to_string(i));
  CsvWriter csv(header);
  const std::vector<float> norms = filterNorms(*filters);
  const RowVector* act = static_cast<std::size_t>(layer - 1) < m_snapshot->meanActivations.size()
                             ? &m_snapshot->meanActivations[static_cast<std::size_t>(layer - 1)]
                             : nullptr;
  for (Eigen::Index j = 0; j < filters->cols(); ++j) {
    std::vector<double> row{static_cast<double>(j), act && j < act->size() ? (*act)[j] : std::nan(""),
                            norms[static_cast<std::size_t>(j)]};
    for (Eigen::Index i = 0; i < filters->rows(); ++i) row.push_back((*filters)(i, j));
    csv.addRow(row);
  }
  saveCsv(csv, path);
}

void FiltersPanel::exportFigure(const QString& path, const FigureSize& size) { exportLayerFigure(layer(), path, size); }

void FiltersPanel::exportCsv(const QString& path) { exportLayerCsv(layer(), path); }

QStringList FiltersPanel::exportAll(const QString& folder, const FigureSize& size) {
  if (!m_snapshot || m_snapshot->model.hiddenLayerCount() == 0)
    throw Error("there are no filters to export yet (no model)");
  QStringList written;
  const QDir dir(folder);
  const int layers = m_snapshot->model.hiddenLayerCount();
  FigureSize figure = size;
  figure.height = std::max(size.height, size.width * 9 / 8);  // the grid is square: a portrait page
  for (int l = 1; l <= layers; ++l) {
    const QString base = layers == 1 ? exportBaseName() : QStringLiteral("filters-layer%1").arg(l);
    for (const QString& suffix : figureFormatSuffixes()) {
      const QString path = dir.filePath(base + QLatin1Char('.') + suffix);
      exportLayerFigure(l, path, figure);
      written << path;
    }
    const QString csv = dir.filePath(base + QStringLiteral(".csv"));
    exportLayerCsv(l, csv);
    written << csv;
  }
  return written;
}

}  // namespace vpf
