// Target propagation (Bengio et al. 2015), spec C1 test 5 and the pieces it rests on: the spike-like
// H2 corruption (mean of 3 Bernoulli samples) and the Gaussian corruption have the stated statistics
// (1e6 draws, within 3 standard errors); Rng::normalInPlace is thread-count independent; the block
// optimizer's centred RMSprop follows the reference code's formula; randomPixelMask masks the asked
// fraction.
#include <omp.h>

#include <QTest>
#include <cmath>
#include <set>

#include "core/data/corruption.h"
#include "core/learning/block_optimizer.h"
#include "core/targetprop/corruption_noise.h"

using namespace vpf;
using namespace vpf::targetprop;

namespace {

struct Moments {
  double mean = 0, variance = 0, fourth = 0;  // mean, population variance, 4th central moment
};

Moments momentsOf(const Matrix& m) {
  Moments out;
  const Eigen::ArrayXd v = Eigen::Map<const Eigen::ArrayXf>(m.data(), m.size()).cast<double>();
  out.mean = v.mean();
  const Eigen::ArrayXd d = v - out.mean;
  out.variance = d.square().mean();
  out.fourth = d.square().square().mean();
  return out;
}

}  // namespace

class TestTpNoise : public QObject {
  Q_OBJECT

 private slots:
  void spikeAverageStatistics() {
    const double p = 0.3;
    const Matrix probabilities = Matrix::Constant(1000, 1000, static_cast<float>(p));
    Rng rng(5);
    const Matrix s = spikeAverage(probabilities, 3, rng);
    std::set<float> values(s.data(), s.data() + s.size());
    const std::set<float> allowed{0.0f, 1.0f / 3, 2.0f / 3, 1.0f};
    for (float v : values) QVERIFY2(allowed.count(v), qPrintable(QString::number(v)));
    QCOMPARE(values.size(), std::size_t(4));
    // Binomial(3, p)/3: mean p, variance p(1 − p)/3; standard errors from the exact moments.
    double mean = 0, fourth = 0;
    const double weights[4] = {std::pow(1 - p, 3), 3 * p * std::pow(1 - p, 2), 3 * p * p * (1 - p), std::pow(p, 3)};
    const double variance = p * (1 - p) / 3;
    for (int k = 0; k < 4; ++k) mean += weights[k] * k / 3.0;
    for (int k = 0; k < 4; ++k) fourth += weights[k] * std::pow(k / 3.0 - p, 4);
    const double n = 1e6;
    const Moments m = momentsOf(s);
    qInfo("spikes: mean %.5f (exp. %.5f), variance %.5f (exp. %.5f)", m.mean, mean, m.variance, variance);
    QVERIFY(std::abs(mean - p) < 1e-15);
    QVERIFY(std::abs(m.mean - p) < 3 * std::sqrt(variance / n));
    QVERIFY(std::abs(m.variance - variance) < 3 * std::sqrt((fourth - variance * variance) / n));
  }

  void gaussianCorruptionStatistics() {
    const float sigma = 0.5f;
    Rng rng(6);
    const Matrix base = Matrix::Constant(1000, 1000, 0.25f);
    const Matrix noise = gaussianCorruption(base, sigma, rng) - base;
    const Moments m = momentsOf(noise);
    const double n = 1e6, var = sigma * sigma;
    qInfo("gaussian: mean %.2e, std %.5f (σ = %.2f)", m.mean, std::sqrt(m.variance), sigma);
    QVERIFY(std::abs(m.mean) < 3 * sigma / std::sqrt(n));
    QVERIFY(std::abs(m.variance - var) < 3 * std::sqrt(2 * var * var / n));  // 4th moment of a normal: 3σ⁴
    QVERIFY(std::abs(m.fourth / (var * var) - 3) < 0.05);
  }

