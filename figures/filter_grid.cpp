#include "filter_grid.h"

#include <QFontMetricsF>
#include <QLinearGradient>
#include <QPainter>
#include <QRectF>
#include <algorithm>
#include <cmath>

#include "colormap.h"
#include "common/error.h"

namespace vpf {

FilterGridLayout FilterGridLayout::make(int tiles, int tileWidth, int tileHeight, int columns, int spacing) {
  FilterGridLayout l;
  l.tiles = std::max(tiles, 0);
  l.tileWidth = std::max(tileWidth, 1);
  l.tileHeight = std::max(tileHeight, 1);
  l.spacing = std::max(spacing, 0);
  if (columns <= 0) columns = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(std::max(l.tiles, 1)))));
  l.columns = std::max(1, std::min(columns, std::max(l.tiles, 1)));
  l.rows = (l.tiles + l.columns - 1) / l.columns;
  return l;
}

QSize FilterGridLayout::pixelSize() const {
  return QSize(columns * (tileWidth + spacing) + spacing, std::max(rows, 1) * (tileHeight + spacing) + spacing);
}

QRect FilterGridLayout::tileRect(int tile) const {
  const int c = tile % columns, r = tile / columns;
  return QRect(spacing + c * (tileWidth + spacing), spacing + r * (tileHeight + spacing), tileWidth, tileHeight);
}

int FilterGridLayout::tileAt(QPoint p) const {
  if (p.x() < spacing || p.y() < spacing) return -1;
  const int px = p.x() - spacing, py = p.y() - spacing;
  const int c = px / (tileWidth + spacing), r = py / (tileHeight + spacing);
  if (px % (tileWidth + spacing) >= tileWidth || py % (tileHeight + spacing) >= tileHeight) return -1;
  if (c >= columns || r >= rows) return -1;
  const int tile = r * columns + c;
  return tile < tiles ? tile : -1;
}

std::vector<float> filterScales(const Matrix& filters, bool perFilter) {
  std::vector<float> scales(static_cast<std::size_t>(filters.cols()), 1.0f);
  if (filters.size() == 0) return scales;
  const RowVector maxAbs = filters.cwiseAbs().colwise().maxCoeff();
  const float global = maxAbs.maxCoeff();
  for (Eigen::Index j = 0; j < filters.cols(); ++j) {
    float s = perFilter ? maxAbs[j] : global;
    if (!(s > 0.0f) || !std::isfinite(s)) s = 1.0f;
    scales[static_cast<std::size_t>(j)] = s;
  }
  return scales;
}

std::vector<float> filterNorms(const Matrix& filters) {
  std::vector<float> norms(static_cast<std::size_t>(filters.cols()), 0.0f);
  if (filters.size() == 0) return norms;
  const RowVector n = filters.colwise().norm();
  for (Eigen::Index j = 0; j < n.size(); ++j) norms[static_cast<std::size_t>(j)] = n[j];
  return norms;
}

QImage renderFilterGrid(const Matrix& filters, int tileWidth, int tileHeight, const FilterGridOptions& options) {
  if (filters.rows() != static_cast<Eigen::Index>(tileWidth) * tileHeight)
    throw Error("filter grid: filters have " + std::to_string(filters.rows()) + " inputs but tiles are " +
                std::to_string(tileWidth) + "×" + std::to_string(tileHeight));
  const int units = static_cast<int>(filters.cols());
  const FilterGridLayout layout = FilterGridLayout::make(units, tileWidth, tileHeight, options.columns, options.spacing);
  QImage image(layout.pixelSize(), QImage::Format_RGB32);
  image.fill(options.background);
  const std::vector<float> scales = filterScales(filters, options.perFilterNormalisation);
  for (int j = 0; j < units; ++j) {
    const QRect r = layout.tileRect(j);
    const float k = options.contrast / scales[static_cast<std::size_t>(j)];
    for (int y = 0; y < tileHeight; ++y) {
      auto* line = reinterpret_cast<QRgb*>(image.scanLine(r.top() + y));
      for (int x = 0; x < tileWidth; ++x) line[r.left() + x] = divergingRgb(filters(y * tileWidth + x, j) * k);
    }
  }
  return image;
}

Matrix projectedFilters(const BoltzmannMachine& m, int layer) {
  if (layer < 1 || layer >= m.layerCount())
    throw Error("filters: layer " + std::to_string(layer) + " does not exist (hidden layers are 1…" +
                std::to_string(m.layerCount() - 1) + ")");
  Matrix p = m.W[0];
  for (int l = 1; l < layer; ++l) p = (p * m.W[static_cast<std::size_t>(l)]).eval();
  return p;
}

