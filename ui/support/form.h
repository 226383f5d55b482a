#pragma once
// Building blocks for the panels' control rows, so each control is one line: spin boxes with
// range, value and object name (tests find controls by object name), push buttons and combo
// boxes with object name and tool tip, and rows of controls and labels ("Samples", m_count,
// "seed", m_seed, …) that end in a stretch; status lines whose space is reserved.
#include <QString>
#include <QStringList>
#include <initializer_list>

class QComboBox;
class QDoubleSpinBox;
class QHBoxLayout;
class QLabel;
class QPushButton;
class QSpinBox;
class QWidget;

namespace vpf::form {

QSpinBox* spinBox(int lo, int hi, int value, const QString& objectName, const QString& toolTip = QString());
QDoubleSpinBox* doubleSpinBox(double lo, double hi, double value, int decimals, double step, const QString& objectName,
                              const QString& suffix = QString());
QPushButton* button(const QString& text, const QString& objectName = QString(), const QString& toolTip = QString());
QComboBox* comboBox(const QStringList& items, const QString& objectName, const QString& toolTip = QString());
/// A word-wrapped, selectable status text with the height of `lines` lines reserved from the start,
/// so a message appearing or growing never moves the controls around it (issue 16, finding 2).
QLabel* statusLabel(const QString& objectName, int lines, const QString& text = QString());

/// One entry of a row: a widget, a label text, or the stretch (form::stretch).
class RowItem {
 public:
  RowItem(QWidget* widget) : m_widget(widget) {}
  RowItem(const QString& label) : m_label(label) {}
  RowItem(const char* label) : m_label(QString::fromUtf8(label)) {}
  static RowItem stretch() {
    RowItem item(QString{});
    item.m_stretch = true;
    return item;
  }
  void addTo(QHBoxLayout* row) const;

 private:
  QWidget* m_widget = nullptr;
  QString m_label;
  bool m_stretch = false;
};

inline RowItem stretch() { return RowItem::stretch(); }

/// The items left to right; a stretch at the end unless the items hold one already.
QHBoxLayout* row(std::initializer_list<RowItem> items);

}  // namespace vpf::form
