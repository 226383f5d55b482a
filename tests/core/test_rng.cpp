// The explicit random source: Bernoulli sampling of large matrices gives the same result for any
// number of threads, sampling frequencies match the probabilities, and the state round-trips.
#include <QtTest>

#include <omp.h>

#include "core/common/rng.h"
#include "tests/support/expect_error.h"

using namespace vpf;

class TestRng : public QObject {
  Q_OBJECT
 private slots:
  void largeBernoulliIsIndependentOfThreadCount() {
    Matrix p = Matrix::Constant(3000, 200, 0.3f);  // 600k elements: the chunked parallel path
    Rng a(5), b(5);
    omp_set_num_threads(1);
    const Matrix one = a.bernoulli(p);
    omp_set_num_threads(2);
    const Matrix two = b.bernoulli(p);
    QVERIFY(one == two);
    QCOMPARE(a.state(), b.state());
    QVERIFY(std::abs(one.mean() - 0.3f) < 0.003f);  // 600k draws: sd of the mean ≈ 0.0006
  }
  void smallBernoulliFrequencies() {
    Rng r(9);
    RowVector probs(4);
    probs << 0.0f, 0.1f, 0.5f, 1.0f;
    const Matrix s = r.bernoulli(probs.replicate(10000, 1));
    const RowVector freq = s.colwise().mean();
    QCOMPARE(freq[0], 0.0f);
    QCOMPARE(freq[3], 1.0f);
    QVERIFY(std::abs(freq[1] - 0.1f) < 0.015f);
    QVERIFY(std::abs(freq[2] - 0.5f) < 0.025f);
  }
  void stateRoundTrips() {
    Rng a(3);
    a.uniform();
    Rng b(99);
    b.setState(a.state());
    for (int i = 0; i < 10; ++i) QCOMPARE(a.uniform(), b.uniform());
    QVERIFY(testing::errorOf([&] { b.setState("not a state"); }) != "<no error>");
  }
};

QTEST_APPLESS_MAIN(TestRng)
#include "test_rng.moc"
