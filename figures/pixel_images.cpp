#include "figures/pixel_images.h"

#include <algorithm>
#include <cmath>

#include "figures/colormap.h"

namespace vpf {

QImage greyImage(const float* values, int rows, int cols) {
  QImage image(cols, rows, QImage::Format_RGB32);
  for (int r = 0; r < rows; ++r) {
    auto* line = reinterpret_cast<QRgb*>(image.scanLine(r));
    for (int c = 0; c < cols; ++c) line[c] = greyRgb(values[r * cols + c]);
  }
  return image;
}

QImage greyImage(const RowVector& values, int rows, int cols) { return greyImage(values.data(), rows, cols); }

QRgb heatRgb(float value) {
  const float t = std::clamp(value, 0.0f, 1.0f);
  const auto channel = [](float x) { return static_cast<int>(std::lround(std::clamp(x, 0.0f, 1.0f) * 255.0f)); };
  return qRgb(channel(3.0f * t), channel(3.0f * t - 1.0f), channel(3.0f * t - 2.0f));
}

QImage heatImage(const RowVector& values, int rows, int cols) {
  QImage image(cols, rows, QImage::Format_RGB32);
  for (int r = 0; r < rows; ++r) {
    auto* line = reinterpret_cast<QRgb*>(image.scanLine(r));
    for (int c = 0; c < cols; ++c) line[c] = heatRgb(values[r * cols + c]);
  }
  return image;
}

QSize layerGridSize(int units) {
  if (units <= 0) return QSize(1, 1);
  const int w = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(units))));
  const int h = (units + w - 1) / w;
  return QSize(w, h);
}

QImage layerImage(const RowVector& values, QSize grid) {
  const int units = static_cast<int>(values.size());
  if (!grid.isValid()) grid = layerGridSize(units);
  QImage image(grid, QImage::Format_RGB32);
  image.fill(qRgb(20, 30, 70));
  for (int i = 0; i < units && i < grid.width() * grid.height(); ++i)
    image.setPixel(i % grid.width(), i / grid.width(), greyRgb(values[i]));
  return image;
}

}  // namespace vpf
