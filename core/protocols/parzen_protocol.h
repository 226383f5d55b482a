#pragma once
// The Parzen protocol of paper Table 2 (DESIGN §7, §15): which pixels the estimator compares the
// samples with — the test images' grey values (the protocol of the paper's reference measure,
// 239.88, which only grey images reach) or the binarised images — and σ: the paper's 0.2, or the
// best of logspace(−1, 0, 10) on the validation slice (training images 50,000–51,000, the same
// kind of pixels). `vpf parzen`, the Confabulate tab and `vpf repro` all take their rows here.
#include <functional>
#include <string>

#include "core/common/types.h"
#include "core/metrics/parzen.h"

namespace vpf::protocol {

enum class TestPixels { Grey, Binarised };
TestPixels parseTestPixels(const std::string& name);  // "grey" | "binarised"; throws vpf::Error
std::string testPixelsName(TestPixels pixels);        // "grey" | "binarised"

/// Rows [begin, begin + count) of grey images (N × n0, values in [0, 1]) as the estimator sees
/// them: unchanged, or binarised at `threshold` (the model's).
Matrix parzenRows(const Matrix& greyImages, int begin, int count, TestPixels pixels, float threshold);
/// The σ-selection rows: kParzenValidationImages training images of the validation slice.
Matrix parzenValidationRows(const Matrix& greyTrainImages, TestPixels pixels, float threshold);

/// Mean log-likelihood of `test` under the samples' Parzen window: at `sigma`, or at the σ best on
/// `validation` when `selectSigma`. `progress` returning false cancels (result.cancelled).
ParzenResult scoreParzen(const Matrix& samples, const Matrix& test, double sigma, bool selectSigma,
                         const Matrix& validation, const std::function<bool(double)>& progress = {});

}  // namespace vpf::protocol
