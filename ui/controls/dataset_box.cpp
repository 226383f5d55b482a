#include "ui/controls/dataset_box.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include "ui/shell/dataset_source.h"

namespace vpf {

namespace {
const QString kOpenItem = QStringLiteral("__open__");
}

DatasetBox::DatasetBox(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("datasetBox"));
  m_combo = new QComboBox;
  m_combo->addItem(QStringLiteral("MNIST"), QStringLiteral("mnist"));
  m_combo->addItem(QStringLiteral("Fashion-MNIST"), QStringLiteral("fashion"));
  m_combo->insertSeparator(m_combo->count());
  m_combo->addItem(style()->standardIcon(QStyle::SP_DialogOpenButton), tr("Open IDX files…"), kOpenItem);
  m_combo->setToolTip(tr("The data set to train on."));
  auto* open = new QToolButton;
  open->setIcon(style()->standardIcon(QStyle::SP_DialogOpenButton));
  open->setToolTip(tr("Open any IDX image file (and its label file)."));
  m_summary = new QLabel(tr("No data set loaded."));
  m_summary->setWordWrap(true);
  m_summary->setStyleSheet(QStringLiteral("color: palette(dark);"));

  auto* box = new QGroupBox(tr("Data"));
  auto* row = new QHBoxLayout;
  row->addWidget(m_combo, 1);
  row->addWidget(open);
  auto* inner = new QVBoxLayout(box);
  inner->addLayout(row);
  inner->addWidget(m_summary);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(box);

  connect(m_combo, &QComboBox::activated, this, &DatasetBox::activated);
  connect(open, &QToolButton::clicked, this, &DatasetBox::openFilesRequested);
}

void DatasetBox::setCurrent(const QString& spec, const QString& summary) {
  m_current = spec;
  int index = m_combo->findData(spec);
  if (index < 0) {
    index = m_combo->count() - 2;  // before the separator and "Open…"
    m_combo->insertItem(index, datasetTitle(spec), spec);
    m_combo->setItemData(index, spec.startsWith(QStringLiteral("idx:")) ? spec.mid(4) : spec, Qt::ToolTipRole);
  }
  m_combo->setCurrentIndex(index);
  m_summary->setText(summary);
}

QString DatasetBox::currentSpec() const { return m_current; }

void DatasetBox::activated(int index) {
  const QString spec = m_combo->itemData(index).toString();
  if (spec == kOpenItem) {
    // Show the current data set again and let the window open a file dialog.
    const int current = m_combo->findData(m_current);
    if (current >= 0) m_combo->setCurrentIndex(current);
    emit openFilesRequested();
    return;
  }
  if (spec != m_current) emit datasetRequested(spec);
}

}  // namespace vpf
