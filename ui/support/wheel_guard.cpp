#include "ui/support/wheel_guard.h"

#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QEvent>
#include <QScrollBar>

namespace vpf {

bool takesWheelValue(const QObject* object) {
  if (qobject_cast<const QScrollBar*>(object)) return false;  // a scroll bar is for the wheel
  return qobject_cast<const QAbstractSpinBox*>(object) || qobject_cast<const QComboBox*>(object) ||
         qobject_cast<const QAbstractSlider*>(object);
}

bool WheelGuard::eventFilter(QObject* watched, QEvent* event) {
  if (!takesWheelValue(watched)) return false;
  auto* widget = static_cast<QWidget*>(watched);
  if (event->type() == QEvent::Polish && (widget->focusPolicy() & Qt::WheelFocus) == Qt::WheelFocus) {
    widget->setFocusPolicy(Qt::StrongFocus);  // the wheel must not give them focus either
  } else if (event->type() == QEvent::Wheel && !widget->hasFocus()) {
    // Not delivered to the field, and ignored: QApplication passes it on to the parents, so the
    // enclosing scroll area scrolls.
    event->ignore();
    return true;
  }
  return false;
}

}  // namespace vpf
