#pragma once
// Corruption masks for the reconstruction experiment (paper Table 1, Fig. 4): 1 = corrupted
// (unknown) pixel, 0 = known. Masks are 1 × rows·cols row vectors in image (row-major) order.
#include <string>

#include "core/common/rng.h"
#include "core/common/types.h"

namespace vpf {

enum class CorruptionPattern { Top, Bottom, Left, Right };

/// The `count` (paper: 12) rows or columns at the given edge.
RowVector corruptionMask(CorruptionPattern pattern, int rows = 28, int cols = 28, int count = 12);
/// "top"/"bottom"/"left"/"right" (case-insensitive); throws vpf::Error otherwise.
CorruptionPattern parseCorruptionPattern(const std::string& name);
std::string patternName(CorruptionPattern pattern);  // "Top", "Bottom", …
/// Mask from an arbitrary rectangle [row0,row1) × [col0,col1).
RowVector rectangleMask(int rows, int cols, int row0, int row1, int col0, int col1);
/// round(fraction · rows·cols) pixels chosen uniformly without replacement (inpainting, Bengio et
/// al. 2015 Fig. 5: "half of the pixels").
RowVector randomPixelMask(int rows, int cols, double fraction, Rng& rng);

}  // namespace vpf
