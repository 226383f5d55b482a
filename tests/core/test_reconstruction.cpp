// Clamped reconstruction against the exact chain: for a small RBM the distribution of the corrupted
// pixels after each transition is computed by enumerating every visible and hidden state, and both
// code paths (the shared-mask RBM fast path of reconstruct() and the general reconstructMasked())
// must reproduce E[p(v_corrupted | h_last)] within a few standard errors.
#include <QtTest>

#include <cmath>

#include "core/sampling/reconstruction.h"
#include "tests/support/test_models.h"

using namespace vpf;
using namespace vpf::testing;

namespace {

constexpr int kVisible = 7, kHidden = 4, kCorrupted = 3;  // corrupted pixels: the first three

double sigmoidD(double z) { return 1.0 / (1.0 + std::exp(-z)); }

// p(h = hBits | v) for the RBM, v given as bits.
double hiddenGivenVisible(const BoltzmannMachine& m, const std::vector<int>& v, int hBits) {
  double p = 1;
  for (int j = 0; j < kHidden; ++j) {
    double z = m.b[1][j];
    for (int i = 0; i < kVisible; ++i) z += m.W[0](i, j) * v[static_cast<std::size_t>(i)];
    const double on = sigmoidD(z);
    p *= (hBits >> j) & 1 ? on : 1 - on;
  }
  return p;
}

// p(v_i = 1 | h) for every visible unit.
std::vector<double> visibleOnGivenHidden(const BoltzmannMachine& m, int hBits) {
  std::vector<double> p(kVisible);
  for (int i = 0; i < kVisible; ++i) {
    double z = m.b[0][i];
    for (int j = 0; j < kHidden; ++j) z += m.W[0](i, j) * ((hBits >> j) & 1);
    p[static_cast<std::size_t>(i)] = sigmoidD(z);
  }
  return p;
}

// Exact E[p(v_i = 1 | h_T)] for the corrupted pixels after T transitions from `start`.
std::vector<double> exactReconstruction(const BoltzmannMachine& m, const std::vector<int>& image, int transitions,
                                        CorruptionStart start) {
  const int states = 1 << kCorrupted;
  std::vector<double> pi(states, 0.0);
  if (start == CorruptionStart::Noise) std::fill(pi.begin(), pi.end(), 1.0 / states);
  else pi[0] = 1.0;
  std::vector<double> result(kCorrupted, 0.0);
  for (int t = 0; t < transitions; ++t) {
    std::vector<double> next(states, 0.0);
    std::fill(result.begin(), result.end(), 0.0);
    for (int s = 0; s < states; ++s) {
      std::vector<int> v = image;
      for (int i = 0; i < kCorrupted; ++i) v[static_cast<std::size_t>(i)] = (s >> i) & 1;
      for (int h = 0; h < (1 << kHidden); ++h) {
        const double w = pi[static_cast<std::size_t>(s)] * hiddenGivenVisible(m, v, h);
        const std::vector<double> on = visibleOnGivenHidden(m, h);
        for (int i = 0; i < kCorrupted; ++i) result[static_cast<std::size_t>(i)] += w * on[static_cast<std::size_t>(i)];
        for (int s2 = 0; s2 < states; ++s2) {
          double p = w;
          for (int i = 0; i < kCorrupted; ++i) p *= (s2 >> i) & 1 ? on[static_cast<std::size_t>(i)] : 1 - on[static_cast<std::size_t>(i)];
          next[static_cast<std::size_t>(s2)] += p;
        }
      }
    }
    pi = next;
  }
  return result;
}

}  // namespace

class TestReconstruction : public QObject {
  Q_OBJECT
 private slots:
  void bothPathsMatchTheExactChain_data() {
    QTest::addColumn<int>("transitions");
    QTest::addColumn<bool>("noise");
    QTest::newRow("1 transition, noise start") << 1 << true;
    QTest::newRow("3 transitions, noise start") << 3 << true;
    QTest::newRow("3 transitions, zero start") << 3 << false;
  }
  void bothPathsMatchTheExactChain() {
    QFETCH(int, transitions);
    QFETCH(bool, noise);
    const CorruptionStart start = noise ? CorruptionStart::Noise : CorruptionStart::Zeros;
    Rng rng(5);
    const BoltzmannMachine m = randomMachine<float>({kVisible, kHidden}, false, rng, 1.5);
    const std::vector<int> image{1, 0, 1, 1, 0, 0, 1};
    const std::vector<double> exact = exactReconstruction(m, image, transitions, start);

    constexpr int n = 40000;
    Matrix images(n, kVisible);
    for (int i = 0; i < kVisible; ++i) images.col(i).setConstant(static_cast<float>(image[static_cast<std::size_t>(i)]));
    RowVector mask = RowVector::Zero(kVisible);
    mask.head(kCorrupted).setOnes();
    Rng a(11), b(12);
    const Matrix fast = reconstruct(m, images, mask, transitions, a, start);
    const Matrix general = reconstructMasked(m, images, mask.replicate(n, 1), transitions, b, start);
    for (const Matrix* r : {&fast, &general}) {
      QCOMPARE((r->rightCols(kVisible - kCorrupted) - images.rightCols(kVisible - kCorrupted)).cwiseAbs().maxCoeff(), 0.0f);
      for (int i = 0; i < kCorrupted; ++i) {
        const Eigen::VectorXd col = r->col(i).cast<double>();
        const double mean = col.mean();
        const double se = std::sqrt((col.array() - mean).square().sum() / (n - 1) / n);
        QVERIFY2(std::abs(mean - exact[static_cast<std::size_t>(i)]) < 4 * se + 1e-6,
                 qPrintable(QString("pixel %1: %2 vs exact %3 (SE %4)").arg(i).arg(mean).arg(exact[static_cast<std::size_t>(i)]).arg(se)));
      }
    }
  }
};

QTEST_APPLESS_MAIN(TestReconstruction)
#include "test_reconstruction.moc"
