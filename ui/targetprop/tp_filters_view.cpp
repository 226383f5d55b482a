#include "ui/targetprop/tp_filters_view.h"

#include <QHBoxLayout>
#include <QPainter>
#include <QTimer>

#include "core/common/error.h"
#include "core/io/csv_writer.h"
#include "figures/filter_grid.h"
#include "figures/sampling_figures.h"
#include "ui/support/image_tile.h"

namespace vpf {

namespace {
constexpr int kTiles = 100;

// n_in × units with one unit per column; `pixels` must be a square image.
Matrix firstUnits(const Matrix& filters) { return filters.leftCols(std::min<Eigen::Index>(kTiles, filters.cols())); }

int side(Eigen::Index pixels) { return static_cast<int>(std::lround(std::sqrt(static_cast<double>(pixels)))); }
}  // namespace

TpFiltersView::TpFiltersView(QWidget* parent)
    : TpView(parent), m_throttle(new QTimer(this)), m_w1Tile(new ImageTile), m_v1Tile(new ImageTile) {
  m_w1Tile->setCaption(tr("W1: recognition filters of h1 (f1)"));
  m_v1Tile->setCaption(tr("V1: generative filters of h1 (g1)"));
  for (ImageTile* t : {m_w1Tile, m_v1Tile}) t->setPreferredScale(2);
  auto* layout = new QHBoxLayout(this);
  layout->addWidget(m_w1Tile, 1);
  layout->addWidget(m_v1Tile, 1);
  m_throttle->setSingleShot(true);
  m_throttle->setInterval(500);
  connect(m_throttle, &QTimer::timeout, this, &TpFiltersView::refresh);
}

void TpFiltersView::setSnapshot(const TpSnapshotPtr& s) {
  if (!s || !s->model || s->modelVersion == m_version) return;
  m_model = s->model;
  m_version = s->modelVersion;
  if (isVisible() && !m_throttle->isActive()) m_throttle->start();
}

void TpFiltersView::refresh() {
  if (!m_model || m_drawnVersion == m_version) return;
  m_drawnVersion = m_version;
  const int n = side(m_model->W1.rows());
  if (n * n != m_model->W1.rows()) return;  // not an image: nothing sensible to tile
  m_w1 = renderFilterGrid(firstUnits(m_model->W1), n, n);
  m_v1 = renderFilterGrid(firstUnits(m_model->V1.transpose()), n, n);
  m_w1Tile->setImage(m_w1);
  m_v1Tile->setImage(m_v1);
}

void TpFiltersView::exportFigure(const QString& path, const FigureSize& size) {
  refresh();
  if (m_w1.isNull()) throw Error("no filters to export (no square-image model)");
  ImageStripFigure f;
  f.title = tr("Target prop (Bengio et al. 2015): the first %1 h1 units").arg(kTiles);
  f.images = {{m_w1, m_w1Tile->caption()}, {m_v1, m_v1Tile->caption()}};
  savePainted([f](QPainter& p, const QRectF& rect) { paintImageStrip(p, rect, f); }, path, size);
}

void TpFiltersView::exportCsv(const QString& path) {
  if (!m_model) throw Error("no model");
  CsvWriter csv({"layer", "unit", "pixel", "weight"});
  const Matrix w1 = firstUnits(m_model->W1), v1 = firstUnits(m_model->V1.transpose());
  for (int layer = 0; layer < 2; ++layer) {
    const Matrix& m = layer == 0 ? w1 : v1;
    for (Eigen::Index u = 0; u < m.cols(); ++u)
      for (Eigen::Index p = 0; p < m.rows(); ++p)
        csv.addRow(std::vector<std::string>{layer == 0 ? "W1" : "V1", std::to_string(u), std::to_string(p),
                                            CsvWriter::number(m(p, u))});
  }
  csv.save(path.toStdString());
}

}  // namespace vpf
