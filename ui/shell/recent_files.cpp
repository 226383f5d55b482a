#include "ui/shell/recent_files.h"

#include <QAction>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

#include "ui/shell/dataset_source.h"

namespace vpf {

namespace {
QString key(RecentFiles::Kind kind, const QString& value) {
  return (kind == RecentFiles::Kind::Model ? QStringLiteral("model:") : QStringLiteral("dataset:")) + value;
}
}  // namespace

RecentFiles::RecentFiles(QMenu* menu, QObject* parent) : QObject(parent), m_menu(menu) { rebuild(); }

void RecentFiles::add(Kind kind, const QString& value) {
  const QString k = key(kind, value);
  m_entries.removeAll(k);
  m_entries.prepend(k);
  while (m_entries.size() > kMax) m_entries.removeLast();
  save();
  rebuild();
}

void RecentFiles::remove(Kind kind, const QString& value) {
  m_entries.removeAll(key(kind, value));
  save();
  rebuild();
}

void RecentFiles::load() {
  m_entries = QSettings().value(QStringLiteral("recentFiles")).toStringList();
  rebuild();
}

void RecentFiles::clear() {
  m_entries.clear();
  save();
  rebuild();
}

void RecentFiles::save() const { QSettings().setValue(QStringLiteral("recentFiles"), m_entries); }

void RecentFiles::rebuild() {
  m_menu->clear();
  int index = 1;
  for (const QString& entry : m_entries) {
    const bool model = entry.startsWith(QStringLiteral("model:"));
    const QString value = entry.section(QLatin1Char(':'), 1);
    const QString label = model ? tr("Model: %1").arg(QFileInfo(value).fileName())
                                : tr("Data: %1").arg(datasetTitle(value));
    QAction* action = m_menu->addAction(QStringLiteral("&%1  %2").arg(index % 10).arg(label));
    action->setToolTip(value);
    action->setStatusTip(value);
    connect(action, &QAction::triggered, this, [this, model, value] {
      if (model) emit modelRequested(value);
      else emit datasetRequested(value);
    }, Qt::QueuedConnection);  // handlers rebuild this menu: never delete the sender inside its signal
    ++index;
  }
  if (m_entries.isEmpty()) {
    m_menu->addAction(tr("(none)"))->setEnabled(false);
  } else {
    m_menu->addSeparator();
    connect(m_menu->addAction(tr("Clear list")), &QAction::triggered, this, &RecentFiles::clear, Qt::QueuedConnection);
  }
}

}  // namespace vpf
