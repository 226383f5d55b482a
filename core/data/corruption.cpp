#include "core/data/corruption.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numeric>
#include <vector>

#include "core/common/error.h"

namespace vpf {

namespace {

// Bounds the mask size so rows·cols cannot overflow int (and no mask is absurdly large).
constexpr long long kMaxPixels = 1 << 26;

void checkImageSize(int rows, int cols) {
  if (rows <= 0 || cols <= 0 || static_cast<long long>(rows) * cols > kMaxPixels)
    throw Error("invalid image size " + std::to_string(rows) + "x" + std::to_string(cols) +
                " for a corruption mask (rows and columns must be positive)");
}

}  // namespace

RowVector rectangleMask(int rows, int cols, int row0, int row1, int col0, int col1) {
  checkImageSize(rows, cols);
  if (row0 < 0 || row0 > row1 || row1 > rows || col0 < 0 || col0 > col1 || col1 > cols)
    throw Error("invalid mask rectangle rows [" + std::to_string(row0) + "," + std::to_string(row1) + ") x cols [" +
                std::to_string(col0) + "," + std::to_string(col1) + ") for a " + std::to_string(rows) + "x" +
                std::to_string(cols) + " image");
  RowVector mask = RowVector::Zero(rows * cols);
  for (int r = row0; r < row1; ++r) mask.segment(r * cols + col0, col1 - col0).setOnes();
  return mask;
}

RowVector randomPixelMask(int rows, int cols, double fraction, Rng& rng) {
  checkImageSize(rows, cols);
  if (!(fraction >= 0 && fraction <= 1)) throw Error("the masked fraction must be in [0, 1]");
  const int n = rows * cols;
  const int count = static_cast<int>(std::lround(fraction * n));
  std::vector<int> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  RowVector mask = RowVector::Zero(n);
  for (int i = 0; i < count; ++i) {  // partial Fisher–Yates: the first `count` of a random order
    std::swap(order[i], order[i + rng.below(static_cast<std::uint32_t>(n - i))]);
    mask(order[i]) = 1;
  }
  return mask;
}

RowVector corruptionMask(CorruptionPattern pattern, int rows, int cols, int count) {
  checkImageSize(rows, cols);
  const bool byRows = pattern == CorruptionPattern::Top || pattern == CorruptionPattern::Bottom;
  const int limit = byRows ? rows : cols;
  if (count < 0 || count > limit)
    throw Error("invalid corruption size " + std::to_string(count) + " for pattern " + patternName(pattern) +
                ": must be between 0 and " + std::to_string(limit) + " (the image has " + std::to_string(rows) +
                " rows and " + std::to_string(cols) + " columns)");
  switch (pattern) {
    case CorruptionPattern::Top: return rectangleMask(rows, cols, 0, count, 0, cols);
    case CorruptionPattern::Bottom: return rectangleMask(rows, cols, rows - count, rows, 0, cols);
    case CorruptionPattern::Left: return rectangleMask(rows, cols, 0, rows, 0, count);
    case CorruptionPattern::Right: return rectangleMask(rows, cols, 0, rows, cols - count, cols);
  }
  throw Error("invalid corruption pattern");
}

CorruptionPattern parseCorruptionPattern(const std::string& name) {
  std::string key = name;
  std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
  if (key == "top") return CorruptionPattern::Top;
  if (key == "bottom") return CorruptionPattern::Bottom;
  if (key == "left") return CorruptionPattern::Left;
  if (key == "right") return CorruptionPattern::Right;
  throw Error("unknown corruption pattern '" + name + "' (expected top, bottom, left or right)");
}

std::string patternName(CorruptionPattern pattern) {
  switch (pattern) {
    case CorruptionPattern::Top: return "Top";
    case CorruptionPattern::Bottom: return "Bottom";
    case CorruptionPattern::Left: return "Left";
    case CorruptionPattern::Right: return "Right";
  }
  return "Unknown";
}

}  // namespace vpf
