#pragma once
// "Export all figures": every view's figures (PNG, SVG, PDF) and data (CSV) into one folder, plus
// a short index.md listing the files under each view's title.
#include <QString>
#include <QStringList>
#include <functional>
#include <vector>

#include "figures/figure_export.h"

namespace vpf {

struct ExportItem {
  QString title;  // section heading in index.md
  std::function<QStringList(const QString& folder, const FigureSize& size)> run;  // throws vpf::Error
};

struct ExportAllResult {
  QStringList files;     // everything written, index.md last
  QStringList failures;  // "title: message" for items that failed (the others are still written)
};

/// Runs every item (a failing one does not stop the others) and writes <folder>/index.md.
/// `description` is a line under the heading (model, data set, epochs). Throws vpf::Error only
/// when the folder cannot be created or the index cannot be written.
ExportAllResult exportAllFigures(const std::vector<ExportItem>& items, const QString& folder, const FigureSize& size,
                                 const QString& description);

}  // namespace vpf
