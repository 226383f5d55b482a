// True RBM log-likelihoods (core/likelihood/rbm_likelihood.h): the exact partition function against
// a brute-force sum over every joint state, AIS within 0.05 nats of it, AIS improving with more β
// steps, and log p(v) = −F(v) − log Z against the enumerated marginal.
#include <QtTest>

#include <cmath>

#include "core/common/error.h"
#include "core/common/rng.h"
#include "core/likelihood/rbm_likelihood.h"

using namespace vpf;

namespace {

BoltzmannMachine randomRbm(int nv, int nh, double scale, std::uint64_t seed) {
  Rng rng(seed);
  BoltzmannMachine m = BoltzmannMachine::zeros({nv, nh}, false);
  for (Eigen::Index i = 0; i < m.W[0].size(); ++i) m.W[0].data()[i] = static_cast<float>(scale * rng.normal());
  for (int i = 0; i < nv; ++i) m.b[0][i] = static_cast<float>(0.5 * rng.normal());
  for (int j = 0; j < nh; ++j) m.b[1][j] = static_cast<float>(0.5 * rng.normal());
  return m;
}

// log Σ_{v,h} exp(b·v + c·h + vWh), every joint state written out.
double bruteForceLogZ(const BoltzmannMachine& m) {
  const int nv = m.sizes[0], nh = m.sizes[1];
  double top = -INFINITY;
  std::vector<double> terms;
  for (unsigned s = 0; s < (1u << (nv + nh)); ++s) {
    double t = 0;
    for (int i = 0; i < nv; ++i)
      if (s >> i & 1u) t += m.b[0][i];
    for (int j = 0; j < nh; ++j)
      if (s >> (nv + j) & 1u) t += m.b[1][j];
    for (int i = 0; i < nv; ++i)
      for (int j = 0; j < nh; ++j)
        if ((s >> i & 1u) && (s >> (nv + j) & 1u)) t += m.W[0](i, j);
    terms.push_back(t);
    top = std::max(top, t);
  }
  double sum = 0;
  for (double t : terms) sum += std::exp(t - top);
  return top + std::log(sum);
}

Matrix someData(int n, int nv, std::uint64_t seed) {
  Rng rng(seed);
  return rng.bernoulli(Matrix::Constant(n, nv, 0.3f));
}

}  // namespace

class TestLikelihood : public QObject {
  Q_OBJECT
 private slots:
  void theExactSumIsTheBruteForceSumOverBothLayers() {
    for (auto [nv, nh] : {std::pair{8, 5}, std::pair{5, 9}}) {  // enumerates the hidden, then the visible layer
      const BoltzmannMachine m = randomRbm(nv, nh, 1.0, 3 + nv);
      const PartitionEstimate e = exactLogPartition(m);
      QVERIFY(e.exact);
      QVERIFY2(std::abs(e.logZ - bruteForceLogZ(m)) < 1e-9, qPrintable(QString::number(e.logZ)));
    }
    QVERIFY_THROWS_EXCEPTION(Error, exactLogPartition(BoltzmannMachine::zeros({30, 30}, false)));
    QVERIFY_THROWS_EXCEPTION(Error, exactLogPartition(BoltzmannMachine::zeros({4, 3, 2}, false)));
  }

  void betaScheduleIsSalakhutdinovAndMurrays() {
    const std::vector<double> b = aisBetaSchedule(14500);
    QCOMPARE(b.size(), std::size_t(14501));
    QCOMPARE(b.front(), 0.0);
    QCOMPARE(b[1000], 0.5);
    QCOMPARE(b[5000], 0.9);
    QCOMPARE(b.back(), 1.0);
    for (std::size_t k = 1; k < b.size(); ++k) QVERIFY(b[k] > b[k - 1]);
  }