QImage renderImageGrid(const Matrix& images, int tileWidth, int tileHeight, int columns, int spacing,
                       const QColor& background) {
  if (images.cols() != static_cast<Eigen::Index>(tileWidth) * tileHeight)
    throw Error("image grid: images have " + std::to_string(images.cols()) + " pixels but tiles are " +
                std::to_string(tileWidth) + "×" + std::to_string(tileHeight));
  const int n = static_cast<int>(images.rows());
  const FilterGridLayout layout = FilterGridLayout::make(n, tileWidth, tileHeight, columns, spacing);
  QImage image(layout.pixelSize(), QImage::Format_RGB32);
  image.fill(background);
  for (int i = 0; i < n; ++i) {
    const QRect r = layout.tileRect(i);
    for (int y = 0; y < tileHeight; ++y) {
      auto* line = reinterpret_cast<QRgb*>(image.scanLine(r.top() + y));
      for (int x = 0; x < tileWidth; ++x) line[r.left() + x] = greyRgb(images(i, y * tileWidth + x));
    }
  }
  return image;
}

void paintFilterFigure(QPainter& painter, const QRectF& rect, const QImage& grid, const QString& title,
                       const FilterGridOptions& options) {
  painter.save();
  QFont titleFont = painter.font();
  titleFont.setPointSizeF(12);
  titleFont.setBold(true);
  QFont labelFont = painter.font();
  labelFont.setPointSizeF(9);
  const double margin = 12;
  const double titleHeight = QFontMetricsF(titleFont).height() + 6;
  const double barHeight = 12, barLabelHeight = QFontMetricsF(labelFont).height() + 4;
  painter.setPen(QColor(30, 30, 30));
  painter.setFont(titleFont);
  const QRectF titleRect(rect.left() + margin, rect.top() + margin, rect.width() - 2 * margin, titleHeight);
  painter.drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter, title);

  // Grid area, aspect kept, nearest neighbour.
  const QRectF gridArea(rect.left() + margin, titleRect.bottom() + 4, rect.width() - 2 * margin,
                        rect.height() - titleHeight - 3 * margin - barHeight - barLabelHeight - 4);
  if (!grid.isNull() && gridArea.width() > 0 && gridArea.height() > 0) {
    const QSizeF fitted = QSizeF(grid.size()).scaled(gridArea.size(), Qt::KeepAspectRatio);
    const QRectF target(gridArea.center().x() - fitted.width() / 2, gridArea.top(), fitted.width(), fitted.height());
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    painter.drawImage(target, grid);
  }

  // Colour bar.
  const double barWidth = std::min(320.0, rect.width() - 2 * margin);
  const QRectF bar(rect.center().x() - barWidth / 2, rect.bottom() - margin - barLabelHeight - barHeight, barWidth,
                   barHeight);
  QLinearGradient gradient(bar.topLeft(), bar.topRight());
  const auto& stops = divergingStops();
  for (int i = 0; i < 5; ++i)
    gradient.setColorAt(i / 4.0, QColor::fromRgbF(stops[static_cast<std::size_t>(i)].r,
                                                  stops[static_cast<std::size_t>(i)].g,
                                                  stops[static_cast<std::size_t>(i)].b));
  painter.setPen(QPen(QColor(90, 90, 90), 0.8));
  painter.setBrush(gradient);
  painter.drawRect(bar);
  painter.setFont(labelFont);
  painter.setPen(QColor(40, 40, 40));
  const QString scale = options.perFilterNormalisation ? QStringLiteral("max|w| of each filter")
                                                       : QStringLiteral("max|w| of all filters");
  const QString contrast =
      options.contrast == 1.0f ? QString() : QStringLiteral(" / %1").arg(static_cast<double>(options.contrast), 0, 'g', 3);
  const QRectF labels(bar.left() - 60, bar.bottom() + 2, bar.width() + 120, barLabelHeight);
  painter.drawText(labels, Qt::AlignLeft | Qt::AlignTop, QStringLiteral("−") + scale.left(6) + contrast);
  painter.drawText(labels, Qt::AlignHCenter | Qt::AlignTop, QStringLiteral("0   (scale: %1)").arg(scale));
  painter.drawText(labels, Qt::AlignRight | Qt::AlignTop, QStringLiteral("+") + scale.left(6) + contrast);
  painter.restore();
}

}  // namespace vpf
