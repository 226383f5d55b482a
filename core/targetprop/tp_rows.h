#pragma once
// The rows of a data set the target-propagation protocol uses (spec A7): training images
// 0–49,999, validation 50,000–59,999 (the test set only for reported numbers), grey or binarised
// at 0.5, and the image shape of a row. Shared by `vpf tp` and the Target prop tab.
#include <utility>

#include "core/data/dataset.h"
#include "core/protocols/paper_protocol.h"

namespace vpf::targetprop {

/// Images held out of training for validation (MNIST: 50,000–59,999).
inline constexpr int kValidationImages = 10000;
/// Training images the prior is fitted on by default (0 = all).
inline constexpr int kPriorImages = 10000;

/// The first validation image: 50,000 for MNIST-sized sets (the last 10,000 of a set under
/// 60,000); a set under 20,000 images keeps its last sixth for validation, so it still trains.
int validationBegin(const DataSplits& splits);
/// Training rows [0, min(limit, first validation image)) (limit ≤ 0: all of them).
protocol::RowRange trainingRange(const DataSplits& splits, int limit);
/// Up to `count` validation rows from validationBegin(); never training rows.
protocol::RowRange validationRange(const DataSplits& splits, int count);
/// Rows of grey images as the model sees them: unchanged, or binarised at 0.5.
Matrix pixelRows(const Matrix& grey, protocol::RowRange range, bool binarised);
/// Image height × width for n0 pixels: the data set's when it matches, else square, else one row.
std::pair<int, int> imageShape(const DataSplits& splits, int pixels);

}  // namespace vpf::targetprop
