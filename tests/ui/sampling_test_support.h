#pragma once
// Helpers for the sampling-panel tests: a synthetic data set on disk (train + t10k IDX files, so
// `vpf` can read it too), random machines wrapped for SamplingContext, and pixel positions on an
// ImageTile for QTest mouse events.
#include <QPoint>
#include <QTemporaryDir>

#include "core/data/dataset.h"
#include "core/io/model_file.h"
#include "ui/support/image_tile.h"
#include "ui/support/sampling_context.h"
#include "tests/support/test_models.h"
#include "tests/ui/ui_test_support.h"

namespace vpf::test {

struct SyntheticData {
  QString dir;
  std::shared_ptr<const DataSplits> splits;
};

/// `train` and `test` synthetic digits written as IDX files into `dir` and read back.
inline SyntheticData writeSyntheticSplits(const QString& dir, int train = 400, int test = 300) {
  writeIdx(syntheticDigits(train, 7), dir, QStringLiteral("train"));
  writeIdx(syntheticDigits(test, 11), dir, QStringLiteral("t10k"));
  return {dir, std::make_shared<const DataSplits>(loadDataSplits(dir.toStdString()))};
}

/// A random machine with small weights (its reconstructions are not trivial).
inline ModelPtr randomModel(const std::vector<int>& sizes, bool intra = false, std::uint64_t seed = 3,
                            double scale = 0.3) {
  Rng rng(seed);
  return std::make_shared<const BoltzmannMachine>(vpf::testing::randomMachine<float>(sizes, intra, rng, scale));
}

/// Widget coordinates of the centre of image pixel (col, row) on `tile`.
inline QPoint pixelCentre(const ImageTile& tile, int col, int row) {
  const QRect r = tile.imageRect();
  const double sx = r.width() / static_cast<double>(tile.image().width());
  const double sy = r.height() / static_cast<double>(tile.image().height());
  return QPoint(static_cast<int>(r.left() + (col + 0.5) * sx), static_cast<int>(r.top() + (row + 0.5) * sy));
}

}  // namespace vpf::test
