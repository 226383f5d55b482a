// The training worker thread (DESIGN §9): snapshots arrive, pause stops progress, single steps
// advance exactly one batch / to the epoch end, stop ends the thread quickly and silences it, errors
// and divergence are reported with the model kept, and every epoch writes a resumable autosave.
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "core/io/model_file.h"
#include "ui/training/training_controller.h"
#include "tests/ui/ui_test_support.h"

using namespace vpf;

class TestTrainingController : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { test::initUiTestEnvironment(); }

  void setupEmitsAPausedSnapshot() {
    TrainingController controller;
    QSignalSpy spy(&controller, &TrainingController::snapshotReady);
    controller.setup(test::smallRun());
    QTRY_VERIFY_WITH_TIMEOUT(spy.count() >= 1, 10000);
    const SnapshotPtr s = controller.latest();
    QVERIFY(s);
    QCOMPARE(s->phase, TrainingPhase::Paused);
    QCOMPARE(s->epochsDone, 0);
    QCOMPARE(s->batchesPerEpoch, 50);
    QCOMPARE(s->model.sizes, (std::vector<int>{784, 32}));
    QCOMPARE(s->meanActivations.size(), std::size_t(1));
    QCOMPARE(s->activationSamples, 1000);
    QVERIFY(s->trainerState);  // at an epoch boundary
  }

  void snapshotsArriveWhileTraining() {
    TrainingController controller;
    QSignalSpy spy(&controller, &TrainingController::snapshotReady);
    controller.setup(test::smallRun(2000, 64, 20));
    controller.start();
    QVERIFY(test::waitForSnapshot(controller, [](const TrainingSnapshot& s) { return s.phase == TrainingPhase::Finished; },
                                  60000));
    const SnapshotPtr s = controller.latest();
    QCOMPARE(s->epochsDone, 20);
    QCOMPARE(s->history.size(), std::size_t(20));
    QCOMPARE(s->batchObjective.size(), std::size_t(1000));
    QVERIFY(s->history.back().objective < s->history.front().objective);
    QVERIFY(s->activationEpoch == 20);
    // Setup, start, progress while running, finish.
    qInfo("%lld snapshots for 20 epochs in %.2f s of training", static_cast<long long>(spy.count()), s->trainingSeconds);
    QVERIFY(spy.count() >= 3 + static_cast<int>(s->trainingSeconds / 0.04 / 2));
    bool sawRunning = false;
    for (const QList<QVariant>& args : spy) sawRunning |= args.first().value<SnapshotPtr>()->phase == TrainingPhase::Running;
    QVERIFY(sawRunning);
    // Snapshots are immutable copies: the first one still shows the untrained model.
    const SnapshotPtr first = spy.first().first().value<SnapshotPtr>();
    QCOMPARE(first->epochsDone, 0);
    QVERIFY(!first->model.W[0].isApprox(s->model.W[0]));
  }

  void snapshotsAreThrottled() {
    TrainingController controller;
    QSignalSpy spy(&controller, &TrainingController::snapshotReady);
    controller.setSliceMilliseconds(5);
    controller.setup(test::smallRun(2000, 32, 1000));
    QTRY_VERIFY_WITH_TIMEOUT(spy.count() >= 1, 10000);
    spy.clear();
    controller.start();
    QTest::qWait(2000);
    const int count = spy.count();
    controller.stop();
    qInfo("%d snapshots in 2 s", count);
    QVERIFY2(count <= 2 * 25 + 10, qPrintable(QString::number(count)));  // ≤ 25 Hz plus state changes/epoch ends
    QVERIFY(count >= 5);
  }

  void pauseStopsProgress() {
    TrainingController controller;
    controller.setup(test::smallRun(2000, 32, 1000));
    controller.start();
    QVERIFY(test::waitForSnapshot(controller, [](const TrainingSnapshot& s) { return s.batchesTrained >= 20; }));
    controller.pause();
    QVERIFY(test::waitForSnapshot(controller, [](const TrainingSnapshot& s) { return s.phase == TrainingPhase::Paused; }));
    const long long batches = controller.latest()->batchesTrained;
    QTest::qWait(400);
    QCOMPARE(controller.latest()->batchesTrained, batches);
    QCOMPARE(controller.latest()->phase, TrainingPhase::Paused);
    // Resuming mid-epoch continues from the same batch.
    QVERIFY(!controller.latest()->atEpochBoundary || controller.latest()->batchIndex == 0);
    controller.start();
    QVERIFY(test::waitForSnapshot(controller,
                                  [batches](const TrainingSnapshot& s) { return s.batchesTrained >= batches + 10; }));
    controller.pause();
    QVERIFY(test::waitForSnapshot(controller, [](const TrainingSnapshot& s) { return !s.isTraining(); }));
    const SnapshotPtr s = controller.latest();
    QVERIFY(s->batchesTrained >= batches + 10);
    // No batch was skipped or repeated across pause/resume: position == batches trained.
    QCOMPARE(static_cast<long long>(s->epochsDone) * 50 + s->batchIndex, s->batchesTrained);
  }

  void stepAdvancesExactlyOneBatch() {
    TrainingController controller;
    controller.setup(test::smallRun());
    QVERIFY(test::waitForSnapshot(controller, [](const TrainingSnapshot& s) { return s.phase == TrainingPhase::Paused; }));
    for (int i = 1; i <= 3; ++i) {
      const quint64 sequence = controller.latest()->sequence;
      controller.stepBatch();
      QVERIFY(test::waitForSnapshot(controller, [sequence](const TrainingSnapshot& s) { return s.sequence > sequence; }));
      QTest::qWait(100);  // nothing else may happen after the step
      const SnapshotPtr s = controller.latest();
      QCOMPARE(s->batchesTrained, static_cast<long long>(i));
      QCOMPARE(s->batchIndex, i);
      QCOMPARE(s->epochsDone, 0);
      QCOMPARE(s->phase, TrainingPhase::Paused);
      QCOMPARE(s->batchObjective.size(), static_cast<std::size_t>(i));
    }
  }

  void stepEpochRunsToTheEpochEnd() {
    TrainingController controller;
    controller.setup(test::smallRun());
    controller.stepBatch();
    controller.stepBatch();
    controller.stepEpoch();  // from batch 2 to the end of epoch 1
    QVERIFY(test::waitForSnapshot(controller, [](const TrainingSnapshot& s) {
      return s.epochsDone == 1 && s.phase == TrainingPhase::Paused;
    }));
    QTest::qWait(200);
    const SnapshotPtr s = controller.latest();
    QCOMPARE(s->epochsDone, 1);
    QCOMPARE(s->batchesTrained, 50LL);
    QVERIFY(s->atEpochBoundary);
    QVERIFY(s->trainerState);
    controller.stepEpoch();  // a whole epoch
    QVERIFY(test::waitForSnapshot(controller, [](const TrainingSnapshot& s) {
      return s.epochsDone == 2 && s.phase == TrainingPhase::Paused;
    }));
    QCOMPARE(controller.latest()->batchesTrained, 100LL);
  }

  void stopEndsThreadQuicklyAndSilences() {
    TrainingController controller;
    QSignalSpy spy(&controller, &TrainingController::snapshotReady);
    controller.setup(test::smallRun(2000, 64, 1000));
    controller.start();
    QVERIFY(test::waitForSnapshot(controller, [](const TrainingSnapshot& s) { return s.batchesTrained >= 30; }));
    QElapsedTimer timer;
    timer.start();
    controller.stop();
    const qint64 ms = timer.elapsed();
    qInfo("stop() took %lld ms", ms);
    QVERIFY2(ms < 1000, qPrintable(QString::number(ms)));
    QVERIFY(!controller.isThreadRunning());
    QVERIFY(!controller.isTraining());
    const int count = spy.count();
    QTest::qWait(300);  // queued snapshots of the stopped worker must not arrive
    QCOMPARE(spy.count(), count);
    // The final model is kept.
    QVERIFY(controller.latest());
    QVERIFY(controller.latest()->batchesTrained >= 30);
    QCOMPARE(controller.latest()->phase, TrainingPhase::Paused);
  }

  void refusedSetupKeepsTheModel() {
    TrainingController controller;
    QSignalSpy failures(&controller, &TrainingController::trainingFailed);
    controller.setup(test::smallRun());
    QVERIFY(test::waitForSnapshot(controller, [](const TrainingSnapshot& s) { return s.phase == TrainingPhase::Paused; }));
    const Matrix weights = controller.latest()->model.W[0];
    RunSetup bad = test::smallRun();
    bad.architecture = parseArchitecture("dbm:16,8", false);
    bad.config.algorithm = Algorithm::Cd;  // CD trains RBMs only
    controller.setup(bad);
    QTRY_VERIFY_WITH_TIMEOUT(failures.count() == 1, 10000);
    qInfo("refused: %s", qPrintable(failures.first().first().toString()));
    QVERIFY(failures.first().first().toString().contains(QStringLiteral("RBM")));
    QVERIFY(test::waitForSnapshot(controller, [&](const TrainingSnapshot& s) {
      return s.generation == controller.generation();
    }));
    QVERIFY(controller.latest()->model.W[0].isApprox(weights));
  }

  void divergenceIsReportedAndTheModelKept() {
    TrainingController controller;
    QSignalSpy failures(&controller, &TrainingController::trainingFailed);
    RunSetup setup = test::smallRun(2000, 32, 100);
    setup.config.optimizer = OptimizerKind::Sgd;  // w ← w − 10·(g + 2·w): grows ×19 per batch
    setup.config.learningRate = 10;
    setup.config.weightDecay = 1;
    controller.setup(setup);
    controller.start();
    QTRY_VERIFY_WITH_TIMEOUT(failures.count() >= 1, 30000);
    QVERIFY(failures.first().at(1).toBool());  // divergence
    qInfo("diverged: %s", qPrintable(failures.first().first().toString()));
    QVERIFY(test::waitForSnapshot(controller, [](const TrainingSnapshot& s) { return !s.isTraining(); }));
    QVERIFY(controller.latest()->model.allFinite());
  }

  void everyEpochWritesAResumableAutosave() {
    QTemporaryDir dir;
    RunSetup setup = test::smallRun(2000, 32, 2);
    setup.autosavePath = dir.filePath(QStringLiteral("autosave.npz"));
    TrainingController controller;
    controller.setup(setup);
    controller.start();
    QVERIFY(test::waitForSnapshot(controller, [](const TrainingSnapshot& s) { return s.phase == TrainingPhase::Finished; },
                                  60000));
    const ModelFile file = loadModel(setup.autosavePath.toStdString());
    QCOMPARE(file.meta.epochsDone, 2);
    QVERIFY(file.trainerState.has_value());
    QCOMPARE(file.trainerState->epochsDone, 2);
    QVERIFY(file.model.W[0].isApprox(controller.latest()->model.W[0]));
  }

  void liveConfigChangeAppliesAtTheEpochBoundary() {
    TrainingController controller;
    controller.setup(test::smallRun(2000, 32, 2));
    QVERIFY(test::waitForSnapshot(controller, [](const TrainingSnapshot& s) { return s.phase == TrainingPhase::Paused; }));
    TrainingConfig config = controller.latest()->config;
    config.learningRate = 5e-4;
    config.epochs = 1;
    controller.updateConfig(config);
    controller.start();
    QVERIFY(test::waitForSnapshot(controller, [](const TrainingSnapshot& s) { return s.phase == TrainingPhase::Finished; },
                                  60000));
    QCOMPARE(controller.latest()->epochsDone, 1);
    QCOMPARE(controller.latest()->config.learningRate, 5e-4);
  }
};

QTEST_MAIN(TestTrainingController)
#include "test_training_controller.moc"
