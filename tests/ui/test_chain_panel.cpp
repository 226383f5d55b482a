// The Gibbs chain panel under xvfb-run: N clicks on Step advance the counter by exactly N and the
// shown state equals a core GibbsChain stepped N times with the same seed (RBM, and DBM2 where
// sub-steps show each asynchronous intra-layer sweep); clamping keeps the known pixels; the
// film strip and the energy plot follow the chain; run/pause; export; refusal without a model.
#include <qcustomplot.h>

#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTest>

#include "ui/chain/chain_panel.h"
#include "core/sampling/gibbs_chain.h"
#include "tests/ui/sampling_test_support.h"

using namespace vpf;

namespace {

bool waitIdle(ChainPanel& panel, int timeoutMs = 10000) {
  QElapsedTimer t;
  t.start();
  while (t.elapsed() < timeoutMs) {
    QTest::qWait(5);
    if (!panel.isBusy()) return true;
  }
  return false;
}

void compareWithCore(const ChainPanel& panel, const GibbsChain& core) {
  const ChainFrame& f = panel.frame();
  QCOMPARE(panel.stepCount(), core.stepCount());
  QCOMPARE(f.samples.size(), core.samples().size());
  for (std::size_t l = 0; l < f.samples.size(); ++l) {
    QVERIFY2(f.samples[l] == RowVector(core.samples()[l].row(0)), qPrintable(QStringLiteral("layer %1").arg(l)));
    QVERIFY2(f.probs[l] == RowVector(core.probabilities()[l].row(0)), qPrintable(QStringLiteral("p layer %1").arg(l)));
  }
}

}  // namespace