  void aisIsWithinAFewHundredthsOfANatOfTheExactValue() {
    const BoltzmannMachine m = randomRbm(16, 10, 1.0, 5);
    const double exact = exactLogPartition(m).logZ;
    const PartitionEstimate ais = aisLogPartition(m, someData(200, 16, 1), 100, 14500, 7);
    QVERIFY2(std::abs(ais.logZ - exact) < 0.05, qPrintable(QStringLiteral("AIS %1, exact %2").arg(ais.logZ).arg(exact)));
    qInfo("RBM 16-10: exact log Z %.4f, AIS %.4f [%.4f, %.4f]", exact, ais.logZ, ais.logZLow, ais.logZHigh);
    QVERIFY(ais.logZLow <= ais.logZ && ais.logZ <= ais.logZHigh);
    QCOMPARE(ais.runs, 100);
    QCOMPARE(ais.betas, 14500);
    // Deterministic for a seed.
    QCOMPARE(aisLogPartition(m, someData(200, 16, 1), 100, 14500, 7).logZ, ais.logZ);
  }

  void moreBetaStepsShrinkTheError() {
    const BoltzmannMachine m = randomRbm(16, 10, 2.0, 11);  // strong weights: a hard target
    const double exact = exactLogPartition(m).logZ;
    const Matrix data = someData(200, 16, 2);
    double coarse = 0, fine = 0;
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
      coarse += std::abs(aisLogPartition(m, data, 50, 20, seed).logZ - exact);
      fine += std::abs(aisLogPartition(m, data, 50, 5000, seed).logZ - exact);
    }
    qInfo("mean |AIS − exact| over 4 seeds: %.4f with 20 β steps, %.4f with 5000", coarse / 4, fine / 4);
    QVERIFY2(fine < coarse / 3, qPrintable(QStringLiteral("mean error %1 (20 β) vs %2 (5000 β)").arg(coarse / 4).arg(fine / 4)));
  }

  void logLikelihoodIsTheEnumeratedMarginal() {
    const BoltzmannMachine m = randomRbm(6, 4, 1.0, 9);
    const double logZ = exactLogPartition(m).logZ;
    const Matrix v = someData(5, 6, 3);
    const LogLikelihood ll = rbmLogLikelihood(m, v, logZ);
    double sum = 0;
    for (Eigen::Index n = 0; n < v.rows(); ++n) {
      double total = 0;  // Σ_h exp(−E(v, h))
      for (unsigned h = 0; h < 16; ++h) {
        double t = 0;
        for (int i = 0; i < 6; ++i) t += v(n, i) * m.b[0][i];
        for (int j = 0; j < 4; ++j)
          if (h >> j & 1u) {
            t += m.b[1][j];
            for (int i = 0; i < 6; ++i) t += v(n, i) * m.W[0](i, j);
          }
        total += std::exp(t);
      }
      sum += std::log(total) - logZ;
    }
    QCOMPARE(ll.images, 5);
    QVERIFY(std::abs(ll.mean - sum / 5) < 1e-5);
    QVERIFY(ll.standardError > 0);
  }

  void aisCancelsAndRefusesBadInput() {
    const BoltzmannMachine m = randomRbm(8, 4, 1.0, 1);
    const PartitionEstimate e = aisLogPartition(m, someData(10, 8, 1), 10, 1000, 1, [](double f) { return f < 0.3; });
    QVERIFY(e.cancelled);
    QVERIFY_THROWS_EXCEPTION(Error, aisLogPartition(m, someData(10, 8, 1), 1, 100, 1));
    QVERIFY_THROWS_EXCEPTION(Error, aisLogPartition(m, someData(10, 7, 1), 10, 100, 1));
    QVERIFY_THROWS_EXCEPTION(Error, aisLogPartition(BoltzmannMachine::zeros({4, 3, 2}, false), someData(10, 4, 1), 10, 100, 1));
  }
};

QTEST_GUILESS_MAIN(TestLikelihood)
#include "test_likelihood.moc"
