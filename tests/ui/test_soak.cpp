// Soak test of the training lifecycle (issue 17 §3): 300 cycles of start / pause / step batch /
// step epoch / reset / switch model kind / open a model (and a corrupt one) / switch tab, in a
// seeded random order with random pauses, on the real MainWindow and a small data slice. No crash,
// no hang (every cycle and every pause bounded), bounded memory growth, and the event loop never
// blocked for more than 250 ms (measured by a 5 ms timer's late ticks), and no network library
// loaded. Prints the figures.
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>
#include <fstream>
#include <iterator>
#include <memory>
#include <random>
#include <string>

#include "core/io/model_file.h"
#include "tests/support/test_models.h"
#include "tests/ui/ui_test_support.h"
#include "ui/controls/model_panel.h"
#include "ui/shell/app_options.h"
#include "ui/shell/main_window.h"
#include "ui/shell/message_reporter.h"

using namespace vpf;

namespace {

constexpr int kCycles = 300;
constexpr int kMaxStallMs = 250;
constexpr int kMaxCycleMs = 20000;
constexpr double kMaxRssGrowthMb = 150;

double residentMb() {
  std::ifstream in("/proc/self/status");
  std::string key;
  while (in >> key) {
    if (key == "VmRSS:") {
      double kb = 0;
      in >> kb;
      return kb / 1024;
    }
    std::getline(in, key);
  }
  return 0;
}

// The longest gap between two ticks of a 5 ms timer beyond its interval: how long the GUI thread
// was busy without returning to the event loop.
class StallMonitor : public QObject {
 public:
  StallMonitor() {
    m_timer.setInterval(5);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] {
      const qint64 gap = m_clock.restart();
      if (m_ticks++ > 0) m_worst = std::max(m_worst, gap - 5);
    });
    m_clock.start();
    m_timer.start();
  }
  qint64 worstMs() const { return m_worst; }
  void reset() {
    m_worst = 0;
    m_ticks = 0;
    m_clock.restart();
  }

 private:
  QTimer m_timer;
  QElapsedTimer m_clock;
  qint64 m_worst = 0;
  long m_ticks = 0;
};

}  // namespace

