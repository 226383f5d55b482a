#include "core/protocols/parzen_protocol.h"

#include "core/common/error.h"
#include "core/data/dataset.h"
#include "core/protocols/paper_protocol.h"

namespace vpf::protocol {

TestPixels parseTestPixels(const std::string& name) {
  if (name == "grey") return TestPixels::Grey;
  if (name == "binarised") return TestPixels::Binarised;
  throw Error("test pixels must be grey or binarised, got '" + name + "'");
}

std::string testPixelsName(TestPixels pixels) { return pixels == TestPixels::Grey ? "grey" : "binarised"; }

Matrix parzenRows(const Matrix& greyImages, int begin, int count, TestPixels pixels, float threshold) {
  const auto rows = greyImages.middleRows(begin, count);
  return pixels == TestPixels::Grey ? Matrix(rows) : binarize(rows, threshold);
}

Matrix parzenValidationRows(const Matrix& greyTrainImages, TestPixels pixels, float threshold) {
  const RowRange v = validationRange(static_cast<int>(greyTrainImages.rows()), kParzenValidationImages);
  return parzenRows(greyTrainImages, v.begin, v.count, pixels, threshold);
}

ParzenResult scoreParzen(const Matrix& samples, const Matrix& test, double sigma, bool selectSigma,
                         const Matrix& validation, const std::function<bool(double)>& progress) {
  const double s = selectSigma ? selectParzenSigma(samples, validation) : sigma;
  return parzenLogLikelihood(samples, test, s, progress);
}

}  // namespace vpf::protocol