class TestChainPanel : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { test::initUiTestEnvironment(); }

  void refusesWithoutModel() {
    SamplingContext context;
    ChainPanel panel(&context);
    auto* refusal = panel.findChild<QLabel*>(QStringLiteral("refusal"));
    QVERIFY(refusal->text().contains(QStringLiteral("No model")));
    QCOMPARE(panel.findChild<QStackedWidget*>()->currentWidget(), refusal);
    panel.step(3);  // ignored, no crash
    QCOMPARE(panel.stepCount(), 0LL);
  }

  void stepsEqualCoreChain_data() {
    QTest::addColumn<QString>("kind");
    QTest::newRow("rbm") << "rbm";
    QTest::newRow("dbm2") << "dbm2";
  }
  void stepsEqualCoreChain() {
    QFETCH(QString, kind);
    QTemporaryDir dir;
    SamplingContext context;
    context.setData(test::writeSyntheticSplits(dir.path(), 100, 40).splits);
    const bool dbm2 = kind == QLatin1String("dbm2");
    const ModelPtr model = dbm2 ? test::randomModel({784, 40, 30, 12}, true) : test::randomModel({784, 64});
    context.setModel(model, TrainingConfig(), kind);
    ChainPanel panel(&context);
    panel.resize(1300, 900);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setImageIndex(5);
    panel.setSeed(99);
    QVERIFY(waitIdle(panel));
    QCOMPARE(panel.stepCount(), 0LL);
    const Matrix v0 = context.testImages()->row(5);
    QVERIFY(panel.startImage() == RowVector(v0));
    GibbsChain core(*model, v0, 99);
    compareWithCore(panel, core);

    // N clicks on Step (faster than the worker can answer) → exactly N steps.
    auto* stepButton = panel.findChild<QPushButton*>(QStringLiteral("stepButton"));
    const int n = 7;
    for (int i = 0; i < n; ++i) QTest::mouseClick(stepButton, Qt::LeftButton);
    QVERIFY(waitIdle(panel));
    core.run(n);
    compareWithCore(panel, core);
    QCOMPARE(static_cast<int>(panel.energies().size()), n + 1);  // the start and every step
    QCOMPARE(panel.energies().back(), core.energies()[0]);
    QCOMPARE(static_cast<int>(panel.history().size()), n + 1);
    QVERIFY(panel.history().back() == RowVector(core.samples()[0].row(0)));
    QVERIFY(panel.findChild<QLabel*>(QStringLiteral("stepCounter"))->text().startsWith(QStringLiteral("step 7")));
    if (!dbm2) QVERIFY(std::isfinite(panel.freeEnergies().back()));

    // Sub-steps: one layer update each, in the core's order; for DBM2 the intra-layer sweeps.
    const int layers = model->layerCount();
    for (int k = 0; k < layers; ++k) {
      panel.subStep();
      QVERIFY(waitIdle(panel));
      const int expectedLayer = core.updateOrder()[static_cast<std::size_t>(k)];
      core.subStep();
      QCOMPARE(panel.frame().lastLayer, expectedLayer);
      QCOMPARE(panel.frame().dbm2Sweep, dbm2 && expectedLayer > 0);
      compareWithCore(panel, core);
    }
    QCOMPARE(panel.stepCount(), static_cast<long long>(n + 1));
    // Step in the middle of a transition finishes it.
    panel.subStep();
    panel.step();
    QVERIFY(waitIdle(panel));
    core.subStep();
    core.step();
    compareWithCore(panel, core);

    // Reset with the same seed starts the same chain again.
    panel.reset();
    QVERIFY(waitIdle(panel));
    QCOMPARE(panel.stepCount(), 0LL);
    GibbsChain again(*model, v0, 99);
    compareWithCore(panel, again);
  }

  void clampedChainKeepsKnownPixels() {
    QTemporaryDir dir;
    SamplingContext context;
    context.setData(test::writeSyntheticSplits(dir.path(), 100, 40).splits);
    const ModelPtr model = test::randomModel({784, 32});
    context.setModel(model, TrainingConfig(), QStringLiteral("rbm"));
    CorruptionState painted;
    painted.input = context.testImages()->row(2);
    painted.mask = corruptionMask(CorruptionPattern::Bottom, 28, 28, 12);
    ChainPanel panel(&context);
    panel.setPaintedSource([&] { return std::optional<CorruptionState>(painted); });
    panel.show();
    panel.setImageIndex(2);
    panel.setSeed(5);
    panel.setClamp(true);
    panel.reset();
    QVERIFY(waitIdle(panel));
    panel.step(4);
    QVERIFY(waitIdle(panel));
    GibbsChain core(*model, Matrix(painted.input), 5);
    core.setClamp(painted.mask, Matrix(painted.input));
    core.run(4);
    compareWithCore(panel, core);
    for (int i = 0; i < 784; ++i)
      if (painted.mask[i] == 0) QCOMPARE(panel.frame().samples[0][i], painted.input[i]);

    // Run, then pause: the chain advanced and stops.
    panel.setSpeed(200);
    panel.run();
    QTest::qWait(300);
    panel.pause();
    QVERIFY(waitIdle(panel));
    const long long steps = panel.stepCount();
    QVERIFY(steps > 4);
    QTest::qWait(100);
    QCOMPARE(panel.stepCount(), steps);
    QVERIFY(!panel.isRunning());

    QTemporaryDir out;
    const QStringList files = panel.exportAll(out.path(), FigureSize{900, 500, 96});
    for (const char* name : {"gibbs-chain.png", "gibbs-chain.svg", "gibbs-chain.pdf", "gibbs-chain.csv",
                             "gibbs-chain-energy.png", "gibbs-chain-history.npy"}) {
      QVERIFY2(files.contains(out.filePath(name)), name);
      QVERIFY2(QFileInfo(out.filePath(name)).size() > 60, name);
    }
    QFile csv(out.filePath("gibbs-chain.csv"));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QCOMPARE(csv.readLine().trimmed(), QByteArray("step,energy,free_energy"));
  }
};

QTEST_MAIN(TestChainPanel)
#include "test_chain_panel.moc"
