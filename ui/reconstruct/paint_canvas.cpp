#include "ui/reconstruct/paint_canvas.h"

#include <QMouseEvent>
#include <QPainter>

namespace vpf {

namespace {
const QElapsedTimer& clock() {
  static QElapsedTimer timer = [] {
    QElapsedTimer t;
    t.start();
    return t;
  }();
  return timer;
}
}  // namespace

qint64 PaintCanvas::nowNs() { return clock().nsecsElapsed(); }

PaintCanvas::PaintCanvas(CorruptionEditor* editor, QWidget* parent) : ImageTile(QString(), parent), m_editor(editor) {
  setCursor(Qt::CrossCursor);
  setMouseTracking(false);
}

void PaintCanvas::setShowMask(bool on) {
  m_showMask = on;
  update();
}

void PaintCanvas::mousePressEvent(QMouseEvent* e) {
  const qint64 t = nowNs();
  if (e->button() != Qt::LeftButton) return;
  const QPoint p = widgetToImage(e->position());
  if (p.x() < 0) return;
  m_painting = true;
  m_editor->beginStroke();
  if (m_editor->strokeTo(p)) emit strokeChanged(t);
}

void PaintCanvas::mouseMoveEvent(QMouseEvent* e) {
  const qint64 t = nowNs();
  if (!m_painting) return;
  const QPoint p = widgetToImage(e->position());
  if (p.x() < 0) return;
  if (m_editor->strokeTo(p)) emit strokeChanged(t);
}

void PaintCanvas::mouseReleaseEvent(QMouseEvent* e) {
  if (e->button() != Qt::LeftButton || !m_painting) return;
  m_painting = false;
  m_editor->endStroke();
  emit strokeFinished();
}

void PaintCanvas::paintOverlay(QPainter& painter, const QRect& r) {
  if (!m_showMask) return;
  const RowVector& mask = m_editor->state().mask;
  const int rows = m_editor->rows(), cols = m_editor->cols();
  if (mask.size() != rows * cols || image().width() != cols || image().height() != rows) return;
  painter.setPen(Qt::NoPen);
  painter.setBrush(QColor(230, 40, 40, 90));
  const double sx = r.width() / static_cast<double>(cols), sy = r.height() / static_cast<double>(rows);
  for (int y = 0; y < rows; ++y)
    for (int x = 0; x < cols; ++x)
      if (mask[y * cols + x] > 0.5f) painter.drawRect(QRectF(r.left() + x * sx, r.top() + y * sy, sx, sy));
}

}  // namespace vpf
