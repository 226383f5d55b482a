#pragma once
// Small CPU conversions from model states to images, shared by the sampling panels and their
// exports (headless): greyscale images, an error heatmap, and hidden layers shown as near-square
// tiles (a 196-unit layer as 14 × 14) or strips.
#include <QImage>
#include <QSize>

#include "core/common/types.h"

namespace vpf {

/// Values in [0,1] (clamped), row-major `rows` × `cols` → greyscale (0 black, 1 white).
QImage greyImage(const float* values, int rows, int cols);
QImage greyImage(const RowVector& values, int rows, int cols);
/// |error| in [0,1] → black – red – yellow – white.
QImage heatImage(const RowVector& values, int rows, int cols);
QRgb heatRgb(float value);
/// A layer of `units` shown as a grid: width·height ≥ units, near square (units 196 → 14 × 14,
/// 64 → 8 × 8, 500 → 23 × 22); the cells past `units` are drawn dark blue.
QSize layerGridSize(int units);
QImage layerImage(const RowVector& values, QSize grid = QSize());

}  // namespace vpf
