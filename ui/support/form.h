#pragma once
// Building blocks for the panels' control rows, so each control is one line: spin boxes with
// range, value and object name (tests find controls by object name), push buttons and combo
// boxes with object name and tool tip, and rows of controls and labels ("Samples", m_count,
// "seed", m_seed, …) that wrap onto further lines in a narrow window; status lines whose space is
// reserved.
#include <QString>
#include <QStringList>
#include <initializer_list>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLayout;
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

/// One entry of a row: a widget, or a label text (which names the widget after it).
class RowItem {
 public:
  RowItem(QWidget* widget) : m_widget(widget) {}
  RowItem(const QString& label) : m_label(label) {}
  RowItem(const char* label) : m_label(QString::fromUtf8(label)) {}
  QWidget* widget() const { return m_widget; }
  const QString& label() const { return m_label; }

 private:
  QWidget* m_widget = nullptr;
  QString m_label;
};

/// The items left to right in a FlowLayout (ui/support/flow_layout.h): they wrap onto the next line
/// when the panel is narrow. A label stays on one line with the widget after it (and is its buddy).
QLayout* row(std::initializer_list<RowItem> items);

}  // namespace vpf::form
