#pragma once
// Filter grids (paper Fig. 2): the incoming weights of every hidden unit shown as an image tile,
// on the CPU. The OpenGL filter view (ui/gl) uses the same layout, scales and colormap, so an
// export (which goes through this file) looks like the screen and works headless.
#include <QColor>
#include <QImage>
#include <QPoint>
#include <QRect>
#include <QSize>
#include <QString>
#include <vector>

#include "figures/colormap.h"
#include "core/common/types.h"
#include "core/model/boltzmann_machine.h"

class QPainter;
class QRectF;

namespace vpf {

/// Tiles of tileWidth × tileHeight pixels, `columns` per row, `spacing` background pixels between
/// tiles and around the border. Tile i is at column i % columns, row i / columns.
struct FilterGridLayout {
  int tiles = 0, columns = 1, rows = 0;
  int tileWidth = 28, tileHeight = 28, spacing = 1;

  /// `columns` ≤ 0 chooses a near-square grid.
  static FilterGridLayout make(int tiles, int tileWidth, int tileHeight, int columns = 0, int spacing = 1);
  QSize pixelSize() const;
  QRect tileRect(int tile) const;
  /// The tile containing the atlas pixel `p`, or −1 (spacing or outside).
  int tileAt(QPoint p) const;
};

struct FilterGridOptions {
  int columns = 0;                  // ≤ 0: near-square
  int spacing = 1;                  // background pixels between tiles
  float contrast = 1.0f;            // normalised value × contrast, saturating at ±1
  bool perFilterNormalisation = true;  // each tile scaled by its own max |w|, else one global max
  FilterColormap colormap = FilterColormap::Diverging;
  QColor background = QColor(48, 48, 52);
};

/// `filters`: n_in × units; column j holds unit j's incoming weights as a tileHeight × tileWidth
/// image in row-major order (n_in = tileWidth · tileHeight).
/// Scale per column = max |w| (per-filter) or the global max |w| for every column; never 0.
std::vector<float> filterScales(const Matrix& filters, bool perFilter);
/// Euclidean norm of each column.
std::vector<float> filterNorms(const Matrix& filters);

/// The grid as an RGB image of layout.pixelSize(); colour = filterRgb(w / scale · contrast, colormap).
QImage renderFilterGrid(const Matrix& filters, int tileWidth, int tileHeight, const FilterGridOptions& options = {});

/// Greyscale grid of images (rows of `images`, N × tileWidth·tileHeight, values in [0,1]).
QImage renderImageGrid(const Matrix& images, int tileWidth, int tileHeight, int columns = 0, int spacing = 1,
                       const QColor& background = QColor(48, 48, 52));

/// The image enlarged by an integer factor (nearest neighbour) so that it covers at least twice
/// `target` logical pixels: drawn into vector output (PDF/SVG) its pixels stay sharp even where the
/// viewer interpolates embedded images. At most 8×.
QImage pixelatedForPrint(const QImage& image, const QSizeF& target);

/// A publication figure of a filter grid: title, the grid image (nearest-neighbour) and a colour
/// bar explaining the normalisation. Draws into `rect` (logical pixels).
void paintFilterFigure(QPainter& painter, const QRectF& rect, const QImage& grid, const QString& title,
                       const FilterGridOptions& options);

}  // namespace vpf
