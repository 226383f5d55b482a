// True DBM log-likelihoods (core/likelihood/dbm_likelihood.h) against brute-force enumeration of
// every joint state: the exact log Z, AIS within 0.05 nats of it (with and without intra-layer
// weights, two and three hidden layers), the mean-field bound below the exact log p(v) on every
// visible vector, and the coordinate ascent that never lowers the bound.
#include <QtTest>
#include <cmath>

#include "core/common/error.h"
#include "core/common/rng.h"
#include "core/likelihood/dbm_likelihood.h"

using namespace vpf;

namespace {

BoltzmannMachine randomMachine(const std::vector<int>& sizes, bool intra, double scale, std::uint64_t seed) {
  Rng rng(seed);
  BoltzmannMachine m = BoltzmannMachine::zeros(sizes, intra);
  for (auto& w : m.W)
    for (Eigen::Index i = 0; i < w.size(); ++i) w.data()[i] = static_cast<float>(scale * rng.normal());
  for (auto& b : m.b)
    for (Eigen::Index i = 0; i < b.size(); ++i) b[i] = static_cast<float>(0.5 * rng.normal());
  for (auto& l : m.L)
    for (Eigen::Index i = 0; i < l.rows(); ++i)
      for (Eigen::Index j = 0; j < i; ++j) l(i, j) = l(j, i) = static_cast<float>(scale * rng.normal());
  return m;
}

// −E of one joint state written unit by unit from the energy's definition (DESIGN §3).
double negativeEnergy(const BoltzmannMachine& m, const std::vector<std::vector<int>>& y) {
  double t = 0;
  for (int l = 0; l < m.layerCount(); ++l)
    for (int i = 0; i < m.sizes[l]; ++i) {
      if (!y[l][i]) continue;
      t += m.b[l][i];
      if (l + 1 < m.layerCount())
        for (int j = 0; j < m.sizes[l + 1]; ++j) t += y[l + 1][j] * m.W[l](i, j);
      if (m.hasIntra(l))
        for (int j = 0; j < i; ++j) t += y[l][j] * m.L[l](i, j);  // each pair once: ½ Σ_ij over i ≠ j
    }
  return t;
}

std::vector<std::vector<int>> stateOf(const BoltzmannMachine& m, unsigned s, int firstLayer) {
  std::vector<std::vector<int>> y(m.layerCount());
  int bit = 0;
  for (int l = 0; l < m.layerCount(); ++l) {
    y[l].assign(m.sizes[l], 0);
    if (l < firstLayer) continue;
    for (int i = 0; i < m.sizes[l]; ++i) y[l][i] = s >> bit++ & 1u;
  }
  return y;
}

double logSum(const std::vector<double>& terms) {
  const double top = *std::max_element(terms.begin(), terms.end());
  double sum = 0;
  for (double t : terms) sum += std::exp(t - top);
  return top + std::log(sum);
}

double bruteForceLogZ(const BoltzmannMachine& m) {
  int units = 0;
  for (int n : m.sizes) units += n;
  std::vector<double> terms;
  for (unsigned s = 0; s < (1u << units); ++s) terms.push_back(negativeEnergy(m, stateOf(m, s, 0)));
  return logSum(terms);
}

// log Σ_h exp(−E(v, h)) for one visible vector.
double bruteForceLogMarginal(const BoltzmannMachine& m, const Matrix& v, Eigen::Index row) {
  int hidden = 0;
  for (int l = 1; l < m.layerCount(); ++l) hidden += m.sizes[l];
  std::vector<double> terms;
  for (unsigned s = 0; s < (1u << hidden); ++s) {
    std::vector<std::vector<int>> y = stateOf(m, s, 1);
    for (int i = 0; i < m.sizes[0]; ++i) y[0][i] = v(row, i) > 0.5f;
    terms.push_back(negativeEnergy(m, y));
  }
  return logSum(terms);
}

Matrix someData(int n, int nv, std::uint64_t seed) {
  Rng rng(seed);
  return rng.bernoulli(Matrix::Constant(n, nv, 0.3f));
}

Matrix everyVisibleVector(int nv) {
  Matrix v(1 << nv, nv);
  for (int s = 0; s < (1 << nv); ++s)
    for (int i = 0; i < nv; ++i) v(s, i) = static_cast<float>(s >> i & 1);
  return v;
}

struct Case {
  const char* name;
  std::vector<int> sizes;
  bool intra;
};
const std::vector<Case>& cases() {
  static const std::vector<Case> c{{"DBM1 6-4-3", {6, 4, 3}, false},
                                   {"DBM2 6-4-3", {6, 4, 3}, true},
                                   {"DBM1 5-4-3-3", {5, 4, 3, 3}, false},
                                   {"DBM2 5-3-3-3", {5, 3, 3, 3}, true}};
  return c;
}

}  // namespace

