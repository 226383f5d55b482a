#pragma once
// The diverging colormap of filter images: negative weights blue, zero near-white, positive red
// (ColorBrewer RdBu, 5 stops, piecewise linear). shaders/filters.frag implements exactly the same
// stops and interpolation, so the OpenGL view and the CPU export (filter_grid.h) agree.
#include <QColor>
#include <array>

namespace vpf {

struct ColorStop {
  float r, g, b;  // in [0, 1]
};

/// The 5 stops at t = −1, −½, 0, ½, 1.
const std::array<ColorStop, 5>& divergingStops();

/// t in [−1, 1] (clamped) → colour; t = 0 is the neutral colour.
ColorStop divergingColor(float t);
QRgb divergingRgb(float t);

/// Greyscale for images in [0, 1]: 0 → black, 1 → white (clamped).
QRgb greyRgb(float value);

/// The colour maps of filter images. Diverging: divergingRgb(t). Grey: t = −1 black, 0 mid grey,
/// 1 white (the classic look of RBM filter figures). The shader implements both (u_colormap).
enum class FilterColormap { Diverging = 0, Grey = 1 };
QRgb filterRgb(float t, FilterColormap map);

}  // namespace vpf
