#pragma once
// The mouse wheel scrolls the panel under it instead of changing an unfocused field (issue 16,
// finding 4): spin boxes, combo boxes and sliders take the wheel only once clicked or tabbed into,
// as in Qt Creator's settings pages. Installed once on the application (MainWindow does).
#include <QObject>

namespace vpf {

class WheelGuard : public QObject {
  Q_OBJECT
 public:
  using QObject::QObject;

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
};

/// True for the widgets whose value the wheel changes: QAbstractSpinBox, QComboBox and QAbstractSlider
/// except QScrollBar.
bool takesWheelValue(const QObject* object);

}  // namespace vpf
