// Small pieces of the app: command-line options, data set specs and IDX file pairing, the
// coalescing repaint timer, the autosave marker, status formatting, the model panel's presets.
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "ui/shell/app_options.h"
#include "ui/shell/autosave.h"
#include "ui/shell/dataset_source.h"
#include "ui/controls/model_panel.h"
#include "ui/controls/training_status.h"
#include "ui/training/snapshot_hub.h"
#include "tests/ui/ui_test_support.h"

using namespace vpf;

class TestAppSupport : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { test::initUiTestEnvironment(); }

  void parsesOptions() {
    AppOptions o;
    QString error;
    QVERIFY(AppOptions::parse({QStringLiteral("vpflab"), QStringLiteral("--dataset"), QStringLiteral("fashion"),
                               QStringLiteral("--screenshot"), QStringLiteral("out.png"), QStringLiteral("--after-epochs"),
                               QStringLiteral("3"), QStringLiteral("--quit-after-ms"), QStringLiteral("500"),
                               QStringLiteral("--arch"), QStringLiteral("dbm:196,196,64"), QStringLiteral("--intra"),
                               QStringLiteral("--size"), QStringLiteral("1400x900"), QStringLiteral("--fresh")},
                              o, error));
    QCOMPARE(o.dataset, QStringLiteral("fashion"));
    QCOMPARE(o.screenshot, QStringLiteral("out.png"));
    QCOMPARE(o.afterEpochs, 3);
    QCOMPARE(o.quitAfterMs, 500);
    QCOMPARE(o.architecture, QStringLiteral("dbm:196,196,64"));
    QVERIFY(o.intra);
    QVERIFY(o.fresh);
    QCOMPARE(o.windowSize, QSize(1400, 900));

    AppOptions d;
    QVERIFY(AppOptions::parse({QStringLiteral("vpflab")}, d, error));
    QCOMPARE(d.dataset, QStringLiteral("mnist"));
    QVERIFY(!AppOptions::parse({QStringLiteral("vpflab"), QStringLiteral("--after-epochs"), QStringLiteral("x"),
                                QStringLiteral("--screenshot"), QStringLiteral("a.png")},
                               d, error));
    QVERIFY(error.contains(QStringLiteral("after-epochs")));
    QVERIFY(!AppOptions::parse({QStringLiteral("vpflab"), QStringLiteral("--after-epochs"), QStringLiteral("2")}, d, error));
    QVERIFY(error.contains(QStringLiteral("--screenshot")));
    QVERIFY(!AppOptions::parse({QStringLiteral("vpflab"), QStringLiteral("--bogus")}, d, error));
  }

  void pairsIdxFiles() {
    QTemporaryDir dir;
    const test::IdxFiles train = test::writeIdx(test::syntheticDigits(50), dir.path(), QStringLiteral("train"));
    const test::IdxFiles t10k = test::writeIdx(test::syntheticDigits(20), dir.path(), QStringLiteral("t10k"));
    QCOMPARE(companionLabelsFile(train.images), train.labels);
    QCOMPARE(companionImagesFile(train.labels), train.images);
    QString error;
    QCOMPARE(specFromIdxFiles({train.labels}, error), idxPairSpec(train.images, train.labels));
    QCOMPARE(specFromIdxFiles({train.images}, error), idxPairSpec(train.images, train.labels));
    QVERIFY(looksLikeIdxFile(train.images));
    QVERIFY(looksLikeModelFile(QStringLiteral("/x/model.NPZ")));
    QVERIFY(!looksLikeModelFile(QStringLiteral("/x/model.npy")));
    // The train pair brings its t10k test split along.
    const auto splits = loadDatasetSpec(idxPairSpec(train.images, train.labels));
    QCOMPARE(splits->train.size(), 50);
    QCOMPARE(splits->test.size(), 20);
    QVERIFY(splits->train.images.isApprox(test::syntheticDigits(50).images, 1e-2f));
    // Without labels.
    const auto unlabeled = loadDatasetSpec(idxPairSpec(t10k.images, QString()));
    QCOMPARE(unlabeled->train.size(), 20);
    QVERIFY(unlabeled->train.labels.empty());
    QCOMPARE(datasetTitle(QStringLiteral("fashion")), QStringLiteral("Fashion-MNIST"));
    QCOMPARE(datasetTitle(idxPairSpec(train.images, train.labels)), QStringLiteral("train-images-idx3-ubyte"));
  }

  void hubCoalesces() {
    SnapshotHub hub(nullptr, 40);
    QSignalSpy spy(&hub, &SnapshotHub::snapshotChanged);
    for (int i = 1; i <= 10; ++i) {
      auto s = std::make_shared<TrainingSnapshot>();
      s->sequence = static_cast<quint64>(i);
      hub.post(s);
    }
    QTRY_COMPARE(spy.count(), 1);
    QCOMPARE(hub.current()->sequence, quint64(10));  // the newest wins
    QTest::qWait(80);
    QCOMPARE(spy.count(), 1);
  }

  void autosaveMarker() {
    QTemporaryDir dir;
    Autosave autosave(dir.path());
    QVERIFY(!autosave.hasRecoverableCheckpoint());
    autosave.beginSession();
    QVERIFY(!autosave.hasRecoverableCheckpoint());  // no checkpoint yet
    QFile checkpoint(autosave.checkpointPath());
    QVERIFY(checkpoint.open(QIODevice::WriteOnly));
    checkpoint.write("x");
    checkpoint.close();
    QVERIFY(autosave.hasRecoverableCheckpoint());
    autosave.endSession();
    QVERIFY(!autosave.hasRecoverableCheckpoint());  // a clean exit
  }

  void statusShowsProgress() {
    TrainingStatus status;
    auto s = std::make_shared<TrainingSnapshot>();
    s->phase = TrainingPhase::Running;
    s->epochsDone = 2;
    s->batchIndex = 750;
    s->batchesPerEpoch = 1500;
    s->targetEpochs = 10;
    s->atEpochBoundary = false;
    s->batchObjective = {100, 102};
    s->samplesPerSecond = 12345;
    s->etaSeconds = 125;
    status.setSnapshot(s);
    const QString text = status.text();
    QVERIFY2(text.contains(QStringLiteral("Epoch 3/10")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("batch 750/1500")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("K = 101.000")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("samples/s")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("25%")), qPrintable(text));
    QCOMPARE(TrainingStatus::formatDuration(125), QStringLiteral("2:05"));
    QCOMPARE(TrainingStatus::formatDuration(3725), QStringLiteral("1:02:05"));
  }

  void modelPanelPresets() {
    ModelPanel panel;
    panel.setDatasetShape(784, 60000);
    Architecture arch;
    TrainingConfig config;
    for (int p = 1; p < panel.presetCount(); ++p) {
      panel.applyPreset(p);
      QVERIFY2(panel.settings(arch, config), qPrintable(panel.errorText()));
      QCOMPARE(config.algorithm, Algorithm::Vpf);
      QCOMPARE(config.batchSize, 40);
      QCOMPARE(config.learningRate, 1e-3);
      // The paper's 1e-4 per unit: 784 visible + the hidden units.
      int units = 784;
      for (int h : arch.hidden) units += h;
      QCOMPARE(config.weightDecay, 1e-4 * units);
    }
    panel.applyPreset(2);  // RBM(196)
    QVERIFY(panel.settings(arch, config));
    QCOMPARE(config.weightDecay, 1e-4 * 980);
    panel.applyPreset(5);  // DBM2
    QVERIFY(panel.settings(arch, config));
    QCOMPARE(arch.hidden, (std::vector<int>{196, 196, 64}));
    QVERIFY(arch.intra);
    QCOMPARE(panel.architectureSpec(), QStringLiteral("dbm:196,196,64"));
    // A loaded model's shape is shown.
    BoltzmannMachine m = BoltzmannMachine::zeros({784, 100}, false);
    TrainingConfig c;
    parseAlgorithm("pcd:10", c);
    panel.setFromModel(m, c);
    QVERIFY(panel.settings(arch, config));
    QCOMPARE(panel.architectureSpec(), QStringLiteral("rbm:100"));
    QCOMPARE(config.algorithm, Algorithm::Pcd);
    QCOMPARE(config.k, 10);
    // CD on a DBM is refused with the core's reason.
    panel.setArchitectureSpec(QStringLiteral("dbm:100,50"), false);
    QVERIFY(!panel.isValid());
    QVERIFY2(panel.errorText().contains(QStringLiteral("RBM")), qPrintable(panel.errorText()));
  }
};

QTEST_MAIN(TestAppSupport)
#include "test_app_support.moc"
