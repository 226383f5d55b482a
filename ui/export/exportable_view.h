#pragma once
// A view that can export its figure(s) (PNG/SVG/PDF at a chosen size and resolution) and its data
// (CSV). Exports go through the CPU paths of figures/, so they work without OpenGL.
#include <QString>
#include <QStringList>

#include "figures/figure_export.h"

namespace vpf {

class ExportableView {
 public:
  virtual ~ExportableView() = default;
  /// File-name stem, e.g. "filters".
  virtual QString exportBaseName() const = 0;
  /// Title for dialogs and the index of "Export all figures".
  virtual QString exportTitle() const = 0;
  virtual FigureSize defaultFigureSize() const { return {}; }
  /// The main figure of the view; the format follows the suffix. Throws vpf::Error.
  virtual void exportFigure(const QString& path, const FigureSize& size) = 0;
  /// The view's data as CSV. Throws vpf::Error.
  virtual void exportCsv(const QString& path) = 0;
  /// Every figure (all formats) and CSV of the view in `folder`; returns the written paths.
  /// Default: <base>.png/.svg/.pdf and <base>.csv. Throws vpf::Error.
  virtual QStringList exportAll(const QString& folder, const FigureSize& size);
};

}  // namespace vpf
