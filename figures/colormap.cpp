#include "figures/colormap.h"

#include <algorithm>
#include <cmath>

namespace vpf {

const std::array<ColorStop, 5>& divergingStops() {
  // Keep in sync with shaders/filters.frag.
  static const std::array<ColorStop, 5> stops{{
      {0.019608f, 0.188235f, 0.380392f},  // −1   #053061
      {0.262745f, 0.576471f, 0.764706f},  // −½   #4393c3
      {0.968627f, 0.968627f, 0.968627f},  //  0   #f7f7f7
      {0.839216f, 0.376471f, 0.301961f},  //  ½   #d6604d
      {0.403922f, 0.000000f, 0.121569f},  //  1   #67001f
  }};
  return stops;
}

ColorStop divergingColor(float t) {
  if (!std::isfinite(t)) t = 0.0f;
  t = std::clamp(t, -1.0f, 1.0f);
  const auto& s = divergingStops();
  const float x = (t + 1.0f) * 2.0f;  // 0 … 4
  const int i = std::min(static_cast<int>(x), 3);
  const float f = x - static_cast<float>(i);
  return {s[i].r + (s[i + 1].r - s[i].r) * f, s[i].g + (s[i + 1].g - s[i].g) * f,
          s[i].b + (s[i + 1].b - s[i].b) * f};
}

QRgb divergingRgb(float t) {
  const ColorStop c = divergingColor(t);
  auto byte = [](float v) { return static_cast<int>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f)); };
  return qRgb(byte(c.r), byte(c.g), byte(c.b));
}

QRgb greyRgb(float value) {
  if (!std::isfinite(value)) value = 0.0f;
  const int v = static_cast<int>(std::lround(std::clamp(value, 0.0f, 1.0f) * 255.0f));
  return qRgb(v, v, v);
}

QRgb filterRgb(float t, FilterColormap map) {
  if (map == FilterColormap::Grey) {
    if (!std::isfinite(t)) t = 0.0f;
    return greyRgb((std::clamp(t, -1.0f, 1.0f) + 1.0f) * 0.5f);
  }
  return divergingRgb(t);
}

}  // namespace vpf
