#include "figures/sampling_figures.h"

#include <QFont>
#include <QFontMetricsF>
#include <QObject>
#include <QPainter>
#include <algorithm>
#include <cmath>

#include "figures/filter_grid.h"
#include "figures/pixel_images.h"

namespace vpf {

namespace {

constexpr double kMargin = 10, kTitleHeight = 26, kCaptionHeight = 20, kNoteHeight = 18;

QFont textFont() {
  QFont f;
  f.setPointSizeF(10);
  return f;
}

QFont titleFont() {
  QFont f;
  f.setPointSizeF(11);
  f.setBold(true);
  return f;
}

bool hasCaptions(const ImageStripFigure& figure) {
  return std::any_of(figure.images.begin(), figure.images.end(),
                     [](const CaptionedImage& i) { return !i.caption.isEmpty(); });
}

// The image scaled (aspect kept) into `cell`, centred horizontally, top aligned; returns its rect.
QRectF drawImageIn(QPainter& p, const QImage& image, const QRectF& cell) {
  if (image.isNull()) return {cell.topLeft(), QSizeF(0, 0)};
  const double scale = std::min(cell.width() / image.width(), cell.height() / image.height());
  const QRectF target(cell.left() + (cell.width() - image.width() * scale) / 2, cell.top(), image.width() * scale,
                      image.height() * scale);
  p.setRenderHint(QPainter::SmoothPixmapTransform, false);
  p.drawImage(target, pixelatedForPrint(image, target.size()));
  return target;
}

}  // namespace

void paintImageStrip(QPainter& p, const QRectF& rect, const ImageStripFigure& figure) {
  const double title = figure.title.isEmpty() ? 0 : kTitleHeight;
  const double caption = hasCaptions(figure) ? kCaptionHeight : 0;
  const double notes = figure.notes.isEmpty() ? 0 : 6 + kNoteHeight * figure.notes.size();
  p.setPen(QColor(30, 30, 30));
  if (!figure.title.isEmpty()) {
    p.setFont(titleFont());
    p.drawText(QRectF(rect.left() + kMargin, rect.top() + kMargin / 2, rect.width() - 2 * kMargin, title),
               Qt::AlignLeft | Qt::AlignVCenter, figure.title);
  }
  p.setFont(textFont());
  const int n = std::max<int>(1, static_cast<int>(figure.images.size()));
  const double cellWidth = (rect.width() - (n + 1) * kMargin) / n;
  const double top = rect.top() + kMargin / 2 + title + caption;
  const double cellHeight = rect.bottom() - top - notes - kMargin;
  double imagesBottom = top;
  for (int i = 0; i < static_cast<int>(figure.images.size()); ++i) {
    const CaptionedImage& item = figure.images[static_cast<std::size_t>(i)];
    const double x = rect.left() + kMargin + i * (cellWidth + kMargin);
    if (!item.caption.isEmpty())
      p.drawText(QRectF(x, top - caption, cellWidth, caption), Qt::AlignCenter, item.caption);
    imagesBottom = std::max(imagesBottom, drawImageIn(p, item.image, QRectF(x, top, cellWidth, cellHeight)).bottom());
  }
  double y = imagesBottom + 6;
  for (const QString& note : figure.notes) {
    p.drawText(QRectF(rect.left() + kMargin, y, rect.width() - 2 * kMargin, kNoteHeight), Qt::AlignLeft, note);
    y += kNoteHeight;
  }
}

FigureSize naturalImageStripSize(const ImageStripFigure& figure, double imageExtent, double dpi) {
  int widest = 1, tallest = 1;
  for (const CaptionedImage& i : figure.images) {
    widest = std::max(widest, i.image.width());
    tallest = std::max(tallest, i.image.height());
  }
  const double scale = std::max(1.0, std::floor(imageExtent / std::max(widest, tallest)));
  const int n = std::max<int>(1, static_cast<int>(figure.images.size()));
  const double titleWidth = QFontMetricsF(titleFont()).horizontalAdvance(figure.title) + 2 * kMargin;
  const double width = std::max(n * widest * scale + (n + 1) * kMargin, titleWidth);
  const double height = kMargin / 2 + (figure.title.isEmpty() ? 0 : kTitleHeight) +
                        (hasCaptions(figure) ? kCaptionHeight : 0) + tallest * scale +
                        (figure.notes.isEmpty() ? 0 : 6 + kNoteHeight * figure.notes.size()) + kMargin;
  return FigureSize{static_cast<int>(std::ceil(width)), static_cast<int>(std::ceil(height)), dpi};
}

ImageStripFigure reconstructionStrip(const RowVector& original, const RowVector& corrupted,
                                     const RowVector& reconstruction, const RowVector& error, int rows, int cols,
                                     const QString& note, const std::vector<Table1Line>& table1) {
  ImageStripFigure f;
  f.images = {{greyImage(original, rows, cols), QObject::tr("original")},
              {greyImage(corrupted, rows, cols), QObject::tr("corrupted (chain start)")},
              {greyImage(reconstruction, rows, cols), QObject::tr("reconstruction p(v|h)")},
              {heatImage(error, rows, cols), QObject::tr("error, L1 = %1").arg(error.sum(), 0, 'f', 2)}};
  f.notes << note;
  if (!table1.empty()) {
    f.notes << QObject::tr("Table 1 (mean L1 ± std over %1 test images):").arg(table1.front().images);
    for (const Table1Line& r : table1)
      f.notes << QStringLiteral("    %1: %2 ± %3").arg(r.pattern).arg(r.mean, 0, 'f', 2).arg(r.stddev, 0, 'f', 2);
  }
  return f;
}

QImage sampleGrid(const Matrix& images, int rows, int cols, int columns) {
  if (images.rows() == 0) return {};
  return renderImageGrid(images, cols, rows, columns, 1);
}

ChainFramesFigure chainFrames(const QString& title, const std::vector<RowVector>& probabilities,
                              const std::vector<RowVector>& samples, int rows, int cols, const QImage& film,
                              const QString& filmCaption) {
  ChainFramesFigure f;
  f.title = title;
  auto image = [rows, cols](const RowVector& values, std::size_t layer) {
    return layer == 0 ? greyImage(values, rows, cols) : layerImage(values);
  };
  for (std::size_t l = 0; l < samples.size() && l < probabilities.size(); ++l) {
    f.layerNames << (l == 0 ? QStringLiteral("v") : QStringLiteral("h%1").arg(l));
    f.probabilities.push_back(image(probabilities[l], l));
    f.samples.push_back(image(samples[l], l));
  }
  f.film = film;
  f.filmCaption = filmCaption;
  return f;
}

void paintChainFrames(QPainter& p, const QRectF& rect, const ChainFramesFigure& figure) {
  p.setFont(textFont());
  p.setPen(QColor(30, 30, 30));
  const double margin = kMargin, caption = kNoteHeight;
  p.drawText(QRectF(rect.left() + margin, rect.top() + margin, rect.width(), caption), Qt::AlignLeft, figure.title);
  const int n = std::max<int>(1, static_cast<int>(figure.probabilities.size()));
  const double filmHeight = figure.film.isNull() ? 0 : std::min(rect.height() * 0.25, 90.0);
  const double cell =
      std::min((rect.width() - (n + 1) * margin) / n, (rect.height() - 3 * caption - filmHeight - 5 * margin) / 2);
  for (int l = 0; l < static_cast<int>(figure.probabilities.size()); ++l) {
    const double x = rect.left() + margin + l * (cell + margin);
    for (int row = 0; row < 2; ++row) {
      const double y = rect.top() + margin + caption + row * (cell + caption + margin);
      p.drawText(QRectF(x, y, cell, caption), Qt::AlignCenter,
                 QStringLiteral("%1 %2").arg(figure.layerNames.value(l),
                                             row == 0 ? QObject::tr("probabilities") : QObject::tr("sample")));
      const auto& images = row == 0 ? figure.probabilities : figure.samples;
      drawImageIn(p, images[static_cast<std::size_t>(l)], QRectF(x, y + caption, cell, cell));
    }
  }
  if (!figure.film.isNull()) {
    const double y = rect.bottom() - filmHeight - margin;
    const double scale = std::min((rect.width() - 2 * margin) / figure.film.width(), filmHeight / figure.film.height());
    const QRectF target(rect.left() + margin, y, figure.film.width() * scale, figure.film.height() * scale);
    p.drawText(QRectF(rect.left() + margin, y - caption, rect.width(), caption), Qt::AlignLeft, figure.filmCaption);
    p.drawImage(target, pixelatedForPrint(figure.film, target.size()));
  }
}

}  // namespace vpf
