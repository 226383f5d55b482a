#include "ui/support/refusal_stack.h"

#include <QLabel>

namespace vpf {

RefusalStack::RefusalStack(QWidget* content, QWidget* parent) : QStackedWidget(parent), m_refusal(new QLabel) {
  m_refusal->setObjectName(QStringLiteral("refusal"));
  m_refusal->setAlignment(Qt::AlignCenter);
  m_refusal->setWordWrap(true);
  QFont big = m_refusal->font();
  big.setPointSizeF(big.pointSizeF() * 1.3);
  m_refusal->setFont(big);
  addWidget(m_refusal);
  addWidget(content);
}

void RefusalStack::setRefusal(const QString& reason) {
  m_refusal->setText(reason);
  setCurrentIndex(reason.isEmpty() ? 1 : 0);
}

}  // namespace vpf
