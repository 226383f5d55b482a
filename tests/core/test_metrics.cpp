// Metrics against brute-force formulas: weight sparsity ρ, squared weight w², histograms, mean
// activations, Parzen log-likelihood (direct double loops vs the blocked GEMM version), σ selection,
// and the reconstruction error definition.
#include <QtTest>

#include "tests/support/expect_error.h"

#include <cmath>
#include <numbers>

#include "core/metrics/activations.h"
#include "core/metrics/parzen.h"
#include "core/metrics/weight_stats.h"
#include "core/sampling/conditionals.h"
#include "core/sampling/reconstruction.h"
#include "tests/support/test_models.h"

using namespace vpf;
using namespace vpf::testing;

class TestMetrics : public QObject {
  Q_OBJECT
 private slots:
  void sparsityAndSquaredWeightByLoops() {
    Rng rng(1);
    Matrix w(7, 5);
    for (Eigen::Index i = 0; i < w.size(); ++i) w.data()[i] = static_cast<float>(rng.normal());
    double rho = 0, sq = 0;
    for (int j = 0; j < 5; ++j) {
      double s2 = 0, s4 = 0;
      for (int i = 0; i < 7; ++i) {
        s2 += double(w(i, j)) * w(i, j);
        s4 += std::pow(double(w(i, j)), 4);
      }
      rho += s2 * s2 / s4;
      sq += s2;
    }
    QVERIFY(std::abs(weightSparsity(w) - rho / 35.0) < 1e-9);
    QVERIFY(std::abs(squaredWeight(w) - sq / 5.0) < 1e-6);
  }

  void sparsityExtremes() {
    // One non-zero weight per hidden unit: ρ = 1/|x|; all weights equal: ρ = 1.
    Matrix oneHot = Matrix::Zero(10, 4);
    for (int j = 0; j < 4; ++j) oneHot(j, j) = 2.0f;
    QVERIFY(std::abs(weightSparsity(oneHot) - 0.1) < 1e-9);
    QVERIFY(std::abs(weightSparsity(Matrix::Constant(10, 4, 0.3f)) - 1.0) < 1e-6);
  }

  void histogramCountsAndMean() {
    RowVector v(6);
    v << 0.0f, 0.05f, 0.26f, 0.5f, 0.99f, 1.0f;
    const Histogram h = histogram(v, 10);
    QCOMPARE(int(h.counts.size()), 10);
    QCOMPARE(h.counts[0], 2);
    QCOMPARE(h.counts[2], 1);
    QCOMPARE(h.counts[5], 1);
    QCOMPARE(h.counts[9], 2);  // 0.99 and the closed upper edge
    QVERIFY(std::abs(h.mean - v.cast<double>().mean()) < 1e-12);
  }

  void meanActivationsAreMeansOfConditionals() {
    Rng rng(4);
    BoltzmannMachine m = randomMachine<float>({6, 4, 3}, false, rng);
    const Matrix data = rng.bernoulli(Matrix::Constant(30, 6, 0.4f));
    const auto means = meanHiddenActivations(m, data);
    QCOMPARE(int(means.size()), 2);
    for (int j = 0; j < 4; ++j) {
      double s = 0;
      for (int n = 0; n < 30; ++n) {
        double z = m.b[1][j];
        for (int i = 0; i < 6; ++i) z += data(n, i) * m.W[0](i, j);
        s += 1 / (1 + std::exp(-z));
      }
      QVERIFY(std::abs(means[0][j] - s / 30) < 1e-5);
    }
  }

  void parzenMatchesDirectSum() {
    Rng rng(8);
    const Matrix samples = rng.bernoulli(Matrix::Constant(37, 9, 0.3f));
    const Matrix test = rng.bernoulli(Matrix::Constant(23, 9, 0.3f));
    const double sigma = 0.35;
    const Eigen::VectorXd fast = parzenLogDensities(samples, test, sigma, 5);  // several blocks
    double meanDirect = 0;
    std::vector<double> direct;
    for (int i = 0; i < 23; ++i) {
      double s = 0;
      for (int j = 0; j < 37; ++j) {
        const double d2 = (test.row(i) - samples.row(j)).cast<double>().squaredNorm();
        s += std::exp(-d2 / (2 * sigma * sigma));
      }
      const double lp = std::log(s / 37) - 9 * std::log(sigma * std::sqrt(2 * std::numbers::pi));
      direct.push_back(lp);
      meanDirect += lp / 23;
      QVERIFY2(std::abs(fast[i] - lp) < 1e-6 * std::max(1.0, std::abs(lp)), qPrintable(QString::number(fast[i] - lp)));
    }
    const ParzenResult r = parzenLogLikelihood(samples, test, sigma, {}, 4);
    QVERIFY(std::abs(r.mean - meanDirect) < 1e-6 * std::abs(meanDirect));
    double var = 0;
    for (double d : direct) var += (d - meanDirect) * (d - meanDirect);
    QVERIFY(std::abs(r.standardError - std::sqrt(var / 22 / 23)) < 1e-6);
    QCOMPARE(r.testImages, 23);
  }

