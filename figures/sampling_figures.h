#pragma once
// The sampling figures, built from plain data (images, numbers, text; no widgets) and drawn the
// same way by the sampling tabs' exports and by `vpf repro`: the reconstruction strip of one test
// image with its Table 1 lines (Reconstruct tab; paper Fig. 4, Table 1), grids of confabulations
// side by side with their Parzen estimates (Confabulate tab; paper Figs. 5–6), the image grids of
// `vpf repro` (Figs. 4–6, one grid under a title), and the Gibbs-chain frames (every layer's
// probabilities and sample, plus a film strip of visible samples). Pixels stay crisp in every
// format (pixelatedForPrint). Saved through savePainted (figures/figure_export.h).
#include <QImage>
#include <QString>
#include <QStringList>
#include <vector>

#include "core/common/types.h"
#include "figures/figure_export.h"

class QPainter;
class QRectF;

namespace vpf {

struct CaptionedImage {
  QImage image;
  QString caption;  // above the image; may be empty
};

/// Images side by side (scaled alike to fit, centred in equal cells) under an optional bold
/// title, each under its caption, with note lines right under the images.
struct ImageStripFigure {
  QString title;
  std::vector<CaptionedImage> images;
  QStringList notes;
};

void paintImageStrip(QPainter& painter, const QRectF& rect, const ImageStripFigure& figure);
/// The size that shows the images at an integer scale about `imageExtent` logical pixels across
/// (their larger side), for figures whose size follows their content (`vpf repro`).
FigureSize naturalImageStripSize(const ImageStripFigure& figure, double imageExtent = 560, double dpi = 150);

/// One row of paper Table 1: mean ± standard deviation of the L1 error for a corruption pattern.
struct Table1Line {
  QString pattern;
  double mean = 0, stddev = 0;
  int images = 0;
};

/// The Reconstruct tab's figure: original, corrupted (the chain's start), reconstruction p(v|h)
/// and the error heatmap of one `rows` × `cols` test image, the chain settings as `note`, and
/// the Table 1 evaluation when there is one.
ImageStripFigure reconstructionStrip(const RowVector& original, const RowVector& corrupted,
                                     const RowVector& reconstruction, const RowVector& error, int rows, int cols,
                                     const QString& note, const std::vector<Table1Line>& table1);

/// A grid of images (one per row of `images`, each `rows` × `cols`, values in [0,1]); null for
/// no images. The confabulation grids of the Confabulate tab and of `vpf repro`.
QImage sampleGrid(const Matrix& images, int rows, int cols, int columns = 0);

/// Every layer of a Gibbs chain: probabilities above the sample (the visible layer as an image,
/// hidden layers as near-square tiles), then a film strip of the last visible samples.
struct ChainFramesFigure {
  QString title;
  QStringList layerNames;  // "v", "h1", …
  std::vector<QImage> probabilities, samples;
  QImage film;  // may be null
  QString filmCaption;
};

/// The images of `probabilities` and `samples` (one 1 × n_l row per layer) for a chain figure.
ChainFramesFigure chainFrames(const QString& title, const std::vector<RowVector>& probabilities,
                              const std::vector<RowVector>& samples, int rows, int cols, const QImage& film,
                              const QString& filmCaption);
void paintChainFrames(QPainter& painter, const QRectF& rect, const ChainFramesFigure& figure);

}  // namespace vpf
