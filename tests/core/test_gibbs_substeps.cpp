// GibbsChain sub-steps (one layer update at a time, for the GUI's chain stepper) give exactly the
// chain of full steps; reconstructMasked's per-transition frames end in its result.
#include <QtTest>

#include "core/sampling/gibbs_chain.h"
#include "core/sampling/reconstruction.h"
#include "tests/support/test_models.h"

using namespace vpf;
using namespace vpf::testing;

class TestGibbsSubsteps : public QObject {
  Q_OBJECT
 private slots:
  void subStepsEqualSteps_data() {
    QTest::addColumn<bool>("intra");
    QTest::addColumn<QString>("sizes");
    QTest::newRow("rbm") << false << "12,5";
    QTest::newRow("dbm1") << false << "12,6,4";
    QTest::newRow("dbm2") << true << "12,6,5,3";
  }
  void subStepsEqualSteps() {
    QFETCH(bool, intra);
    QFETCH(QString, sizes);
    std::vector<int> s;
    for (const QString& n : sizes.split(',')) s.push_back(n.toInt());
    Rng rng(5);
    const BoltzmannMachine m = randomMachine<float>(s, intra, rng);
    const Matrix v0 = rng.bernoulli(Matrix::Constant(3, s[0], 0.5f));
    GibbsChain a(m, v0, 77), b(m, v0, 77);
    const int perStep = static_cast<int>(b.updateOrder().size());
    QCOMPARE(perStep, static_cast<int>(s.size()));
    QCOMPARE(b.updateOrder().front(), 1);  // odd layers first
    for (int t = 0; t < 4; ++t) {
      a.step();
      for (int k = 0; k < perStep; ++k) {
        QCOMPARE(b.stepCount(), static_cast<long long>(t));
        QCOMPARE(b.subStepIndex(), k);
        b.subStep();
      }
      QCOMPARE(b.stepCount(), a.stepCount());
      for (std::size_t l = 0; l < s.size(); ++l) {
        QVERIFY(a.samples()[l] == b.samples()[l]);
        QVERIFY(a.probabilities()[l] == b.probabilities()[l]);
      }
    }
    // step() in the middle of a transition finishes it.
    b.subStep();
    b.step();
    a.step();
    QCOMPARE(b.stepCount(), a.stepCount());
    QCOMPARE(b.subStepIndex(), 0);
    QVERIFY(a.samples()[0] == b.samples()[0]);
  }

  void reconstructionFramesEndInTheResult() {
    Rng rng(9);
    const BoltzmannMachine m = randomMachine<float>({16, 6}, false, rng);
    const Matrix images = rng.bernoulli(Matrix::Constant(2, 16, 0.5f));
    Matrix masks = Matrix::Zero(2, 16);
    masks.leftCols(5).setOnes();
    Rng r1(3), r2(3);
    std::vector<Matrix> frames;
    Matrix start;
    const Matrix plain = reconstructMasked(m, images, masks, 3, r1);
    const Matrix traced = reconstructMasked(m, images, masks, 3, r2, CorruptionStart::Noise, &frames, &start);
    QVERIFY(plain == traced);
    QCOMPARE(static_cast<int>(frames.size()), 3);
    QVERIFY(frames.back() == traced);
    QVERIFY(start.rightCols(11) == images.rightCols(11));  // known pixels start clamped
  }

  void evaluationProgressIsFineGrainedAndCancels() {
    Rng rng(4);
    const BoltzmannMachine m = randomMachine<float>({16, 6}, false, rng);
    const Matrix images = rng.bernoulli(Matrix::Constant(30, 16, 0.5f));
    RowVector mask = RowVector::Zero(16);
    mask.head(6).setOnes();
    const ReconstructionScore plain = evaluateReconstruction(m, images, mask, 5, 11, {}, 10);
    std::vector<double> fractions;
    const ReconstructionScore watched = evaluateReconstruction(
        m, images, mask, 5, 11,
        [&](double f) {
          fractions.push_back(f);
          return true;
        },
        10);
    QCOMPARE(watched.mean, plain.mean);  // watching changes nothing
    QCOMPARE(watched.images, 30);
    QCOMPARE(static_cast<int>(fractions.size()), 15);  // 3 blocks × 5 transitions
    QCOMPARE(fractions.back(), 1.0);
    int calls = 0;
    const ReconstructionScore cancelled = evaluateReconstruction(
        m, images, mask, 5, 11, [&](double) { return ++calls < 7; }, 10);
    QCOMPARE(calls, 7);              // stopped inside the second block …
    QCOMPARE(cancelled.images, 10);  // … which is not counted
  }
};

QTEST_APPLESS_MAIN(TestGibbsSubsteps)
#include "test_gibbs_substeps.moc"