  // Chunks are seeded in order from the caller's generator: the same draws on 1 or 2 threads, both
  // Box–Muller outputs used (odd sizes too), and a different stream for another seed.
  void normalInPlaceIsThreadIndependent() {
    const int threads = omp_get_max_threads();
    for (int rows : {3, 1001}) {
      Matrix a(rows, 333), b(rows, 333);
      omp_set_num_threads(1);
      Rng r1(9);
      r1.normalInPlace(a, 2.0f);
      omp_set_num_threads(2);
      Rng r2(9);
      r2.normalInPlace(b, 2.0f);
      QVERIFY(a == b);
      QCOMPARE(r1.state(), r2.state());
    }
    omp_set_num_threads(threads);
    Matrix c(1, 7), d(1, 7);
    Rng r3(9), r4(10);
    r3.normalInPlace(c, 1.0f);
    r4.normalInPlace(d, 1.0f);
    QVERIFY(c != d);
    QVERIFY(c.allFinite());
  }

  void centredRmspropFollowsTheFormula() {
    BlockOptimizerSettings s;
    s.rule = UpdateRule::CentredRmsprop;
    s.learningRate = 1e-2;
    BlockOptimizer optimizer(s);
    std::vector<float> theta{0.5f, -1.0f, 2.0f};
    std::vector<double> a(3, 0), r(3, 0), m(3, 0), expected{0.5, -1.0, 2.0};
    const float gradients[3][3] = {{0.1f, -0.2f, 0.3f}, {0.05f, 0.4f, -0.1f}, {-0.3f, 0.1f, 0.2f}};
    for (const auto& g : gradients) {
      std::vector<float> grad(g, g + 3);
      optimizer.apply({{"theta", theta.data(), 3}}, {{"theta", grad.data(), 3}});
      for (int i = 0; i < 3; ++i) {
        a[i] = 0.95 * a[i] + 0.05 * g[i];
        r[i] = 0.95 * r[i] + 0.05 * g[i] * g[i];
        m[i] = 0.9 * m[i] - 1e-2 * g[i] / std::sqrt(r[i] - a[i] * a[i] + 1e-4);
        expected[i] += m[i];
      }
    }
    for (int i = 0; i < 3; ++i) QVERIFY(std::abs(theta[i] - expected[i]) < 1e-6);
    QCOMPARE(optimizer.state().step, 3LL);
    QCOMPARE(optimizer.state().momentum.size(), std::size_t(1));
  }

  // The same block at 8 different offsets in memory (so every alignment of its head) gets bitwise the
  // same updates from every rule: checkpoints restore moments into fresh buffers, and exact resumes
  // need the arithmetic not to depend on where they land.
  void updatesDoNotDependOnAlignment() {
    for (UpdateRule rule : {UpdateRule::Adam, UpdateRule::Sgd, UpdateRule::CentredRmsprop}) {
      BlockOptimizerSettings s;
      s.rule = rule;
      std::vector<float> reference;
      for (int offset = 0; offset < 8; ++offset) {
        constexpr int n = 1003;
        std::vector<float> p(n + offset), g(n + offset);
        Rng rng(2);
        for (int i = 0; i < n; ++i) p[offset + i] = rng.uniform(), g[offset + i] = rng.uniform() - 0.5f;
        BlockOptimizer optimizer(s);
        for (int step = 0; step < 3; ++step)
          optimizer.apply({{"p", p.data() + offset, n}}, {{"p", g.data() + offset, n}});
        const std::vector<float> result(p.begin() + offset, p.end());
        if (offset == 0)
          reference = result;
        else
          QVERIFY2(result == reference, qPrintable(QString("rule %1, offset %2").arg(int(rule)).arg(offset)));
      }
    }
  }

  void randomPixelMaskMasksTheFraction() {
    Rng rng(3);
    const RowVector mask = randomPixelMask(28, 28, 0.5, rng);
    QCOMPARE(mask.sum(), 392.0f);
    QVERIFY(((mask.array() == 0) || (mask.array() == 1)).all());
    Rng again(3);
    QVERIFY(randomPixelMask(28, 28, 0.5, again) == mask);
    QCOMPARE(randomPixelMask(28, 28, 0, rng).sum(), 0.0f);
    QCOMPARE(randomPixelMask(28, 28, 1, rng).sum(), 784.0f);
  }
};

QTEST_APPLESS_MAIN(TestTpNoise)
#include "test_tp_noise.moc"