class TestDbmLikelihood : public QObject {
  Q_OBJECT
 private slots:
  void summedOutLayersAreTheEvenOnesWithoutIntraWeights() {
    const std::vector<bool> dbm1 = summedOutLayers(BoltzmannMachine::zeros({6, 4, 3, 2}, false));
    QCOMPARE(dbm1, (std::vector<bool>{true, false, true, false}));
    const std::vector<bool> dbm2 = summedOutLayers(BoltzmannMachine::zeros({6, 4, 3, 2}, true));
    QCOMPARE(dbm2, (std::vector<bool>{true, false, false, false}));
    QCOMPARE(keptUnits(BoltzmannMachine::zeros({6, 4, 3, 2}, false)), 6);
    QCOMPARE(keptUnits(BoltzmannMachine::zeros({6, 4, 3, 2}, true)), 9);
  }

  void theExactSumIsTheBruteForceSumOverEveryJointState() {
    for (const Case& c : cases()) {
      const BoltzmannMachine m = randomMachine(c.sizes, c.intra, 1.0, 3);
      const PartitionEstimate e = exactDbmLogPartition(m);
      QVERIFY(e.exact);
      const double brute = bruteForceLogZ(m);
      QVERIFY2(std::abs(e.logZ - brute) < 1e-9,
               qPrintable(QStringLiteral("%1: %2 vs %3").arg(c.name).arg(e.logZ).arg(brute)));
    }
    QVERIFY_THROWS_EXCEPTION(Error, exactDbmLogPartition(BoltzmannMachine::zeros({30, 30, 2}, false)));
  }

  void aisIsWithinAFewHundredthsOfANatOfTheExactValue() {
    for (const Case& c : cases()) {
      const BoltzmannMachine m = randomMachine(c.sizes, c.intra, 1.0, 5);
      const double exact = exactDbmLogPartition(m).logZ;
      const Matrix data = someData(200, c.sizes[0], 1);
      const PartitionEstimate ais = aisDbmLogPartition(m, data, 100, 14500, 7);
      qInfo("%s: exact log Z %.4f, AIS %.4f [%.4f, %.4f]", c.name, exact, ais.logZ, ais.logZLow, ais.logZHigh);
      QVERIFY2(std::abs(ais.logZ - exact) < 0.05,
               qPrintable(QStringLiteral("%1: AIS %2, exact %3").arg(c.name).arg(ais.logZ).arg(exact)));
      QVERIFY(ais.logZLow <= ais.logZ && ais.logZ <= ais.logZHigh);
      if (c.intra && c.sizes.size() == 3)
        QCOMPARE(aisDbmLogPartition(m, data, 100, 14500, 7).logZ, ais.logZ);  // deterministic
    }
  }

