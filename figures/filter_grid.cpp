#include "figures/filter_grid.h"

#include <QFontMetricsF>
#include <QLinearGradient>
#include <QPainter>
#include <QRectF>
#include <algorithm>
#include <cmath>

#include "figures/colormap.h"
#include "core/common/error.h"

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
      for (int x = 0; x < tileWidth; ++x)
        line[r.left() + x] = filterRgb(filters(y * tileWidth + x, j) * k, options.colormap);
    }
  }
  return image;
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

QImage pixelatedForPrint(const QImage& image, const QSizeF& target) {
  if (image.isNull() || image.width() <= 0) return image;
  const double need = std::max(2.0 * target.width() / image.width(), 2.0 * target.height() / image.height());
  const int factor = std::clamp(static_cast<int>(std::ceil(need)), 1, 8);
  if (factor == 1) return image;
  return image.scaled(image.size() * factor, Qt::IgnoreAspectRatio, Qt::FastTransformation);
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
    painter.drawImage(target, pixelatedForPrint(grid, target.size()));
  }

  // Colour bar with the value at each end and the normalisation below it.
  const double barWidth = std::min(320.0, rect.width() - 2 * margin);
  const QRectF bar(rect.center().x() - barWidth / 2, rect.bottom() - margin - barLabelHeight - barHeight, barWidth,
                   barHeight);
  QLinearGradient gradient(bar.topLeft(), bar.topRight());
  for (int i = 0; i <= 16; ++i) {
    const QRgb c = filterRgb(-1.0f + i / 8.0f, options.colormap);
    gradient.setColorAt(i / 16.0, QColor(c));
  }
  painter.setPen(QPen(QColor(90, 90, 90), 0.8));
  painter.setBrush(gradient);
  painter.drawRect(bar);
  painter.setFont(labelFont);
  painter.setPen(QColor(40, 40, 40));
  const QFontMetricsF fm(labelFont);
  const QString range = options.contrast == 1.0f
                            ? QStringLiteral("max|w|")
                            : QStringLiteral("max|w|/%1").arg(static_cast<double>(options.contrast), 0, 'g', 3);
  const QString lo = QStringLiteral("−") + range, hi = QStringLiteral("+") + range;
  painter.drawText(QRectF(bar.left() - fm.horizontalAdvance(lo) - 8, bar.top() - 3, fm.horizontalAdvance(lo) + 4,
                          barHeight + 6),
                   Qt::AlignRight | Qt::AlignVCenter, lo);
  painter.drawText(QRectF(bar.right() + 6, bar.top() - 3, fm.horizontalAdvance(hi) + 4, barHeight + 6),
                   Qt::AlignLeft | Qt::AlignVCenter, hi);
  const QString note = options.perFilterNormalisation ? QStringLiteral("0 in the middle; max|w| of each filter")
                                                      : QStringLiteral("0 in the middle; max|w| over all filters");
  painter.drawText(QRectF(rect.left(), bar.bottom() + 2, rect.width(), barLabelHeight), Qt::AlignHCenter | Qt::AlignTop,
                   note);
  painter.restore();
}

}  // namespace vpf
