// Target propagation (Bengio et al. 2015), spec C1 tests 6 and 7: PRIOR (μ, v and the covariance of
// its samples), GENERATE (deterministic for a seed; the directed sample is g1(g2(h2)) exactly) and
// INPAINT (known pixels bitwise kept; no δ drive under a full mask; an empty mask is plain INFERENCE).
#include <QTest>
#include <cmath>

#include "core/common/error.h"
#include "core/targetprop/generate.h"
#include "core/targetprop/inpaint.h"
#include "core/targetprop/prior.h"
#include "tests/support/tp_test_models.h"

using namespace vpf;
using namespace vpf::targetprop;
using vpf::testing::randomMatrix;
using vpf::testing::randomTpModel;
using vpf::testing::smallArchitecture;

namespace {

TpModel<double> modelWithPrior(std::uint64_t seed) {
  TpModel<double> m = randomTpModel<double>(smallArchitecture(9, 6, 4), seed);
  Rng rng(seed + 1);
  setPriorFromLatents<double>(m, randomMatrix<double>(50, 4, rng, 0.3, 0.5));
  return m;
}

}  // namespace

class TestTpSampling : public QObject {
  Q_OBJECT

 private slots:
  void priorIsColumnMeanAndPopulationVariance() {
    TpModel<double> m = randomTpModel<double>(smallArchitecture(9, 6, 4), 2);
    Rng rng(7);
    const MatrixD x = randomMatrix<double>(11, 9, rng, 0.5, 0.5);
    const InferenceSettings s;
    QVERIFY(fitPrior<double>(m, x, s, nullptr, 3));  // blocks of 3 rows
    const MatrixD h2 = infer(m, x, s).h2;
    for (int k = 0; k < 4; ++k) {
      double mean = 0, var = 0;
      for (int r = 0; r < 11; ++r) mean += h2(r, k) / 11;
      for (int r = 0; r < 11; ++r) var += (h2(r, k) - mean) * (h2(r, k) - mean) / 11;
      QVERIFY(std::abs(m.priorMean(k) - mean) < 1e-12);
      QVERIFY(std::abs(m.priorVar(k) - var) < 1e-12);
    }
    StopToken stop;
    stop.requestStop();
    TpModel<double> untouched = randomTpModel<double>(smallArchitecture(9, 6, 4), 2);
    QVERIFY(!fitPrior<double>(untouched, x, s, &stop));
    QVERIFY(!untouched.hasPrior());
  }

  void priorSamplesHaveScaledDiagonalCovariance() {
    const TpModel<double> m = modelWithPrior(3);
    for (double kappa : {kPaperPriorScale, kCodePriorScale}) {
      Rng rng(12);
      const int n = 200000;
      const MatrixD h2 = samplePrior(m, n, kappa, rng);
      const Eigen::RowVectorXd mean = h2.colwise().mean();
      const Eigen::MatrixXd centred = h2.rowwise() - mean;
      const Eigen::MatrixXd cov = centred.transpose() * centred / n;
      for (int k = 0; k < 4; ++k) {
        const double v = kappa * m.priorVar(k);
        QVERIFY(std::abs(mean(k) - m.priorMean(k)) < 3 * std::sqrt(v / n));
        QVERIFY(std::abs(cov(k, k) - v) < 3 * v * std::sqrt(2.0 / n));
        for (int j = 0; j < k; ++j) QVERIFY(std::abs(cov(k, j)) < 3 * std::sqrt(v * kappa * m.priorVar(j) / n));
      }
    }
  }