class TestSoak : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;
  test::IdxFiles m_idx;
  QStringList m_models;

 private slots:
  void initTestCase() {
    test::initUiTestEnvironment();
    QVERIFY(m_dir.isValid());
    m_idx = test::writeIdx(test::syntheticDigits(400), m_dir.path());
    QVERIFY(!m_idx.images.isEmpty());
    // Models to open: an RBM, a DBM with intra-layer weights, and a corrupt file.
    Rng rng(4);
    const std::vector<std::pair<std::vector<int>, bool>> shapes{{{784, 48}, false}, {{784, 32, 16}, true}};
    for (std::size_t i = 0; i < shapes.size(); ++i) {
      const QString path = m_dir.filePath(QStringLiteral("open-%1.npz").arg(i));
      const BoltzmannMachine m = testing::randomMachine<float>(shapes[i].first, shapes[i].second, rng, 0.05);
      saveModel(path.toStdString(), m, modelMeta("synthetic", TrainingConfig{}, 0, {}));
      m_models << path;
    }
    const QString corrupt = m_dir.filePath(QStringLiteral("corrupt.npz"));
    QFile f(corrupt);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("PK\x03\x04 not really a zip archive");
    m_models << corrupt;
  }

  void threeHundredLifecycleCycles() {
    AppOptions options;
    options.fresh = true;
    auto reporter = std::make_shared<NonInteractiveReporter>(true);  // "yes" to every question
    MainWindow window(options, reporter);
    window.resize(1300, 850);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openIdxFiles({m_idx.images}));
    ModelPanel* panel = window.modelPanel();
    QVERIFY(panel->setArchitectureSpec(QStringLiteral("rbm:32"), false));
    panel->setEpochs(1000);
    QVERIFY(test::waitForSnapshot(window.controller(),
                                  [](const TrainingSnapshot& s) { return s.phase == TrainingPhase::Paused; }));

    const QStringList kinds{"rbm:32", "rbm:64", "dbm:32,16", "dbm:24,24,8"};
    const QStringList tabs = window.tabNames();
    std::mt19937 random(2026);
    auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(random); };

    StallMonitor stalls;
    QElapsedTimer total;
    total.start();
    double rssAfterWarmUp = 0, rssPeak = 0;
    qint64 worstCycleMs = 0;
    int expectedErrors = 0, counts[8] = {};
    for (int cycle = 0; cycle < kCycles; ++cycle) {
      QElapsedTimer cycleTime;
      cycleTime.start();
      const int action = pick(8);
      ++counts[action];
      switch (action) {
        case 0:
          window.startTraining();
          break;
        case 1:
          window.pauseTraining();
          break;
        case 2:
          window.stepBatch();
          break;
        case 3:
          window.stepEpoch();
          break;
        case 4:
          window.resetModel();
          break;
        case 5: {  // another model kind, applied by the next start or step (the question says yes)
          const int k = pick(kinds.size());
          QVERIFY(panel->setArchitectureSpec(kinds[k], k == 3));
          window.startTraining();
          break;
        }
        case 6: {
          const int m = pick(m_models.size());
          const bool opened = window.openModel(m_models[m]);
          QCOMPARE(opened, m + 1 < m_models.size());  // the corrupt one is refused with a message
          if (!opened) ++expectedErrors;
          break;
        }
        case 7:
          QVERIFY(window.showTab(tabs[pick(tabs.size())]));
          break;
      }
      QTest::qWait(2 + pick(40));
      worstCycleMs = std::max(worstCycleMs, cycleTime.elapsed());
      QVERIFY2(cycleTime.elapsed() < kMaxCycleMs, qPrintable(QStringLiteral("cycle %1 hung").arg(cycle)));
      if (cycle == 29) rssAfterWarmUp = residentMb();
      rssPeak = std::max(rssPeak, residentMb());
    }
    // Every run can still be paused, and the worker answers at once.
    window.pauseTraining();
    QVERIFY(test::waitForSnapshot(
        window.controller(), [](const TrainingSnapshot& s) { return !s.isTraining(); }, 10000));
    const double rssEnd = residentMb();
    qInfo(
        "soak: %d cycles in %.1f s (start %d, pause %d, batch %d, epoch %d, reset %d, kind %d, open %d, tab %d); "
        "worst cycle %lld ms; worst event-loop stall %lld ms; RSS %.0f MB after 30 cycles, %.0f MB at the end, "
        "peak %.0f MB",
        kCycles, total.elapsed() / 1000.0, counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6],
        counts[7], worstCycleMs, stalls.worstMs(), rssAfterWarmUp, rssEnd, rssPeak);
    QCOMPARE(reporter->errors.size(), expectedErrors);
    for (const QString& e : reporter->errors) QVERIFY2(e.contains(QStringLiteral("corrupt.npz")), qPrintable(e));
    QVERIFY2(stalls.worstMs() <= kMaxStallMs,
             qPrintable(QStringLiteral("the event loop was blocked for %1 ms").arg(stalls.worstMs())));
    QVERIFY2(rssEnd - rssAfterWarmUp < kMaxRssGrowthMb,
             qPrintable(QStringLiteral("RSS grew by %1 MB").arg(rssEnd - rssAfterWarmUp)));
    // The app never touches the network: Qt's network module is not even loaded.
    std::ifstream maps("/proc/self/maps");
    const std::string mapped((std::istreambuf_iterator<char>(maps)), std::istreambuf_iterator<char>());
    QVERIFY(mapped.find("libQt6Network") == std::string::npos);
    window.setReporter(std::make_shared<NonInteractiveReporter>(false, MessageReporter::SaveChoice::Discard));
    QVERIFY(window.close());
  }
};

QTEST_MAIN(TestSoak)
#include "test_soak.moc"
