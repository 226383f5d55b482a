// GUI responsiveness while training (DESIGN §9): the event loop of the GUI thread is sampled by a
// 5 ms timer during a real training run in the main window (MNIST if it is installed, otherwise a
// synthetic IDX data set of the same shape), with the panels repainting from the snapshots and the
// tabs being switched. The latency figures are printed as a benchmark (issue 16's goal: p99 ≤ 16 ms,
// max ≤ 50 ms); the assertion only catches a freeze (2 s), because on a shared, loaded machine any
// tighter bound measures the machine rather than the app (a fresh-clone CI run beside two builds saw
// max 279 ms).
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <algorithm>

#include "tests/ui/ui_test_support.h"
#include "ui/controls/model_panel.h"
#include "ui/shell/main_window.h"
#include "ui/shell/message_reporter.h"

using namespace vpf;

namespace {
// The app's own event loop for `ms`. (QTest::qWait would not do: it sleeps 10 ms between its
// processEvents calls, which alone made the 5 ms probe ~5 ms late on average.)
void runEventLoopFor(int ms) {
  QEventLoop loop;
  QTimer::singleShot(ms, &loop, &QEventLoop::quit);
  loop.exec();
}
}  // namespace

class TestGuiLatency : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { test::initUiTestEnvironment(); }

  void eventLoopStaysResponsiveWhileTraining() {
    QTemporaryDir dir;
    auto reporter = std::make_shared<NonInteractiveReporter>(false, MessageReporter::SaveChoice::Discard);
    AppOptions options;
    options.fresh = true;
    MainWindow window(options, reporter);
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QString source = QStringLiteral("mnist");
    if (!window.openDataset(source)) {
      reporter->errors.clear();
      const test::IdxFiles files = test::writeIdx(test::syntheticDigits(20000), dir.path());
      QVERIFY(window.openIdxFiles({files.images}));
      source = QStringLiteral("synthetic (20,000 images)");
    }
    QVERIFY(test::waitForSnapshot(window.controller(),
                                  [](const TrainingSnapshot& s) { return s.phase == TrainingPhase::Paused; }));
    window.modelPanel()->setEpochs(1000);

    // Sample the event loop: a 5 ms precise timer records how late each tick is.
    QElapsedTimer clock;
    qint64 last = -1, worst = 0, total = 0;
    int ticks = 0;
    std::vector<qint64> lateness;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(5);
    connect(&probe, &QTimer::timeout, this, [&] {
      const qint64 now = clock.nsecsElapsed() / 1000;  // µs
      if (last >= 0) {
        const qint64 late = std::max<qint64>(0, now - last - 5000);
        lateness.push_back(late);
        worst = std::max(worst, late);
        total += late;
        ++ticks;
      }
      last = now;
    });

    window.startTraining();
    QVERIFY(test::waitForSnapshot(window.controller(), [](const TrainingSnapshot& s) { return s.batchesTrained > 0; },
                                  30000));
    clock.start();
    probe.start();
    const int tabs = std::min(window.tabs()->count(), 4);  // Filters, Curves, Histogram, Data
    std::vector<qint64> worstPerTab(static_cast<std::size_t>(tabs), 0);
    for (int round = 0; round < 2; ++round) {
      for (int t = 0; t < tabs; ++t) {
        window.tabs()->setCurrentIndex(t);
        const std::size_t from = lateness.size();
        runEventLoopFor(1000);
        for (std::size_t i = from; i < lateness.size(); ++i)
          worstPerTab[static_cast<std::size_t>(t)] = std::max(worstPerTab[static_cast<std::size_t>(t)], lateness[i]);
      }
    }
    for (int t = 0; t < tabs; ++t)
      qInfo("  worst lateness with the %s tab shown: %.1f ms", qPrintable(window.tabs()->tabText(t)),
            worstPerTab[static_cast<std::size_t>(t)] / 1000.0);
    probe.stop();
    const SnapshotPtr s = window.controller().latest();
    window.pauseTraining();
    QVERIFY(s->batchesTrained > 50);
    std::sort(lateness.begin(), lateness.end());
    const double p99 = lateness.empty() ? 0 : lateness[lateness.size() * 99 / 100] / 1000.0;
    qInfo("GUI event-loop latency while training on %s: max %.1f ms, p99 %.1f ms, mean %.2f ms over %d ticks "
          "(%lld batches trained, %.0f samples/s)",
          qPrintable(source), worst / 1000.0, p99, ticks ? total / 1000.0 / ticks : 0.0, ticks,
          s->batchesTrained, s->samplesPerSecond);
    QVERIFY(ticks > 200);
    QVERIFY2(worst < 2000000, qPrintable(QStringLiteral("the GUI froze: max lateness %1 ms").arg(worst / 1000.0)));
    QVERIFY2(reporter->errors.isEmpty(), qPrintable(reporter->errors.join('\n')));
  }
};

QTEST_MAIN(TestGuiLatency)
#include "test_gui_latency.moc"
