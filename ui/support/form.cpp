#include "ui/support/form.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>

#include "ui/support/flow_layout.h"

namespace vpf::form {

QSpinBox* spinBox(int lo, int hi, int value, const QString& objectName, const QString& toolTip) {
  auto* s = new QSpinBox;
  s->setRange(lo, hi);
  s->setValue(value);
  s->setObjectName(objectName);
  if (!toolTip.isEmpty()) s->setToolTip(toolTip);
  return s;
}

QDoubleSpinBox* doubleSpinBox(double lo, double hi, double value, int decimals, double step, const QString& objectName,
                              const QString& suffix) {
  auto* s = new QDoubleSpinBox;
  s->setRange(lo, hi);
  s->setDecimals(decimals);  // before setValue: the value is rounded to the decimals
  s->setSingleStep(step);
  s->setValue(value);
  s->setSuffix(suffix);
  s->setObjectName(objectName);
  return s;
}

QPushButton* button(const QString& text, const QString& objectName, const QString& toolTip) {
  auto* b = new QPushButton(text);
  if (!objectName.isEmpty()) b->setObjectName(objectName);
  if (!toolTip.isEmpty()) b->setToolTip(toolTip);
  return b;
}

namespace {

// A word-wrapped QLabel with text reports height-for-width, which switches the layouts above it
// into height-for-width mode: the group holding it jumped to its full size hint (measured: the
// Reconstruct tab's Cancel button moved 92 px up) the moment a status text appeared. Its height is
// fixed, so it has none to report.
class FixedHeightLabel : public QLabel {
 public:
  using QLabel::QLabel;
  bool hasHeightForWidth() const override { return false; }
};

}  // namespace

QLabel* statusLabel(const QString& objectName, int lines, const QString& text) {
  QLabel* l = new FixedHeightLabel(text);
  l->setObjectName(objectName);
  l->setWordWrap(true);
  l->setAlignment(Qt::AlignLeft | Qt::AlignTop);
  l->setTextInteractionFlags(Qt::TextSelectableByMouse);
  l->setFixedHeight(lines * l->fontMetrics().lineSpacing() + 2 * l->margin() + 2);
  return l;
}

QComboBox* comboBox(const QStringList& items, const QString& objectName, const QString& toolTip) {
  auto* c = new QComboBox;
  c->addItems(items);
  c->setObjectName(objectName);
  if (!toolTip.isEmpty()) c->setToolTip(toolTip);
  return c;
}

QLayout* row(std::initializer_list<RowItem> items) {
  auto* layout = new FlowLayout;
  layout->setContentsMargins(0, 0, 0, 0);
  QLabel* pendingLabel = nullptr;  // a label waits for the widget it names
  for (const RowItem& item : items) {
    if (!item.widget()) {
      if (pendingLabel) layout->addWidget(pendingLabel);
      pendingLabel = new QLabel(item.label());
      continue;
    }
    if (!pendingLabel) {
      layout->addWidget(item.widget());
      continue;
    }
    // Label and widget wrap as one.
    auto* pair = new QWidget;
    auto* h = new QHBoxLayout(pair);
    h->setContentsMargins(0, 0, 0, 0);
    h->addWidget(pendingLabel);
    h->addWidget(item.widget());
    pendingLabel->setBuddy(item.widget());
    layout->addWidget(pair);
    pendingLabel = nullptr;
  }
  if (pendingLabel) layout->addWidget(pendingLabel);
  return layout;
}

}  // namespace vpf::form
