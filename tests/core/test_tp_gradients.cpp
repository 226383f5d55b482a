// Target propagation (Bengio et al. 2015), spec C1 tests 1–3 in double: the M-step's local
// regressions and the gradient-mode moves against central finite differences, and the closed forms
// of the h1 move for identity maps (Fig. 2's reading of Eq. 12).
#include <Eigen/LU>
#include <Eigen/QR>
#include <QTest>
#include <cmath>
#include <functional>

#include "core/targetprop/inference.h"
#include "core/targetprop/joint_density.h"
#include "core/targetprop/local_regression.h"
#include "tests/support/tp_test_models.h"

using namespace vpf;
using namespace vpf::targetprop;
using vpf::testing::randomMatrix;
using vpf::testing::randomTpModel;
using vpf::testing::smallArchitecture;

namespace {

constexpr double kStep = 1e-6;  // central differences: truncation ~1e-12, rounding ~1e-10

// Central finite-difference gradient of f with respect to every entry of m.
MatrixD numericGradient(MatrixD& m, const std::function<double()>& f) {
  MatrixD g(m.rows(), m.cols());
  for (Eigen::Index i = 0; i < m.size(); ++i) {
    const double keep = m.data()[i];
    m.data()[i] = keep + kStep;
    const double up = f();
    m.data()[i] = keep - kStep;
    const double down = f();
    m.data()[i] = keep;
    g.data()[i] = (up - down) / (2 * kStep);
  }
  return g;
}

double relativeError(const MatrixD& a, const MatrixD& b) { return (a - b).norm() / std::max(b.norm(), 1e-300); }

}  // namespace

class TestTpGradients : public QObject {
  Q_OBJECT

 private slots:
  void localRegressionMatchesFiniteDifferences_data() {
    QTest::addColumn<int>("activation");
    QTest::newRow("softplus") << static_cast<int>(Activation::Softplus);
    QTest::newRow("sigmoid") << static_cast<int>(Activation::Sigmoid);
    QTest::newRow("identity") << static_cast<int>(Activation::Identity);
  }
  // Test 1: ∇P and ∇c of ℓ = (1/N)‖a(ŨP + c) − T‖²_F with the corrupted input Ũ held fixed.
  void localRegressionMatchesFiniteDifferences() {
    QFETCH(int, activation);
    const auto a = static_cast<Activation>(activation);
    Rng rng(11);
    const MatrixD input = randomMatrix<double>(6, 5, rng);
    const MatrixD target = randomMatrix<double>(6, 4, rng, 0.5, 0.5);
    MatrixD weights = randomMatrix<double>(5, 4, rng);
    MatrixD bias = randomMatrix<double>(1, 4, rng, 0.3);
    MatrixD gradP;
    RowVectorD gradC;
    localRegression<double>(input, target, weights, bias, a, &gradP, &gradC);
    const auto loss = [&] { return localRegression<double>(input, target, weights, RowVectorD(bias), a); };
    // ℓ against its definition, computed entry by entry.
    double direct = 0;
    for (int r = 0; r < 6; ++r)
      for (int j = 0; j < 4; ++j) {
        double z = bias(0, j);
        for (int k = 0; k < 5; ++k) z += input(r, k) * weights(k, j);
        const double y = a == Activation::Softplus  ? std::log1p(std::exp(z))
                         : a == Activation::Sigmoid ? 1 / (1 + std::exp(-z))
                                                    : z;
        direct += (y - target(r, j)) * (y - target(r, j)) / 6;
      }
    QVERIFY(std::abs(loss() - direct) < 1e-13);
    const double errP = relativeError(gradP, numericGradient(weights, loss));
    const double errC = relativeError(gradC, numericGradient(bias, loss));
    qInfo("%s: relative error of dP %.2e, of dc %.2e", activationName(a).c_str(), errP, errC);
    QVERIFY(errP <= 1e-6);
    QVERIFY(errC <= 1e-6);
  }

