// Target propagation (Bengio et al. 2015), spec C1 test 4 and the joint log-density of Fig. 4: a batch
// equals the row-by-row loop in both modes, one hand-computed step on 2×2 weights (the H1 move uses
// the H2 just updated), and ℓ(x, h) against its formula.
#include <QTest>
#include <cmath>
#include <numbers>

#include "core/targetprop/inference.h"
#include "core/targetprop/joint_density.h"
#include "core/targetprop/prior.h"
#include "tests/support/tp_test_models.h"

using namespace vpf;
using namespace vpf::targetprop;
using vpf::testing::randomMatrix;
using vpf::testing::randomTpModel;
using vpf::testing::smallArchitecture;

namespace {

template <typename S>
double batchVersusRows(InferenceMode mode) {
  const TpModel<S> model = randomTpModel<S>(smallArchitecture(9, 6, 4), 17);
  Rng rng(2);
  const MatrixT<S> x = randomMatrix<S>(8, 9, rng, 0.5, 0.5);
  InferenceSettings s;
  s.mode = mode;
  s.alpha = 0.3;
  const LatentState<S> batch = infer(model, x, s);
  double worst = 0;
  for (Eigen::Index r = 0; r < x.rows(); ++r) {
    const MatrixT<S> row = x.row(r);
    const LatentState<S> single = infer(model, row, s);
    worst = std::max(worst, static_cast<double>((single.h1 - batch.h1.row(r)).cwiseAbs().maxCoeff()));
    worst = std::max(worst, static_cast<double>((single.h2 - batch.h2.row(r)).cwiseAbs().maxCoeff()));
  }
  return worst;
}

}  // namespace

class TestTpInference : public QObject {
  Q_OBJECT

 private slots:
  void batchEqualsRowLoop() {
    for (InferenceMode mode : {InferenceMode::TargetProp, InferenceMode::Gradient}) {
      const double d = batchVersusRows<double>(mode), f = batchVersusRows<float>(mode);
      qInfo("%s: batch vs rows, max |Δ| %.1e (double), %.1e (float)", inferenceModeName(mode).c_str(), d, f);
      QVERIFY(d <= 1e-12);
      QVERIFY(f <= 1e-5);
    }
  }

  // Identity maps, x = [1, 2], δ = 0.5, α = 0.25; by hand:
  //   H1 = f1(x) = [1, 2], H2 = f2(H1) = [1, 1], g2(H2) = [0.6, 1], g1(H1) = [2, 2]
  //   H2 ← [1, 1] + 0.5 ([1, 1] − f2([0.6, 1]) = [0.6, 0.5]) = [1.2, 1.25]; g2(H2) = [0.7, 1.25]
  //   H1 ← [1, 2] + 0.5 ([1, 2] − [2, 2]) + 0.25 ([0.7, 1.25] − [1, 2]) = [0.425, 1.8125]
  // (with the old H2 the α term would give [0.4, 1.75]).
  void handComputedStep() {
    TpArchitecture arch = smallArchitecture(2, 2, 2);
    arch.f1 = arch.f2 = arch.g1 = arch.g2 = Activation::Identity;
    TpModel<double> m = zeroTpModel<double>(arch);
    m.W1 << 1, 0, 0, 1;
    m.W2 << 1, 0, 0, 0.5;
    m.V2 << 0.5, 0, 0, 1;
    m.c2 << 0.1, 0;
    m.V1 << 2, 0, 0, 1;
    MatrixD x(1, 2);
    x << 1, 2;
    InferenceSettings s;
    s.iterations = 1;
    s.delta = 0.5;
    s.alpha = 0.25;
    const LatentState<double> h = infer(m, x, s);
    QCOMPARE(h.h2(0, 0), 1.2);
    QCOMPARE(h.h2(0, 1), 1.25);
    QVERIFY(std::abs(h.h1(0, 0) - 0.425) < 1e-15);
    QVERIFY(std::abs(h.h1(0, 1) - 1.8125) < 1e-15);
  }

