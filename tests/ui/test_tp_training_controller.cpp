// The Target prop tab's training thread without the tab: commands cross to the worker and
// snapshots come back (ui/support/queued_call.h), so this suite is also the TSan check of that
// hand-off (scripts/test-tsan). Step batch and Step epoch train exactly as core/targetprop's TpRun
// does for the same settings; Start stops at the epoch target; Save writes a file that reads back;
// a bad setting is refused with its reason; deleting the controller while it
// trains returns promptly.
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include "core/targetprop/tp_model_file.h"
#include "core/targetprop/tp_run.h"
#include "tests/ui/ui_test_support.h"
#include "ui/targetprop/tp_training_controller.h"

using namespace vpf;
using namespace vpf::targetprop;

namespace {

// A 784-16-8 model on 200 synthetic images in batches of 50: four batches an epoch.
TpConfig smallConfig() {
  TpConfig c;
  c.architecture.hidden1 = 16;
  c.architecture.hidden2 = 8;
  c.batchSize = 50;
  c.epochs = 2;
  c.seed = 11;
  return c;
}

TpRunData smallData() {
  static const auto rows = std::make_shared<const Matrix>(test::syntheticDigits(200, 5).images);
  return TpRunData{QStringLiteral("synthetic"), rows, rows, nullptr};
}

TpScoring noParzen() {
  TpScoring s;
  s.parzenEvery = 0;
  return s;
}

}  // namespace

class TestTpTrainingController : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { test::initUiTestEnvironment(); }

  void stepsTrainLikeTheCore() {
    TpTrainingController controller;
    controller.setupFresh(smallConfig(), smallData(), noParzen());
    QVERIFY(controller.waitUntilIdle(20000));
    QVERIFY2(controller.latest()->error.isEmpty(), qPrintable(controller.latest()->error));
    TpRun core = TpRun::fresh("synthetic", smallConfig(), *smallData().train);
    QVERIFY(controller.latest()->model->W1 == core.model().W1);

    controller.stepBatch();
    QVERIFY(controller.waitUntilIdle(20000));
    core.step();
    QCOMPARE(controller.latest()->batchInEpoch, 1);
    QVERIFY(controller.latest()->model->W1 == core.model().W1);

    controller.stepEpoch();
    QVERIFY(controller.waitUntilIdle(20000));
    while (!core.atEpochBoundary()) core.step();
    QCOMPARE(controller.latest()->epochsDone, 1);
    QVERIFY(controller.latest()->model->W1 == core.model().W1);
    QVERIFY(controller.latest()->model->priorMean == core.model().priorMean);
  }

  void startStopsAtTheEpochTargetAndSaves() {
    TpTrainingController controller;
    controller.setupFresh(smallConfig(), smallData(), noParzen());
    controller.start();
    QVERIFY(controller.waitUntilIdle(60000));
    QCOMPARE(controller.latest()->epochsDone, 2);
    QVERIFY(!controller.isRunning());

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("tp.npz"));
    QString error = QStringLiteral("not answered");
    controller.save(path, [&](const QString& e) { error = e; });
    QTRY_VERIFY_WITH_TIMEOUT(error != QStringLiteral("not answered"), 20000);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const TpModelFile file = loadTpModel(path.toStdString());
    QCOMPARE(file.meta.epochsDone, 2);
    QVERIFY(file.model.W1 == controller.latest()->model->W1);
  }

  // The panel validates its settings first (test_tp_panel); the controller refuses what still gets
  // through: setup replaces the run, so a refused one leaves none, says why, and Step says so too.
  void aBadSettingIsReportedAndRefused() {
    TpTrainingController controller;
    TpConfig bad = smallConfig();
    bad.batchSize = 0;
    controller.setupFresh(bad, smallData(), noParzen());
    QVERIFY(controller.waitUntilIdle(20000));
    QVERIFY(controller.latest()->error.contains(QStringLiteral("batch"), Qt::CaseInsensitive));
    QVERIFY(!controller.latest()->model);
    QVERIFY(!controller.latest()->canTrain);
    controller.stepBatch();
    QVERIFY(controller.waitUntilIdle(20000));
    QVERIFY2(controller.latest()->status.startsWith(QStringLiteral("Not ready")),
             qPrintable(controller.latest()->status));

    controller.setupFresh(smallConfig(), smallData(), noParzen());  // a good setting recovers
    QVERIFY(controller.waitUntilIdle(20000));
    QVERIFY(controller.latest()->error.isEmpty());
    QVERIFY(controller.latest()->model);
  }

  void deletingWhileTrainingReturnsPromptly() {
    auto controller = std::make_unique<TpTrainingController>();
    TpConfig long_ = smallConfig();
    long_.epochs = 1000;
    controller->setupFresh(long_, smallData(), noParzen());
    controller->start();
    QTRY_VERIFY_WITH_TIMEOUT(controller->latest() && controller->latest()->running, 20000);
    QElapsedTimer t;
    t.start();
    controller.reset();
    QVERIFY2(t.elapsed() < 5000, qPrintable(QString::number(t.elapsed())));
  }
};

QTEST_MAIN(TestTpTrainingController)
#include "test_tp_training_controller.moc"
