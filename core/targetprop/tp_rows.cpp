#include "core/targetprop/tp_rows.h"

#include <algorithm>
#include <cmath>

namespace vpf::targetprop {

int validationBegin(const DataSplits& splits) {
  const int n = splits.train.size();
  return n >= 2 * kValidationImages ? protocol::validationRange(n, kValidationImages).begin : n - n / 6;
}

protocol::RowRange trainingRange(const DataSplits& splits, int limit) {
  const int end = validationBegin(splits);
  return {0, limit > 0 ? std::min(limit, end) : end};
}

protocol::RowRange validationRange(const DataSplits& splits, int count) {
  const int begin = validationBegin(splits);
  return {begin, std::max(0, std::min(count, splits.train.size() - begin))};
}

Matrix pixelRows(const Matrix& grey, protocol::RowRange range, bool binarised) {
  const Matrix rows = grey.middleRows(range.begin, range.count);
  return binarised ? binarize(rows, 0.5f) : rows;
}

std::pair<int, int> imageShape(const DataSplits& splits, int pixels) {
  if (splits.train.rows * splits.train.cols == pixels) return {splits.train.rows, splits.train.cols};
  const int side = static_cast<int>(std::lround(std::sqrt(pixels)));
  return side * side == pixels ? std::pair{side, side} : std::pair{1, pixels};
}

}  // namespace vpf::targetprop