  // Test 2: the gradient mode moves along the finite-difference gradient of the local terms:
  // H2 along ∇_{h2} ℓ(x, h) (only log p(h1|h2) depends on h2) and H1's δ term along ∇_{h1} log p(x|h1).
  void gradientModeFollowsFiniteDifferences() {
    const TpModel<double> model = randomTpModel<double>(smallArchitecture(7, 5, 3), 5, 0.8);
    Rng rng(3);
    const MatrixD x = randomMatrix<double>(4, 7, rng, 0.5, 0.5);
    MatrixD h1 = randomMatrix<double>(4, 5, rng, 1, 0.5), h2 = randomMatrix<double>(4, 3, rng, 0.5, 0.5);
    InferenceSettings s;
    s.mode = InferenceMode::Gradient;
    s.alpha = 0;
    s.delta = 0.01;
    Inference<double> inference(model, x, s);
    inference.setState(h1, h2);
    inference.step();
    const MatrixD moveH2 = (inference.state().h2 - h2) / s.delta;
    const MatrixD moveH1 = (inference.state().h1 - h1) / s.delta;

    const auto joint = [&] { return logJointWithoutPrior<double>(model, x, {h1, h2}).sum(); };
    const auto visibleTerm = [&] { return -0.5 * (x - model.g1(h1)).squaredNorm(); };
    const double errH2 = relativeError(moveH2, numericGradient(h2, joint));
    const double errH1 = relativeError(moveH1, numericGradient(h1, visibleTerm));
    qInfo("gradient mode: relative error of the h2 move %.2e, of the h1 move %.2e", errH2, errH1);
    QVERIFY(errH2 <= 1e-6);
    QVERIFY(errH1 <= 1e-6);
  }

  // Test 3a: identity maps, zero biases, α = 0, g1(h) = hG with G orthogonal and f1(x) = xGᵀ: the
  // targetprop move is δ ∇_h log p(x|h) = δ (x − hG)Gᵀ, and log p(x|h) rises at every step (the
  // residual shrinks by |1 − δ|).
  void orthogonalClosedForm() {
    TpArchitecture arch = smallArchitecture(6, 6, 3);
    arch.f1 = arch.f2 = arch.g1 = arch.g2 = Activation::Identity;
    TpModel<double> model = randomTpModel<double>(arch, 8);
    model.b1.setZero();
    model.b2.setZero();
    model.c1.setZero();
    model.c2.setZero();
    Rng rng(21);
    const Eigen::HouseholderQR<Eigen::MatrixXd> qr(randomMatrix<double>(6, 6, rng));
    const MatrixD g = qr.householderQ();
    model.V1 = g;
    model.W1 = g.transpose();
    const MatrixD x = randomMatrix<double>(3, 6, rng);
    const MatrixD h1 = randomMatrix<double>(3, 6, rng), h2 = randomMatrix<double>(3, 3, rng);
    for (double delta : {0.1, 0.5, 1.5, 1.9}) {
      InferenceSettings s;
      s.alpha = 0;
      s.delta = delta;
      Inference<double> inference(model, x, s);
      inference.setState(h1, h2);
      inference.step();
      const MatrixD expected = h1 + delta * (x - h1 * g) * g.transpose();
      QVERIFY((inference.state().h1 - expected).cwiseAbs().maxCoeff() < 1e-12);
      const auto logLikelihood = [&] { return -0.5 * (x - inference.state().h1 * g).squaredNorm(); };
      inference.setState(h1, h2);
      double previous = logLikelihood();
      const double start = previous;
      for (int t = 1; t <= 10; ++t) {
        inference.step();
        const double now = logLikelihood();
        QVERIFY2(now > previous, qPrintable(QString("δ = %1, step %2").arg(delta).arg(t)));
        previous = now;
      }
      // −½‖r‖² scales by (1 − δ)² per step.
      QVERIFY(std::abs(previous / start - std::pow(1 - delta, 20)) < 1e-9);
    }
  }

  // Test 3b: G invertible, f1(x) = xG⁻¹, δ = 1: one step lands on h1 = xG⁻¹ (g1(h1) = x, Fig. 2).
  void inverseLandsInOneStep() {
    TpArchitecture arch = smallArchitecture(5, 5, 2);
    arch.f1 = arch.f2 = arch.g1 = arch.g2 = Activation::Identity;
    TpModel<double> model = randomTpModel<double>(arch, 9);
    model.b1.setZero();
    model.b2.setZero();
    model.c1.setZero();
    model.c2.setZero();
    Rng rng(4);
    const MatrixD g = randomMatrix<double>(5, 5, rng) + 3 * MatrixD::Identity(5, 5);
    model.V1 = g;
    model.W1 = g.inverse();
    const MatrixD x = randomMatrix<double>(4, 5, rng);
    InferenceSettings s;
    s.alpha = 0;
    s.delta = 1;
    Inference<double> inference(model, x, s);
    inference.setState(randomMatrix<double>(4, 5, rng, 2), randomMatrix<double>(4, 2, rng));
    inference.step();
    QVERIFY((inference.state().h1 - x * g.inverse()).cwiseAbs().maxCoeff() < 1e-10);
    QVERIFY((model.g1(inference.state().h1) - x).cwiseAbs().maxCoeff() < 1e-10);
  }
};

QTEST_APPLESS_MAIN(TestTpGradients)
#include "test_tp_gradients.moc"