  // The observer sees t = 0 … N; the state at t = 0 is the recognition start f1(x), f2(f1(x)).
  void observerSeesEveryIteration() {
    const TpModel<double> model = randomTpModel<double>(smallArchitecture(), 4);
    Rng rng(1);
    const MatrixD x = randomMatrix<double>(3, 7, rng, 0.5, 0.5);
    InferenceSettings s;
    s.iterations = 6;
    std::vector<int> seen;
    LatentState<double> start;
    infer<double>(model, x, s, [&](int t, const LatentState<double>& h) {
      if (t == 0) start = h;
      seen.push_back(t);
      return t < 4;
    });
    QCOMPARE(seen, (std::vector<int>{0, 1, 2, 3, 4}));
    QVERIFY(start.h1 == model.f1(x));
    QVERIFY(start.h2 == model.f2(model.f1(x)));
    StopToken stop;
    stop.requestStop();
    int calls = 0;
    infer<double>(
        model, x, s, [&](int, const LatentState<double>&) { return ++calls > 0; }, &stop);
    QCOMPARE(calls, 1);  // only t = 0
  }

  // ℓ(x, h) = −½‖x − g1(h1)‖² − ½‖h1 − g2(h2)‖² + log N(h2; μ, diag v) − ½(n0 + n1) log 2π, row by row.
  void jointDensityMatchesFormula() {
    TpModel<double> model = randomTpModel<double>(smallArchitecture(), 6);
    Rng rng(8);
    const MatrixD x = randomMatrix<double>(5, 7, rng, 0.5, 0.5);
    const MatrixD h1 = randomMatrix<double>(5, 5, rng), h2 = randomMatrix<double>(5, 3, rng, 0.4, 0.5);
    model.priorMean = randomMatrix<double>(1, 3, rng, 0.2, 0.5);
    model.priorVar = randomMatrix<double>(1, 3, rng, 0.05, 0.1);
    const Eigen::VectorXd without = logJointWithoutPrior<double>(model, x, {h1, h2});
    const Eigen::VectorXd prior = logPrior<double>(model, h2);
    const double log2pi = std::log(2 * std::numbers::pi);
    for (int r = 0; r < 5; ++r) {
      double expected = -0.5 * (7 + 5) * log2pi;
      const MatrixD g1 = model.g1(h1.row(r)), g2 = model.g2(h2.row(r));
      for (int i = 0; i < 7; ++i) expected -= 0.5 * std::pow(x(r, i) - g1(0, i), 2);
      for (int j = 0; j < 5; ++j) expected -= 0.5 * std::pow(h1(r, j) - g2(0, j), 2);
      double logN = 0;
      for (int k = 0; k < 3; ++k) {
        const double v = model.priorVar(k), d = h2(r, k) - model.priorMean(k);
        logN += -0.5 * std::log(2 * std::numbers::pi * v) - d * d / (2 * v);
      }
      QVERIFY(std::abs(without(r) - expected) < 1e-12);
      QVERIFY(std::abs(prior(r) - logN) < 1e-12);
    }
    InferenceSettings s;
    s.iterations = 4;
    const JointTrajectory curve = jointTrajectory<double>(model, x, s);
    QCOMPARE(curve.withoutPrior.cols(), 5);
    const LatentState<double> end = infer(model, x, s);
    QVERIFY((curve.withoutPrior.col(4) - logJointWithoutPrior<double>(model, x, end)).cwiseAbs().maxCoeff() < 1e-12);
    QVERIFY((curve.withPrior - curve.withoutPrior).col(4).isApprox(logPrior<double>(model, end.h2), 1e-12));
    const MeanCurve mc = meanCurve(curve.withoutPrior);
    const double sd = std::sqrt((curve.withoutPrior.col(2).array() - mc.mean[2]).square().sum() / 4);
    QVERIFY(std::abs(mc.mean[2] - curve.withoutPrior.col(2).mean()) < 1e-12);
    QVERIFY(std::abs(mc.standardError[2] - sd / std::sqrt(5.0)) < 1e-12);
  }
};

QTEST_APPLESS_MAIN(TestTpInference)
#include "test_tp_inference.moc"
