// The paper's procedures in core/protocols: the validation slice, the Table 1 evaluation (its
// patterns, seeds and shapes) and the weight-decay scale, each checked against a direct computation.
#include <QtTest>

#include "core/common/rng.h"
#include "core/data/corruption.h"
#include "core/common/error.h"
#include "core/protocols/paper_protocol.h"
#include "core/protocols/parzen_protocol.h"
#include "core/protocols/table1.h"
#include "core/sampling/reconstruction.h"

using namespace vpf;

namespace {
BoltzmannMachine randomRbm(int visible, int hidden, std::uint64_t seed) {
  Rng rng(seed);
  InitOptions init;
  init.weightScale = 0.5;
  Architecture arch;
  arch.hidden = {hidden};
  return makeMachine(visible, arch, init, rng);
}
}  // namespace

class TestProtocols : public QObject {
  Q_OBJECT
 private slots:
  void validationSliceIsImages50000On() {
    const protocol::RowRange full = protocol::validationRange(60000, 1000);
    QCOMPARE(full.begin, 50000);
    QCOMPARE(full.count, 1000);
    const protocol::RowRange tenK = protocol::validationRange(60000, 10000);
    QCOMPARE(tenK.begin, 50000);
    QCOMPARE(tenK.count, 10000);
    // A smaller training set: its last n images; fewer than n: all of them.
    const protocol::RowRange small = protocol::validationRange(3000, 1000);
    QCOMPARE(small.begin, 2000);
    QCOMPARE(small.count, 1000);
    const protocol::RowRange tiny = protocol::validationRange(700, 1000);
    QCOMPARE(tiny.begin, 0);
    QCOMPARE(tiny.count, 700);
    Matrix train(6, 2);
    for (int r = 0; r < 6; ++r) train.row(r).setConstant(static_cast<float>(r));
    const Matrix v = protocol::validationRows(train, 2);
    QCOMPARE(v.rows(), Eigen::Index(2));
    QCOMPARE(v(0, 0), 4.0f);
    QCOMPARE(v(1, 1), 5.0f);
  }

  void tableOnePatternsAreThePapersRows() {
    const auto& p = protocol::table1Patterns();
    QCOMPARE(p.size(), std::size_t(4));
    QCOMPARE(p[0], CorruptionPattern::Top);
    QCOMPARE(p[1], CorruptionPattern::Bottom);
    QCOMPARE(p[2], CorruptionPattern::Left);
    QCOMPARE(p[3], CorruptionPattern::Right);
    QCOMPARE(protocol::kTable1CorruptedRows, 12);
  }

  void tableOneScoresEachPatternWithItsOwnSeed() {
    const BoltzmannMachine m = randomRbm(64, 20, 5);
    Rng rng(9);
    const Matrix images = rng.bernoulli(Matrix::Constant(30, 64, 0.3f));
    protocol::Table1Settings settings;
    settings.imageRows = settings.imageCols = 8;
    settings.corruptedRows = 3;
    settings.transitions = 4;
    settings.seed = 100;
    settings.start = CorruptionStart::Zeros;
    const auto all = protocol::evaluateTable1(m, images, settings);
    QCOMPARE(all.size(), std::size_t(4));
    double sum = 0;
    for (std::size_t p = 0; p < all.size(); ++p) {
      const RowVector mask = corruptionMask(all[p].pattern, 8, 8, 3);
      const ReconstructionScore direct =
          evaluateReconstruction(m, images, mask, 4, 100 + p, {}, 1000, CorruptionStart::Zeros);
      QCOMPARE(all[p].score.mean, direct.mean);
      QCOMPARE(all[p].score.stddev, direct.stddev);
      QCOMPARE(all[p].score.images, 30);
      sum += direct.mean;
    }
    QCOMPARE(protocol::meanError(all), sum / 4);
    // One pattern alone scores as it does among the four (its seed is seed + its row index).
    const auto left = protocol::evaluateTable1(m, images, settings, {}, {CorruptionPattern::Left});
    QCOMPARE(left.size(), std::size_t(1));
    QCOMPARE(left[0].score.mean, all[2].score.mean);
  }

  void tableOneStopsWhenProgressSaysSo() {
    const BoltzmannMachine m = randomRbm(64, 10, 6);
    const Matrix images = Matrix::Ones(10, 64);
    protocol::Table1Settings settings;
    settings.imageRows = settings.imageCols = 8;
    settings.corruptedRows = 2;
    int calls = 0;
    bool inRange = true;
    const auto partial = protocol::evaluateTable1(m, images, settings, [&](double f, CorruptionPattern p) {
      ++calls;
      inRange = inRange && f >= 0 && f <= 1;
      return p != CorruptionPattern::Left;
    });
    QCOMPARE(partial.size(), std::size_t(2));  // Top and Bottom finished
    QVERIFY(calls > 2);
    QVERIFY(inRange);
  }

  void parzenRowsAreGreyOrBinarisedAndSigmaIsSelectedOnValidation() {
    Rng rng(3);
    Matrix grey = Matrix::Random(60, 16).cwiseAbs();
    const Matrix rows = protocol::parzenRows(grey, 5, 10, protocol::TestPixels::Grey, 0.5f);
    QVERIFY(rows == grey.middleRows(5, 10));
    const Matrix bin = protocol::parzenRows(grey, 5, 10, protocol::TestPixels::Binarised, 0.3f);
    for (Eigen::Index r = 0; r < 10; ++r)
      for (Eigen::Index c = 0; c < 16; ++c) QCOMPARE(bin(r, c), grey(5 + r, c) > 0.3f ? 1.0f : 0.0f);
    // A small training set: the validation rows are its last kParzenValidationImages (here all 60).
    QVERIFY(protocol::parzenValidationRows(grey, protocol::TestPixels::Grey, 0.5f) == grey);
    QCOMPARE(protocol::parseTestPixels("binarised"), protocol::TestPixels::Binarised);
    QCOMPARE(QString::fromStdString(protocol::testPixelsName(protocol::TestPixels::Grey)), QString("grey"));
    QVERIFY_THROWS_EXCEPTION(Error, protocol::parseTestPixels("gray-ish"));

    const Matrix samples = rng.bernoulli(Matrix::Constant(40, 16, 0.5f));
    const Matrix test = grey.topRows(20), validation = grey.bottomRows(20);
    const ParzenResult fixed = protocol::scoreParzen(samples, test, 0.2, false, Matrix());
    QCOMPARE(fixed.sigma, 0.2);
    QCOMPARE(fixed.mean, parzenLogLikelihood(samples, test, 0.2).mean);
    const ParzenResult selected = protocol::scoreParzen(samples, test, 0.2, true, validation);
    QCOMPARE(selected.sigma, selectParzenSigma(samples, validation));
    QCOMPARE(selected.mean, parzenLogLikelihood(samples, test, selected.sigma).mean);
  }

  void perUnitDecayScalesByTheUnits() {
    QCOMPARE(protocol::perUnitWeightDecay(1e-4, 784 + 196), 1e-4 * 980);
    QCOMPARE(protocol::kParzenSamples, 10000);
    QCOMPARE(protocol::kParzenSigma, 0.2);
    QCOMPARE(protocol::kStatisticsImages, 10000);
  }
};

QTEST_GUILESS_MAIN(TestProtocols)
#include "test_protocols.moc"
