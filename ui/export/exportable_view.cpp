#include "ui/export/exportable_view.h"

#include <QDir>

namespace vpf {

QStringList ExportableView::exportAll(const QString& folder, const FigureSize& size) {
  QStringList written;
  const QDir dir(folder);
  for (const QString& suffix : figureFormatSuffixes()) {
    const QString path = dir.filePath(exportBaseName() + QLatin1Char('.') + suffix);
    exportFigure(path, size);
    written << path;
  }
  const QString csv = dir.filePath(exportBaseName() + QStringLiteral(".csv"));
  exportCsv(csv);
  written << csv;
  return written;
}

}  // namespace vpf
