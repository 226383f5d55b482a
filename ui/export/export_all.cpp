#include "ui/export/export_all.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include "core/common/error.h"

namespace vpf {

ExportAllResult exportAllFigures(const std::vector<ExportItem>& items, const QString& folder, const FigureSize& size,
                                 const QString& description) {
  if (!QDir().mkpath(folder)) throw Error("cannot create the folder '" + folder.toStdString() + "'");
  ExportAllResult result;
  QString index = QStringLiteral("# VPF Lab figures\n\n");
  if (!description.isEmpty()) index += description + QStringLiteral("\n\n");
  index += QStringLiteral("Exported %1 at %2 × %3 px, %4 dpi.\n")
               .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")))
               .arg(size.width).arg(size.height).arg(size.dpi);
  const QDir dir(folder);
  for (const ExportItem& item : items) {
    index += QStringLiteral("\n## %1\n\n").arg(item.title);
    try {
      const QStringList files = item.run(folder, size);
      for (const QString& f : files) {
        const QString name = dir.relativeFilePath(f);
        index += QStringLiteral("- [%1](%2)\n").arg(name, QString(name).replace(QLatin1Char(' '), QStringLiteral("%20")));
      }
      result.files << files;
    } catch (const std::exception& e) {
      const QString message = QString::fromStdString(e.what());
      index += QStringLiteral("- not exported: %1\n").arg(message);
      result.failures << item.title + QStringLiteral(": ") + message;
    }
  }
  const QString indexPath = dir.filePath(QStringLiteral("index.md"));
  QSaveFile file(indexPath);
  const QByteArray bytes = index.toUtf8();
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
    throw Error("cannot write '" + indexPath.toStdString() + "': " + file.errorString().toStdString());
  result.files << indexPath;
  return result;
}

}  // namespace vpf
