#pragma once
// Saving figures (DESIGN §11): QCustomPlot plots, painter-drawn figures and raster images as
// PNG, SVG or PDF at a chosen size and resolution, plus CSV data. Shared by the GUI (vpflab) and
// the headless CLI (vpf, offscreen platform); no OpenGL. Every file is written atomically
// (QSaveFile), so a failed export never leaves a half-written file. Failures throw vpf::Error
// naming the path.
#include <QColor>
#include <QSize>
#include <QString>
#include <QStringList>
#include <functional>

class QCustomPlot;
class QImage;
class QPainter;
class QRectF;

namespace vpf {

class CsvWriter;

enum class FigureFormat { Png, Svg, Pdf };

/// The format named by the file suffix (.png/.svg/.pdf, any case); throws vpf::Error otherwise.
FigureFormat figureFormatFromPath(const QString& path);
/// "png", "svg", "pdf".
QString figureFormatSuffix(FigureFormat format);
/// {"png", "svg", "pdf"}, the formats every view exports.
QStringList figureFormatSuffixes();

/// Size of an exported figure in logical pixels (1/96 inch; fonts are sized as on screen) and the
/// PNG resolution. PNG: width·dpi/96 × height·dpi/96 pixels, dpi in the metadata. SVG/PDF: vector
/// output of width/96 × height/96 inches (raster content such as filter grids is embedded with
/// crisp, enlarged pixels — see pixelatedForPrint in filter_grid.h).
struct FigureSize {
  int width = 800;
  int height = 500;
  double dpi = 96;
  QSize pixelSize() const;  // the PNG size
};

/// Draws a figure into `rect` (logical pixels, origin top-left).
using PaintFunction = std::function<void(QPainter& painter, const QRectF& rect)>;

/// Saves a QCustomPlot (vector for SVG/PDF via QCustomPlot::toPainter). The plot's on-screen size
/// is not changed. Throws vpf::Error on failure.
void savePlot(QCustomPlot& plot, const QString& path, const FigureSize& size = {});
/// Saves a figure drawn by `paint` on a `background` page.
void savePainted(const PaintFunction& paint, const QString& path, const FigureSize& size,
                 const QColor& background = Qt::white);
/// Saves a raster image scaled (nearest neighbour, aspect kept, centred) into the figure.
void saveImage(const QImage& image, const QString& path, const FigureSize& size,
               const QColor& background = Qt::white);
/// Writes the image pixel for pixel (no page, no scaling) in the format its suffix names (.png,
/// .jpg, .bmp …), atomically: a failed write (disk full) keeps the previous file.
void saveImageFile(const QImage& image, const QString& path);
/// Saves CSV text atomically (header + rows). Throws vpf::Error naming the path.
void saveCsv(const CsvWriter& csv, const QString& path);

/// Saves the plot as <folder>/<baseName>.{png,svg,pdf}; returns the file names written.
QStringList savePlotAllFormats(QCustomPlot& plot, const QString& folder, const QString& baseName,
                               const FigureSize& size = {});
/// Same for a painter-drawn figure.
QStringList savePaintedAllFormats(const PaintFunction& paint, const QString& folder, const QString& baseName,
                                  const FigureSize& size, const QColor& background = Qt::white);

}  // namespace vpf
