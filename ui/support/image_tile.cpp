#include "ui/support/image_tile.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

namespace vpf {

ImageTile::ImageTile(const QString& caption, QWidget* parent) : QWidget(parent), m_caption(caption) {
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ImageTile::setImage(const QImage& image) {
  const bool resized = image.size() != m_image.size();
  m_image = image;
  if (resized) updateGeometry();
  update();
}

void ImageTile::setCaption(const QString& caption) {
  m_caption = caption;
  update();
}

void ImageTile::setFooter(const QString& footer) {
  m_footer = footer;
  update();
}

void ImageTile::setHighlighted(bool on) {
  if (on == m_highlighted) return;
  m_highlighted = on;
  update();
}

void ImageTile::setPreferredScale(int scale) {
  m_preferredScale = std::max(1, scale);
  updateGeometry();
}

int ImageTile::captionHeight() const { return m_caption.isEmpty() ? 0 : fontMetrics().height() + 6; }
int ImageTile::footerHeight() const { return fontMetrics().height() + 6; }

QSize ImageTile::sizeHint() const {
  const QSize image = m_image.isNull() ? QSize(28, 28) : m_image.size();
  return QSize(std::max(image.width() * m_preferredScale, fontMetrics().horizontalAdvance(m_caption) + 8),
               image.height() * m_preferredScale + captionHeight() + footerHeight());
}

QSize ImageTile::minimumSizeHint() const {
  // Twice the image size for small images; large ones (grids, film strips) may shrink to ~200 px
  // so they never force the window wider than the screen.
  const QSize image = m_image.isNull() ? QSize(28, 28) : m_image.size();
  const double scale = std::min(2.0, 200.0 / std::max(image.width(), image.height()));
  return QSize(static_cast<int>(image.width() * scale),
               static_cast<int>(image.height() * scale) + captionHeight() + footerHeight());
}

QRect ImageTile::imageRect() const {
  if (m_image.isNull()) return {};
  const QRect area(0, captionHeight(), width(), height() - captionHeight() - footerHeight());
  double scale = std::min(area.width() / static_cast<double>(m_image.width()),
                          area.height() / static_cast<double>(m_image.height()));
  // Whole multiples keep pixels even; below 2× (large grids) a fractional scale uses the space.
  if (scale >= 2.0) scale = std::floor(scale);
  if (scale <= 0) return {};
  const QSize size(static_cast<int>(m_image.width() * scale), static_cast<int>(m_image.height() * scale));
  return QRect(area.left() + (area.width() - size.width()) / 2, area.top() + (area.height() - size.height()) / 2,
               size.width(), size.height());
}

QPoint ImageTile::widgetToImage(QPointF p) const {
  const QRect r = imageRect();
  if (r.isEmpty() || !QRectF(r).contains(p)) return QPoint(-1, -1);
  const int x = static_cast<int>((p.x() - r.left()) * m_image.width() / r.width());
  const int y = static_cast<int>((p.y() - r.top()) * m_image.height() / r.height());
  return QPoint(std::clamp(x, 0, m_image.width() - 1), std::clamp(y, 0, m_image.height() - 1));
}

void ImageTile::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  const QColor text = palette().color(QPalette::WindowText);
  painter.setPen(text);
  if (!m_caption.isEmpty()) {
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.drawText(QRect(0, 0, width(), captionHeight()), Qt::AlignHCenter | Qt::AlignVCenter, m_caption);
    painter.setFont(font());
  }
  const QRect r = imageRect();
  if (!r.isEmpty()) {
    painter.setRenderHint(QPainter::SmoothPixmapTransform, r.width() < m_image.width());  // else nearest
    painter.drawImage(r, m_image);
    paintOverlay(painter, r);
    if (m_highlighted) {
      painter.setPen(QPen(QColor(255, 170, 0), 3));
      painter.setBrush(Qt::NoBrush);
      painter.drawRect(r.adjusted(-2, -2, 1, 1));
    }
  }
  if (!m_footer.isEmpty()) {
    painter.setPen(text);
    painter.drawText(QRect(0, height() - footerHeight(), width(), footerHeight()), Qt::AlignCenter, m_footer);
  }
}

void ImageTile::paintOverlay(QPainter&, const QRect&) {}

}  // namespace vpf
