// Exact enumeration on tiny machines: sampler histograms against exact Boltzmann probabilities,
// and VPF / CD-1 / PCD-1 training moving the model's marginal toward the data distribution (KL).
#include <QtTest>

#include <cmath>
#include <map>

#include "core/learning/trainer.h"
#include "core/sampling/conditionals.h"
#include "core/sampling/gibbs_chain.h"
#include "tests/support/test_models.h"

using namespace vpf;
using namespace vpf::testing;

namespace {

// Exact joint distribution over all units (layers concatenated), by enumeration.
Eigen::VectorXd exactJoint(const BoltzmannMachine& m) {
  int total = 0;
  for (int s : m.sizes) total += s;
  const Matrix all = allBinaryStates(total);
  std::vector<Matrix> y;
  int offset = 0;
  for (int s : m.sizes) {
    y.push_back(all.middleCols(offset, s));
    offset += s;
  }
  const Eigen::VectorXd e = energy(m, y).cast<double>();
  Eigen::VectorXd p = (-(e.array() - e.minCoeff())).exp();
  return p / p.sum();
}

int stateIndex(const std::vector<Matrix>& y, Eigen::Index row) {
  int index = 0, bit = 0;
  for (const auto& layer : y)
    for (Eigen::Index j = 0; j < layer.cols(); ++j, ++bit)
      if (layer(row, j) > 0.5f) index |= 1 << bit;
  return index;
}

// Marginal over the visible layer (first n0 bits).
Eigen::VectorXd visibleMarginal(const BoltzmannMachine& m) {
  const Eigen::VectorXd joint = exactJoint(m);
  Eigen::VectorXd p = Eigen::VectorXd::Zero(1 << m.sizes[0]);
  for (Eigen::Index s = 0; s < joint.size(); ++s) p[s & ((1 << m.sizes[0]) - 1)] += joint[s];
  return p;
}

double kl(const Eigen::VectorXd& p, const Eigen::VectorXd& q) {
  double d = 0;
  for (Eigen::Index i = 0; i < p.size(); ++i)
    if (p[i] > 0) d += p[i] * std::log(p[i] / std::max(q[i], 1e-300));
  return d;
}

// Gibbs chains run in parallel (one per row), state histogram after burn-in vs exact probabilities.
void checkSampler(const std::vector<int>& sizes, bool intra) {
  Rng rng(17);
  BoltzmannMachine m = randomMachine<float>(sizes, intra, rng, 0.8);
  const Eigen::VectorXd exact = exactJoint(m);
  const int chains = 2000, burn = 20, sweeps = 200;
  GibbsChain chain(m, rng.bernoulli(Matrix::Constant(chains, sizes[0], 0.5f)), 99);
  chain.run(burn);
  Eigen::VectorXd counts = Eigen::VectorXd::Zero(exact.size());
  for (int s = 0; s < sweeps; ++s) {
    chain.step();
    for (int r = 0; r < chains; ++r) counts[stateIndex(chain.samples(), r)] += 1;
  }
  const Eigen::VectorXd empirical = counts / counts.sum();
  const double tv = 0.5 * (empirical - exact).cwiseAbs().sum();
  qInfo("intra %d: total variation %.4f over %ld joint states", int(intra), tv, long(exact.size()));
  QVERIFY2(tv < 0.03, qPrintable(QString("total variation %1").arg(tv)));
  QCOMPARE(chain.stepCount(), static_cast<long long>(burn + sweeps));
}

// Data: a fixed non-uniform distribution over 6 visible bits, as a data set of samples.
Matrix targetData(Eigen::VectorXd& target) {
  Rng rng(23);
  const int n = 6;
  target = Eigen::VectorXd::Zero(1 << n);
  // Two prototype patterns with bit noise: a bimodal target no factorial model fits.
  const int protos[2] = {0b000111, 0b111000};
  Matrix data(1200, n);
  for (int r = 0; r < data.rows(); ++r) {
    int s = protos[r % 2];
    for (int i = 0; i < n; ++i)
      if (rng.uniform() < 0.1f) s ^= 1 << i;
    for (int i = 0; i < n; ++i) data(r, i) = (s >> i) & 1 ? 1.0f : 0.0f;
    target[s] += 1;
  }
  target /= target.sum();
  return data;
}

double trainAndMeasure(const std::string& algo, const std::string& arch, bool intra, double& before) {
  Eigen::VectorXd target;
  const Matrix data = targetData(target);
  Rng rng(5);
  InitOptions init;
  init.weightScale = 0.1;
  BoltzmannMachine m = makeMachine(6, parseArchitecture(arch, intra), init, rng);
  before = kl(target, visibleMarginal(m));
  TrainingConfig c;
  parseAlgorithm(algo, c);
  c.epochs = 60;
  c.batchSize = 20;
  c.learningRate = 0.02;
  c.weightDecay = 0;
  auto trainer = makeTrainer(m, data, c);
  trainer->run();
  const double after = kl(target, visibleMarginal(m));
  qInfo("%s %s%s: KL %.4f -> %.4f", algo.c_str(), arch.c_str(), intra ? " intra" : "", before, after);
  return after;
}

}  // namespace

class TestEnumeration : public QObject {
  Q_OBJECT
 private slots:
  void rbmGibbsMatchesExact() { checkSampler({4, 3}, false); }
  void dbm1GibbsMatchesExact() { checkSampler({3, 3, 2}, false); }
  void dbm2GibbsWithIntraSweepMatchesExact() { checkSampler({3, 4, 2}, true); }

  void clampedChainKeepsKnownPixels() {
    Rng rng(2);
    BoltzmannMachine m = randomMachine<float>({6, 3}, false, rng);
    Matrix image = rng.bernoulli(Matrix::Constant(1, 6, 0.5f));
    RowVector mask = RowVector::Zero(6);
    mask[0] = mask[1] = 1;
    GibbsChain chain(m, Matrix::Constant(50, 6, 0.5f), 3);
    chain.setClamp(mask, image);
    chain.run(5);
    for (int r = 0; r < 50; ++r)
      for (int i = 2; i < 6; ++i) QCOMPARE(chain.samples()[0](r, i), image(0, i));
  }

  void vpfRbmDecreasesKl() {
    double before = 0;
    const double after = trainAndMeasure("vpf", "rbm:4", false, before);
    QVERIFY(after < 0.5 * before);
  }
  void vpfDbm2DecreasesKl() {
    double before = 0;
    const double after = trainAndMeasure("vpf", "dbm:3,2", true, before);
    QVERIFY(after < 0.5 * before);
  }
  void cd1DecreasesKl() {
    double before = 0;
    const double after = trainAndMeasure("cd:1", "rbm:4", false, before);
    QVERIFY(after < 0.5 * before);
  }
  void pcd1DecreasesKl() {
    double before = 0;
    const double after = trainAndMeasure("pcd:1", "rbm:4", false, before);
    QVERIFY(after < 0.5 * before);
  }
};

QTEST_APPLESS_MAIN(TestEnumeration)
#include "test_enumeration.moc"
