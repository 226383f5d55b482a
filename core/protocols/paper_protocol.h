#pragma once
// The fixed choices of the paper's evaluation procedures (DESIGN §15), each written once: which
// training images form the validation slice, how many images the activation statistics and the
// mean prior use, the Parzen estimator's defaults, Table 1's corruption, and how weight decay is
// scaled per unit. The CLI, `vpf repro` and the app's panels all take them from here.
#include <vector>

#include "core/common/types.h"
#include "core/data/corruption.h"
#include "core/learning/training_config.h"

namespace vpf::protocol {

/// Training images used for mean hidden activations (paper Fig. 3b) and the mean prior P.
inline constexpr int kStatisticsImages = 10000;
/// Parzen estimator (paper Table 2, after Goodfellow et al. 2014): samples and kernel width.
inline constexpr int kParzenSamples = 10000;
inline constexpr double kParzenSigma = 0.2;
/// σ is selected on this many validation images (the paper's held-out set).
inline constexpr int kParzenValidationImages = 1000;
/// Table 1: rows (or columns) of each 28 × 28 test digit that are corrupted.
inline constexpr int kTable1CorruptedRows = 12;
/// The first training image of the validation slice: MNIST's 60,000 training images are split
/// 50,000 / 10,000 and nothing is ever chosen on the test set.
inline constexpr int kValidationBegin = 50000;

/// Training rows [begin, begin + count) of the validation slice of `n` images in a training set of
/// `trainRows`: from image 50,000, or the last `n` images of a smaller set.
struct RowRange {
  int begin = 0, count = 0;
};
RowRange validationRange(int trainRows, int n);
/// Those rows of `train` (binarised or grey, N × n0).
Matrix validationRows(const Matrix& train, int n);

/// The four corruptions of paper Table 1, in its row order.
const std::vector<CorruptionPattern>& table1Patterns();

/// Clamped Gibbs transitions Table 1 gives models of this algorithm (VPF 2, CD/PCD 1000).
int reconstructionTransitions(const TrainingConfig& config);

/// λ "per unit": the paper's λ against its objective averaged over the `units` units (ε = 1/units),
/// expressed against K summed over units as the core computes it — λ · units.
double perUnitWeightDecay(double lambda, int units);

}  // namespace vpf::protocol