  void parzenCancelAndErrors() {
    Rng rng(9);
    const Matrix samples = rng.bernoulli(Matrix::Constant(10, 4, 0.5f));
    const Matrix test = rng.bernoulli(Matrix::Constant(10, 4, 0.5f));
    const ParzenResult r = parzenLogLikelihood(samples, test, 0.2, [](double) { return false; }, 3);
    QVERIFY(r.cancelled);
    QCOMPARE(r.testImages, 3);
    QVERIFY(vpf::testing::errorOf([&] { parzenLogLikelihood(samples, test, -1); }) != "<no error>");
    QVERIFY(vpf::testing::errorOf([&] { parzenLogLikelihood(samples, Matrix(3, 5), 0.2); }) != "<no error>");
  }

  void sigmaSelectionPicksTheBestCandidate() {
    Rng rng(10);
    const Matrix samples = rng.bernoulli(Matrix::Constant(50, 8, 0.5f));
    const Matrix valid = rng.bernoulli(Matrix::Constant(20, 8, 0.5f));
    const std::vector<double> candidates{0.1, 0.3, 1.0};
    const double best = selectParzenSigma(samples, valid, candidates);
    for (double c : candidates)
      QVERIFY(parzenLogDensities(samples, valid, best).mean() >= parzenLogDensities(samples, valid, c).mean());
  }

  void reconstructionKeepsKnownPixelsAndUsesL1() {
    Rng rng(12);
    BoltzmannMachine m = randomMachine<float>({8, 5}, false, rng);
    const Matrix images = rng.bernoulli(Matrix::Constant(4, 8, 0.5f));
    RowVector mask = RowVector::Zero(8);
    mask.head(3).setOnes();
    const Matrix rec = reconstruct(m, images, mask, 2, rng);
    QCOMPARE((rec.rightCols(5) - images.rightCols(5)).cwiseAbs().maxCoeff(), 0.0f);
    QVERIFY(rec.leftCols(3).minCoeff() > 0.0f && rec.leftCols(3).maxCoeff() < 1.0f);  // probabilities
    const Eigen::VectorXd e = reconstructionErrors(images, rec);
    for (int r = 0; r < 4; ++r) QVERIFY(std::abs(e[r] - (images.row(r) - rec.row(r)).cwiseAbs().sum()) < 1e-5);
  }

  // Zero start, one transition: h ~ p(h | known pixels, corrupted = 0), result p(v|h) there.
  void zeroStartReconstructionByHand() {
    Rng rng(13);
    BoltzmannMachine m = randomMachine<float>({8, 5}, false, rng);
    const Matrix images = rng.bernoulli(Matrix::Constant(6, 8, 0.5f));
    RowVector mask = RowVector::Zero(8);
    mask.tail(4).setOnes();
    Rng a(99), b(99);
    const Matrix rec = reconstruct(m, images, mask, 1, a, CorruptionStart::Zeros);
    Matrix start = images;
    start.rightCols(4).setZero();
    const Matrix p = downProbability(m, 0, b.bernoulli(upProbability(m, 1, start)));
    QVERIFY((rec.rightCols(4) - p.rightCols(4)).cwiseAbs().maxCoeff() < 1e-6f);
    QCOMPARE((rec.leftCols(4) - images.leftCols(4)).cwiseAbs().maxCoeff(), 0.0f);
    QVERIFY(vpf::testing::errorOf([] { parseCorruptionStart("ones"); }) != "<no error>");
  }
};

QTEST_APPLESS_MAIN(TestMetrics)
#include "test_metrics.moc"
