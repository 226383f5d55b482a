#include "ui/views/image_grid_widget.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

namespace vpf {

ImageGridWidget::ImageGridWidget(const QString& caption, QWidget* parent) : QWidget(parent), m_caption(caption) {
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ImageGridWidget::setImage(const QImage& image) {
  m_image = image;
  updateGeometry();
  update();
}

void ImageGridWidget::setCaption(const QString& caption) {
  m_caption = caption;
  update();
}

QSize ImageGridWidget::sizeHint() const {
  const int caption = fontMetrics().height() + 8;
  if (m_image.isNull()) return QSize(300, 300 + caption);
  return QSize(m_image.width() * 2, m_image.height() * 2 + caption);
}

QSize ImageGridWidget::minimumSizeHint() const { return QSize(160, 160); }

void ImageGridWidget::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  const int captionHeight = fontMetrics().height() + 8;
  painter.setPen(palette().color(QPalette::WindowText));
  QFont bold = font();
  bold.setBold(true);
  painter.setFont(bold);
  painter.drawText(QRect(0, 0, width(), captionHeight), Qt::AlignHCenter | Qt::AlignVCenter, m_caption);
  if (m_image.isNull()) return;
  const QRect area(0, captionHeight, width(), height() - captionHeight);
  double scale = std::min(area.width() / static_cast<double>(m_image.width()),
                          area.height() / static_cast<double>(m_image.height()));
  if (scale >= 1.0) scale = std::floor(scale);
  const QSize size(static_cast<int>(m_image.width() * scale), static_cast<int>(m_image.height() * scale));
  const QRect target(area.left() + (area.width() - size.width()) / 2, area.top(), size.width(), size.height());
  painter.setRenderHint(QPainter::SmoothPixmapTransform, scale < 1.0);
  painter.drawImage(target, m_image);
}

}  // namespace vpf
