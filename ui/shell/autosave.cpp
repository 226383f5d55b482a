#include "ui/shell/autosave.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include "core/io/atomic_file.h"

namespace vpf {

Autosave::Autosave(const QString& folder)
    : m_folder(folder.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) : folder) {}

QString Autosave::checkpointPath() const { return QDir(m_folder).filePath(QStringLiteral("autosave.npz")); }

QString Autosave::markerPath() const { return QDir(m_folder).filePath(QStringLiteral("session-running")); }

bool Autosave::hasRecoverableCheckpoint() const {
  if (!QFileInfo::exists(markerPath()) || QFileInfo(checkpointPath()).size() <= 0) return false;
  QFile marker(markerPath());
  if (marker.open(QIODevice::ReadOnly)) {
    // "pid N started …": another instance that is still running has not crashed.
    const QList<QByteArray> words = marker.readLine().split(' ');
    bool ok = false;
    const qint64 pid = words.size() >= 2 ? words[1].toLongLong(&ok) : 0;
    if (ok && pid > 0 && pid != QCoreApplication::applicationPid() &&
        QFileInfo::exists(QStringLiteral("/proc/%1").arg(pid)))
      return false;
  }
  return true;
}

void Autosave::beginSession() {
  QDir().mkpath(m_folder);
  // A session killed mid-autosave left its temp file; this session is now the autosave's writer.
  removeLeftoverTempFiles(checkpointPath().toStdString());
  QFile marker(markerPath());
  if (marker.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
    marker.write(QStringLiteral("pid %1 started %2\n")
                     .arg(QCoreApplication::applicationPid())
                     .arg(QDateTime::currentDateTime().toString(Qt::ISODate))
                     .toUtf8());
  }
}

void Autosave::endSession() { QFile::remove(markerPath()); }

void Autosave::discardCheckpoint() { QFile::remove(checkpointPath()); }

}  // namespace vpf