  void generateIsDeterministicAndDirectedIsTheDecode() {
    const TpModel<double> m = modelWithPrior(4);
    GenerateSettings s;
    std::vector<MatrixD> roundsA;
    Rng a(5), b(5), c(6);
    const MatrixD first = generate(m, 20, s, a, &roundsA);
    QVERIFY(first == generate(m, 20, s, b));
    QVERIFY(first != generate(m, 20, s, c));
    QCOMPARE(roundsA.size(), std::size_t(s.rounds + 1));
    QVERIFY(roundsA.back() == first);
    // Round r + 1 is g1 of INFERENCE(round r; α = 0.3).
    QVERIFY(roundsA[1] == m.g1(infer(m, roundsA[0], s.inference).h1));

    s.mode = GenerateMode::Directed;
    Rng d(8), e(8);
    const MatrixD h2 = samplePrior(m, 20, s.priorScale, d);
    QVERIFY(generate(m, 20, s, e) == m.g1(m.g2(h2)));
    QVERIFY(roundsA[0] != first);  // the Alg. 2 rounds moved the samples
  }

  void inpaintKeepsKnownPixels() {
    const TpModel<double> m = modelWithPrior(5);
    Rng rng(9);
    const MatrixD x = randomMatrix<double>(6, 9, rng, 0.5, 0.5);
    MatrixD mask = MatrixD::Zero(6, 9);
    for (Eigen::Index i = 0; i < mask.size(); ++i) mask.data()[i] = rng.uniform() < 0.5f ? 1 : 0;
    InpaintSettings s;
    s.steps = 5;
    const InpaintResult<double> r = inpaint(m, x, mask, s, rng, true);
    QCOMPARE(r.frames.size(), std::size_t(6));
    for (const MatrixD& frame : r.frames)
      for (Eigen::Index i = 0; i < x.size(); ++i)
        if (mask.data()[i] == 0) QVERIFY(frame.data()[i] == x.data()[i]);  // bitwise
    QVERIFY(r.images == r.frames.back());
    QVERIFY(r.frames[0] != r.frames[5]);
    // Missing pixels start U(0, 1) and end as g1(H1) of the last step.
    const MatrixD g1 = m.g1(r.hidden.back());
    for (Eigen::Index i = 0; i < x.size(); ++i)
      if (mask.data()[i] == 1) QVERIFY(r.images.data()[i] == g1.data()[i]);
  }

  // Under a full mask Xc = g1(H1), so f1(Xc) − f1(g1(H1)) is exactly 0: with α = 0 H1 does not move.
  void fullMaskHasNoDrive() {
    const TpModel<double> m = modelWithPrior(6);
    Rng rng(10);
    const MatrixD x = randomMatrix<double>(4, 9, rng, 0.5, 0.5);
    const MatrixD mask = MatrixD::Ones(4, 9);
    InferenceSettings s;
    s.alpha = 0;
    Inference<double> inference(m, x, s, &mask);
    const MatrixD h1 = randomMatrix<double>(4, 6, rng);
    inference.startFrom(h1);
    for (int t = 0; t < 3; ++t) inference.step();
    QVERIFY(inference.state().h1 == h1);
  }

  // An empty mask: the output is x, and every outer step's H1 is INFERENCE(x)'s, bitwise.
  void emptyMaskIsPlainInference() {
    const TpModel<double> m = modelWithPrior(7);
    Rng rng(11);
    const MatrixD x = randomMatrix<double>(5, 9, rng, 0.5, 0.5);
    InpaintSettings s;
    s.steps = 3;
    const InpaintResult<double> r = inpaint<double>(m, x, MatrixD::Zero(5, 9), s, rng, true);
    QVERIFY(r.images == x);
    const MatrixD plain = infer(m, x, s.inference).h1;
    QCOMPARE(r.hidden.size(), std::size_t(3));
    for (const MatrixD& h1 : r.hidden) QVERIFY(h1 == plain);
  }

  void inpaintRefusesBadMasks() {
    const TpModel<double> m = modelWithPrior(8);
    Rng rng(1);
    const MatrixD x = randomMatrix<double>(2, 9, rng);
    QVERIFY_THROWS_EXCEPTION(Error, inpaint<double>(m, x, MatrixD::Zero(3, 9), {}, rng));
    QVERIFY_THROWS_EXCEPTION(Error, inpaint<double>(m, x, MatrixD::Constant(2, 9, 0.5), {}, rng));
  }
};

QTEST_APPLESS_MAIN(TestTpSampling)
#include "test_tp_sampling.moc"
