#include "ui/support/flow_layout.h"

#include <QStyle>
#include <QWidget>
#include <algorithm>
#include <vector>

namespace vpf {

FlowLayout::FlowLayout(QWidget* parent) : QLayout(parent) {}

FlowLayout::~FlowLayout() {
  while (QLayoutItem* item = takeAt(0)) delete item;
}

void FlowLayout::addItem(QLayoutItem* item) { m_items.append(item); }

QLayoutItem* FlowLayout::takeAt(int index) {
  if (index < 0 || index >= m_items.size()) return nullptr;
  return m_items.takeAt(index);
}

int FlowLayout::gap(QStyle::PixelMetric metric) const {
  if (spacing() >= 0) return spacing();
  const QWidget* w = parentWidget();
  const int g = w ? w->style()->pixelMetric(metric, nullptr, w) : -1;
  return g >= 0 ? g : 6;
}

int FlowLayout::heightForWidth(int width) const { return arrange(QRect(0, 0, width, 0), false); }

QSize FlowLayout::minimumSize() const {
  QSize size;
  for (const QLayoutItem* item : m_items)
    if (!item->isEmpty()) size = size.expandedTo(item->minimumSize());
  const QMargins m = contentsMargins();
  return size + QSize(m.left() + m.right(), m.top() + m.bottom());
}

QSize FlowLayout::sizeHint() const {
  int width = 0, height = 0, shown = 0;
  for (const QLayoutItem* item : m_items) {
    if (item->isEmpty()) continue;
    const QSize hint = item->sizeHint();
    width += hint.width();
    height = std::max(height, hint.height());
    ++shown;
  }
  if (shown > 1) width += (shown - 1) * gap(QStyle::PM_LayoutHorizontalSpacing);
  const QMargins m = contentsMargins();
  return QSize(width + m.left() + m.right(), height + m.top() + m.bottom());
}

void FlowLayout::setGeometry(const QRect& rect) {
  QLayout::setGeometry(rect);
  arrange(rect, true);
}

int FlowLayout::arrange(const QRect& rect, bool place) const {
  const QMargins m = contentsMargins();
  const QRect area = rect.marginsRemoved(m);
  const int gapX = gap(QStyle::PM_LayoutHorizontalSpacing), gapY = gap(QStyle::PM_LayoutVerticalSpacing);
  int y = area.y(), usedHeight = 0;
  std::vector<QLayoutItem*> line;
  int lineWidth = 0, lineHeight = 0;
  auto finishLine = [&] {
    if (line.empty()) return;
    if (place) {
      int x = area.x();
      for (QLayoutItem* item : line) {
        const QSize hint = item->sizeHint().boundedTo(QSize(area.width(), QWIDGETSIZE_MAX));
        item->setGeometry(QRect(QPoint(x, y + (lineHeight - hint.height()) / 2), hint));
        x += hint.width() + gapX;
      }
    }
    usedHeight = y + lineHeight - area.y();
    y += lineHeight + gapY;
    line.clear();
    lineWidth = lineHeight = 0;
  };
  for (QLayoutItem* item : m_items) {
    if (item->isEmpty()) continue;
    const QSize hint = item->sizeHint();
    if (!line.empty() && lineWidth + gapX + hint.width() > area.width()) finishLine();
    lineWidth += (line.empty() ? 0 : gapX) + hint.width();
    lineHeight = std::max(lineHeight, hint.height());
    line.push_back(item);
  }
  finishLine();
  return usedHeight + m.top() + m.bottom();
}

}  // namespace vpf
