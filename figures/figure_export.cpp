#include "figures/figure_export.h"

#include <qcustomplot.h>

#include <QBuffer>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QImageWriter>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <cmath>

#include "core/common/error.h"
#include "core/io/csv_writer.h"

namespace vpf {
namespace {

std::string str(const QString& s) { return s.toStdString(); }

void checkSize(const FigureSize& size, const QString& path) {
  if (size.width < 16 || size.height < 16 || size.width > 20000 || size.height > 20000)
    throw Error("cannot export '" + str(path) + "': figure size " + std::to_string(size.width) + "×" +
                std::to_string(size.height) + " is outside 16…20000");
  if (!(size.dpi >= 24 && size.dpi <= 1200))
    throw Error("cannot export '" + str(path) + "': resolution " + std::to_string(size.dpi) +
                " dpi is outside 24…1200");
  const QSize px = size.pixelSize();
  if (static_cast<double>(px.width()) * px.height() > 400e6)
    throw Error("cannot export '" + str(path) + "': the image would have more than 400 megapixels");
}

// Opens a QSaveFile for `path`, creating the folder if needed.
void openSaveFile(QSaveFile& file, const QString& path) {
  const QFileInfo info(path);
  if (!info.absoluteDir().exists() && !QDir().mkpath(info.absolutePath()))
    throw Error("cannot create the folder '" + str(info.absolutePath()) + "'");
  if (!file.open(QIODevice::WriteOnly))
    throw Error("cannot write '" + str(path) + "': " + str(file.errorString()));
}

void commit(QSaveFile& file, const QString& path) {
  if (!file.commit()) throw Error("cannot write '" + str(path) + "': " + str(file.errorString()));
}

// Renders `paint` to the format of `path`. `paint` draws in logical pixels in (0,0,w,h). The painter
// is always a QCPPainter (a QPainter with QCustomPlot's extra modes), so plots can draw into it.
void renderTo(const PaintFunction& paint, const QString& path, const FigureSize& size, const QColor& background) {
  checkSize(size, path);
  const FigureFormat format = figureFormatFromPath(path);
  const QRectF logical(0, 0, size.width, size.height);
  QSaveFile file(path);
  openSaveFile(file, path);
  switch (format) {
    case FigureFormat::Png: {
      // Fonts are sized for 96 dpi logical pixels (as on screen and in SVG/PDF); the painter scale
      // gives the resolution. The image's DPI metadata is set afterwards (setting it before would
      // scale point-sized fonts a second time).
      QImage image(size.pixelSize(), QImage::Format_ARGB32_Premultiplied);
      const int dotsPerMeter96 = static_cast<int>(std::lround(96.0 / 0.0254));
      image.setDotsPerMeterX(dotsPerMeter96);
      image.setDotsPerMeterY(dotsPerMeter96);
      image.fill(background);
      {
        QCPPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        painter.scale(size.dpi / 96.0, size.dpi / 96.0);
        paint(painter, logical);
      }
      image.setDotsPerMeterX(static_cast<int>(std::lround(size.dpi / 0.0254)));
      image.setDotsPerMeterY(static_cast<int>(std::lround(size.dpi / 0.0254)));
      if (!image.save(&file, "PNG")) throw Error("cannot encode PNG '" + str(path) + "'");
      break;
    }
    case FigureFormat::Svg: {
      QSvgGenerator generator;
      generator.setOutputDevice(&file);
      generator.setSize(QSize(size.width, size.height));
      generator.setViewBox(QRect(0, 0, size.width, size.height));
      generator.setResolution(96);
      generator.setTitle(QFileInfo(path).completeBaseName());
      generator.setDescription(QStringLiteral("VPF Lab figure"));
      QCPPainter painter;
      if (!painter.begin(&generator)) throw Error("cannot start SVG output for '" + str(path) + "'");
      painter.setMode(QCPPainter::pmVectorized);
      painter.setMode(QCPPainter::pmNoCaching);
      painter.fillRect(logical, background);
      paint(painter, logical);
      painter.end();
      break;
    }
    case FigureFormat::Pdf: {
      // Vector output in 96 dpi logical pixels (fonts in points resolve against this resolution,
      // like on screen); raster content (filter grids) is embedded at its own pixel size.
      QPdfWriter writer(&file);
      writer.setCreator(QStringLiteral("VPF Lab"));
      writer.setTitle(QFileInfo(path).completeBaseName());
      writer.setResolution(96);
      const QSizeF points(size.width * 72.0 / 96.0, size.height * 72.0 / 96.0);
      writer.setPageLayout(QPageLayout(QPageSize(points, QPageSize::Point, QString(), QPageSize::ExactMatch),
                                       QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
      QCPPainter painter;
      if (!painter.begin(&writer)) throw Error("cannot start PDF output for '" + str(path) + "'");
      painter.setMode(QCPPainter::pmVectorized);
      painter.setMode(QCPPainter::pmNoCaching);
      painter.fillRect(logical, background);
      paint(painter, logical);
      painter.end();
      break;
    }
  }
  commit(file, path);
}

}  // namespace

QSize FigureSize::pixelSize() const {
  return QSize(static_cast<int>(std::lround(width * dpi / 96.0)), static_cast<int>(std::lround(height * dpi / 96.0)));
}

FigureFormat figureFormatFromPath(const QString& path) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  if (suffix == QLatin1String("png")) return FigureFormat::Png;
  if (suffix == QLatin1String("svg")) return FigureFormat::Svg;
  if (suffix == QLatin1String("pdf")) return FigureFormat::Pdf;
  throw Error("cannot export '" + str(path) + "': unknown figure format '." + str(suffix) +
              "' (use .png, .svg or .pdf)");
}

QString figureFormatSuffix(FigureFormat format) {
  switch (format) {
    case FigureFormat::Png: return QStringLiteral("png");
    case FigureFormat::Svg: return QStringLiteral("svg");
    case FigureFormat::Pdf: return QStringLiteral("pdf");
  }
  return {};
}

QStringList figureFormatSuffixes() { return {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")}; }

void savePlot(QCustomPlot& plot, const QString& path, const FigureSize& size) {
  // QCustomPlot::toPainter lays the plot out for the requested size and restores its viewport, so
  // the on-screen plot is untouched. renderTo paints through a QCPPainter (see there).
  renderTo(
      [&plot, &size](QPainter& painter, const QRectF&) {
        plot.toPainter(static_cast<QCPPainter*>(&painter), size.width, size.height);
      },
      path, size, Qt::white);
}

void savePainted(const PaintFunction& paint, const QString& path, const FigureSize& size, const QColor& background) {
  renderTo(paint, path, size, background);
}

void saveImage(const QImage& image, const QString& path, const FigureSize& size, const QColor& background) {
  if (image.isNull()) throw Error("cannot export '" + str(path) + "': the image is empty");
  renderTo(
      [&image](QPainter& painter, const QRectF& rect) {
        const QSizeF fitted = QSizeF(image.size()).scaled(rect.size(), Qt::KeepAspectRatio);
        const QRectF target(rect.center().x() - fitted.width() / 2, rect.center().y() - fitted.height() / 2,
                            fitted.width(), fitted.height());
        painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
        painter.drawImage(target, image);
      },
      path, size, background);
}

void saveImageFile(const QImage& image, const QString& path) {
  if (image.isNull()) throw Error("cannot write '" + str(path) + "': the image is empty");
  const QByteArray format = QFileInfo(path).suffix().toLower().toLatin1();
  if (format.isEmpty() || !QImageWriter::supportedImageFormats().contains(format))
    throw Error("cannot write '" + str(path) + "': unknown image format (use .png)");
  QSaveFile file(path);
  openSaveFile(file, path);
  QImageWriter writer(&file, format);
  if (!writer.write(image)) throw Error("cannot write '" + str(path) + "': " + str(writer.errorString()));
  commit(file, path);
}

void saveCsv(const CsvWriter& csv, const QString& path) {
  QSaveFile file(path);
  openSaveFile(file, path);
  const std::string text = csv.text();
  if (file.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size()))
    throw Error("cannot write '" + str(path) + "': " + str(file.errorString()));
  commit(file, path);
}

QStringList savePlotAllFormats(QCustomPlot& plot, const QString& folder, const QString& baseName,
                               const FigureSize& size) {
  QStringList written;
  for (const QString& suffix : figureFormatSuffixes()) {
    const QString path = QDir(folder).filePath(baseName + QLatin1Char('.') + suffix);
    savePlot(plot, path, size);
    written << path;
  }
  return written;
}

QStringList savePaintedAllFormats(const PaintFunction& paint, const QString& folder, const QString& baseName,
                                  const FigureSize& size, const QColor& background) {
  QStringList written;
  for (const QString& suffix : figureFormatSuffixes()) {
    const QString path = QDir(folder).filePath(baseName + QLatin1Char('.') + suffix);
    savePainted(paint, path, size, background);
    written << path;
  }
  return written;
}

}  // namespace vpf
