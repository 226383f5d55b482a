// The MPF objective and its gradient (paper eq. 1–2) against an independent computation:
// K recomputed from its definition by flipping each unit and taking exp(½(E(y) − E(y'))), and the
// gradient against central finite differences in double precision.
#include <QtTest>

#include <cmath>

#include "core/learning/mpf_objective.h"
#include "core/learning/optimizer.h"
#include "core/learning/vpf_trainer.h"
#include "tests/support/test_models.h"

using namespace vpf;
using namespace vpf::testing;

namespace {

// K from the definition: Σ over one-bit flips y → y' of exp(½(E(y) − E(y'))), averaged over samples.
double objectiveByFlips(const BasicBoltzmannMachine<double>& m, const std::vector<MatrixD>& y) {
  double total = 0;
  const auto e0 = energy(m, y);
  for (int l = 0; l < m.layerCount(); ++l) {
    for (Eigen::Index j = 0; j < y[l].cols(); ++j) {
      auto flipped = y;
      flipped[l].col(j) = (1.0 - y[l].col(j).array()).matrix();
      const auto e1 = energy(m, flipped);
      total += (0.5 * (e0 - e1).array()).exp().sum();
    }
  }
  return total / static_cast<double>(y[0].rows());
}

void checkGradient(const std::vector<int>& sizes, bool intra) {
  Rng rng(7);
  auto m = randomMachine<double>(sizes, intra, rng);
  const auto y = randomStates<double>(sizes, 5, rng);
  auto grad = BasicBoltzmannMachine<double>::zeros(sizes, intra);
  const double k = mpfObjective(m, y, &grad);
  QVERIFY2(std::abs(k - objectiveByFlips(m, y)) < 1e-10 * std::max(1.0, k), "K differs from its definition");

  const double h = 1e-6;
  double worst = 0;
  auto probe = [&](double& param, double analytic, double* mirror = nullptr) {
    const double saved = param;
    param = saved + h;
    if (mirror) *mirror = param;
    const double up = mpfObjective<double>(m, y);
    param = saved - h;
    if (mirror) *mirror = param;
    const double down = mpfObjective<double>(m, y);
    param = saved;
    if (mirror) *mirror = saved;
    const double numeric = (up - down) / (2 * h);
    worst = std::max(worst, std::abs(numeric - analytic) / std::max(1.0, std::abs(numeric)));
  };
  for (std::size_t l = 0; l < m.W.size(); ++l)
    for (Eigen::Index i = 0; i < m.W[l].rows(); ++i)
      for (Eigen::Index j = 0; j < m.W[l].cols(); ++j) probe(m.W[l](i, j), grad.W[l](i, j));
  for (std::size_t l = 0; l < m.b.size(); ++l)
    for (Eigen::Index j = 0; j < m.b[l].size(); ++j) probe(m.b[l][j], grad.b[l][j]);
  for (std::size_t l = 0; l < m.L.size(); ++l)
    for (Eigen::Index i = 0; i < m.L[l].rows(); ++i)
      for (Eigen::Index j = i + 1; j < m.L[l].cols(); ++j) probe(m.L[l](i, j), grad.L[l](i, j), &m.L[l](j, i));
  qInfo("sizes %d layers, intra %d: worst relative gradient error %.2e", int(sizes.size()), int(intra), worst);
  QVERIFY2(worst < 1e-6, qPrintable(QString("finite-difference mismatch %1").arg(worst)));
  for (const auto& l : grad.L) {
    if (l.size() == 0) continue;
    QCOMPARE((l - l.transpose()).cwiseAbs().maxCoeff(), 0.0);
    QCOMPARE(l.diagonal().cwiseAbs().maxCoeff(), 0.0);
  }
}

}  // namespace

class TestMpfGradient : public QObject {
  Q_OBJECT
 private slots:
  void rbm() { checkGradient({6, 4}, false); }
  void dbm1() { checkGradient({5, 4, 3}, false); }
  void dbm2WithIntraLayerWeights() { checkGradient({5, 4, 3}, true); }
  void fourLayerIntra() { checkGradient({4, 3, 3, 2}, true); }

  void floatMatchesDouble() {
    Rng rng(3);
    auto md = randomMachine<double>({8, 5, 4}, true, rng);
    const auto yd = randomStates<double>({8, 5, 4}, 6, rng);
    auto mf = md.cast<float>();
    std::vector<Matrix> yf;
    for (const auto& y : yd) yf.push_back(y.cast<float>());
    auto gd = BasicBoltzmannMachine<double>::zeros(md.sizes, true);
    auto gf = BoltzmannMachine::zeros(md.sizes, true);
    const double kd = mpfObjective(md, yd, &gd);
    const float kf = mpfObjective(mf, yf, &gf);
    QVERIFY(std::abs(kd - kf) < 1e-4 * kd);
    QVERIFY((gd.W[1].cast<float>() - gf.W[1]).cwiseAbs().maxCoeff() < 1e-4f);
  }

  // The descent update of eq. 2 is local: Δw_ij = −(y_j α_i δ_i + y_i α_j δ_j), one sample.
  void updateIsTheLocalRule() {
    Rng rng(11);
    auto m = randomMachine<double>({3, 2}, false, rng);
    const auto y = randomStates<double>({3, 2}, 1, rng);
    auto g = BasicBoltzmannMachine<double>::zeros(m.sizes, false);
    mpfObjective(m, y, &g);
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 2; ++j) {
        const auto zi = localField(m, y, 0)(0, i), zj = localField(m, y, 1)(0, j);
        const double ai = 0.5 - y[0](0, i), aj = 0.5 - y[1](0, j);
        const double di = std::exp(ai * zi), dj = std::exp(aj * zj);
        const double rule = -(y[1](0, j) * ai * di + y[0](0, i) * aj * dj);
        QVERIFY(std::abs(-g.W[0](i, j) - rule) < 1e-12);
      }
  }

  // Invariants after real optimizer updates: L symmetric with zero diagonal.
  void intraLayerInvariantsHoldAfterUpdates() {
    Rng rng(5);
    Matrix data = rng.bernoulli(Matrix::Constant(200, 12, 0.3f));
    InitOptions init;
    BoltzmannMachine m = makeMachine(12, parseArchitecture("dbm:6,4", true), init, rng);
    TrainingConfig c;
    c.epochs = 3;
    c.batchSize = 20;
    c.learningRate = 0.01;
    VpfTrainer t(m, data, c);
    t.run();
    QCOMPARE(t.epochsDone(), 3);
    for (int l = 1; l < 3; ++l) {
      QVERIFY(m.L[l].cwiseAbs().maxCoeff() > 0);
      QCOMPARE((m.L[l] - m.L[l].transpose()).cwiseAbs().maxCoeff(), 0.0f);
      QCOMPARE(m.L[l].diagonal().cwiseAbs().maxCoeff(), 0.0f);
    }
  }
};

QTEST_APPLESS_MAIN(TestMpfGradient)
#include "test_mpf_gradient.moc"