  void moreBetaStepsShrinkTheError() {
    const BoltzmannMachine m = randomMachine({6, 4, 3}, true, 2.0, 11);  // strong weights: a hard target
    const double exact = exactDbmLogPartition(m).logZ;
    const Matrix data = someData(200, 6, 2);
    double coarse = 0, fine = 0;
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
      coarse += std::abs(aisDbmLogPartition(m, data, 50, 20, seed).logZ - exact);
      fine += std::abs(aisDbmLogPartition(m, data, 50, 5000, seed).logZ - exact);
    }
    qInfo("DBM2 6-4-3, mean |AIS − exact| over 4 seeds: %.4f with 20 β steps, %.4f with 5000", coarse / 4, fine / 4);
    QVERIFY(fine < coarse / 3);
  }

  void theMeanFieldBoundIsBelowTheExactLogProbabilityOfEveryVector() {
    for (const Case& c : cases()) {
      const BoltzmannMachine m = randomMachine(c.sizes, c.intra, 1.0, 9);
      const double logZ = exactDbmLogPartition(m).logZ;
      const Matrix v = everyVisibleVector(c.sizes[0]);
      const Eigen::VectorXd bound = meanFieldBound(m, v);
      double gap = 0, total = 0;
      for (Eigen::Index n = 0; n < v.rows(); ++n) {
        const double exact = bruteForceLogMarginal(m, v, n);
        QVERIFY2(bound[n] <= exact + 1e-9,
                 qPrintable(QStringLiteral("%1, v %2: bound %3 > %4").arg(c.name).arg(n).arg(bound[n]).arg(exact)));
        gap = std::max(gap, exact - bound[n]);
        total += std::exp(exact - logZ);
      }
      QVERIFY(std::abs(total - 1) < 1e-9);  // the enumerated marginals are a distribution
      qInfo("%s: largest gap log p(v) − bound %.4f nats", c.name, gap);
      QVERIFY(gap < 2.0);  // a bound, but not a vacuous one
      const LogLikelihood ll = dbmLogLikelihoodBound(m, v, logZ);
      QCOMPARE(ll.images, int(v.rows()));
      QVERIFY(std::abs(ll.mean - (bound.mean() - logZ)) < 1e-9);
    }
  }

  void moreMeanFieldSweepsNeverLowerTheBound() {
    const BoltzmannMachine m = randomMachine({6, 5, 4, 3}, true, 1.5, 13);
    const Matrix v = everyVisibleVector(6);
    Eigen::VectorXd previous = meanFieldBound(m, v, {0, 0});
    for (int sweeps = 1; sweeps <= 6; ++sweeps) {
      const Eigen::VectorXd next = meanFieldBound(m, v, {sweeps, 0});
      QVERIFY2((next.array() >= previous.array() - 1e-12).all(), qPrintable(QString::number(sweeps)));
      previous = next;
    }
    // At convergence one more sweep changes no mean by more than the tolerance.
    const std::vector<MatrixD> mu = meanFieldPosterior(m, v, {1000, 1e-12});
    const std::vector<MatrixD> more = meanFieldPosterior(m, v, {1001, 0});
    for (std::size_t l = 1; l < mu.size(); ++l) QVERIFY((mu[l] - more[l]).cwiseAbs().maxCoeff() < 1e-10);
  }

  void aisCancelsAndRefusesBadInput() {
    const BoltzmannMachine m = randomMachine({8, 4, 3}, false, 1.0, 1);
    QVERIFY(aisDbmLogPartition(m, someData(10, 8, 1), 10, 1000, 1, [](double f) { return f < 0.3; }).cancelled);
    QVERIFY_THROWS_EXCEPTION(Error, aisDbmLogPartition(m, someData(10, 8, 1), 1, 100, 1));
    QVERIFY_THROWS_EXCEPTION(Error, aisDbmLogPartition(m, someData(10, 7, 1), 10, 100, 1));
    QVERIFY_THROWS_EXCEPTION(Error, meanFieldBound(m, someData(10, 7, 1)));
  }
};

QTEST_GUILESS_MAIN(TestDbmLikelihood)
#include "test_dbm_likelihood.moc"
