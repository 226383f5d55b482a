// SharedSeries (core/common/shared_series.h): a vector's values, copies that share their sealed
// history, and copies that never see each other's later appends.
#include <QtTest>

#include "core/common/shared_series.h"

using namespace vpf;

class TestSharedSeries : public QObject {
  Q_OBJECT
 private slots:
  void holdsWhatWasAppended() {
    SharedSeries<double, 8> s;
    std::vector<double> v;
    QVERIFY(s.empty());
    for (int i = 0; i < 37; ++i) {
      s.push_back(i * 0.5);
      v.push_back(i * 0.5);
      QCOMPARE(s.size(), v.size());
      QCOMPARE(s.back(), v.back());
    }
    QCOMPARE(s.toVector(), v);
    QCOMPARE(s.front(), 0.0);
    for (std::size_t i = 0; i < v.size(); ++i) QCOMPARE(s[i], v[i]);
    std::vector<double> iterated(s.begin(), s.end());
    QCOMPARE(iterated, v);
    QCOMPARE(s.ownedElements(), std::size_t(37 % 8));
    const SharedSeries<int> list{1, 2, 3};
    QCOMPARE(list.toVector(), (std::vector<int>{1, 2, 3}));
    s.clear();
    QVERIFY(s.empty());
  }

  void copiesShareTheSealedChunksAndOwnOnlyTheTail() {
    SharedSeries<double, 512> log;
    for (int i = 0; i < 150000; ++i) log.push_back(i);  // 100 MNIST epochs at batch 40
    const SharedSeries<double, 512> snapshot = log;
    QVERIFY(snapshot.sharesChunksWith(log));
    QVERIFY(snapshot.ownedElements() < 512);  // what a copy copies
    QCOMPARE(snapshot.ownedElements(), std::size_t(150000 % 512));
    QCOMPARE(snapshot.toVector(), log.toVector());
  }

  void appendsAfterACopyStayWithTheirOwner() {
    SharedSeries<int, 4> a;
    for (int i = 0; i < 10; ++i) a.push_back(i);
    SharedSeries<int, 4> b = a;
    for (int i = 10; i < 20; ++i) a.push_back(i);  // seals new chunks in a only
    b.push_back(-1);
    QCOMPARE(b.size(), std::size_t(11));
    QCOMPARE(b.back(), -1);
    QCOMPARE(b[9], 9);
    QCOMPARE(a.size(), std::size_t(20));
    QCOMPARE(a[10], 10);
    QCOMPARE(a.back(), 19);
    QVERIFY(!a.sharesChunksWith(b));
  }
};

QTEST_GUILESS_MAIN(TestSharedSeries)
#include "test_shared_series.moc"
