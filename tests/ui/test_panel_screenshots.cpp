// End to end in the main window: the Reconstruct, Gibbs chain and Confabulate tabs with opened
// model files, driven like a user (painting with the mouse, Table 1, stepping, comparison,
// Parzen). Always runs with a small random model on synthetic data (fast). With
// VPF_PANEL_SCREENSHOTS=<dir> and VPF_RBM_MODEL / VPF_DBM2_MODEL / VPF_DBM1_MODEL (trained .npz files,
// MNIST installed) it also writes the documentation's screenshots (docs/images/*.png).
#include <QDir>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

#include "tests/ui/sampling_test_support.h"
#include "ui/chain/chain_panel.h"
#include "ui/confab/confab_panel.h"
#include "ui/gl/grab_with_gl.h"
#include "ui/reconstruct/paint_canvas.h"
#include "ui/reconstruct/reconstruct_panel.h"
#include "ui/shell/main_window.h"
#include "ui/shell/message_reporter.h"
#include "ui/support/sampling_context.h"

using namespace vpf;

namespace {

template <typename Pred>
bool waitFor(Pred pred, int timeoutMs) {
  QElapsedTimer t;
  t.start();
  while (t.elapsed() < timeoutMs) {
    if (pred()) return true;
    QTest::qWait(20);
  }
  return pred();
}

void paintStroke(PaintCanvas* canvas, const std::vector<QPoint>& pixels) {
  QTest::mousePress(canvas, Qt::LeftButton, Qt::NoModifier, test::pixelCentre(*canvas, pixels[0].x(), pixels[0].y()));
  for (std::size_t i = 1; i < pixels.size(); ++i)
    QTest::mouseMove(canvas, test::pixelCentre(*canvas, pixels[i].x(), pixels[i].y()));
  QTest::mouseRelease(canvas, Qt::LeftButton, Qt::NoModifier,
                      test::pixelCentre(*canvas, pixels.back().x(), pixels.back().y()));
}

bool grab(MainWindow& w, const QString& dir, const QString& name) {
  if (dir.isEmpty()) return true;
  QTest::qWait(400);
  const bool ok = vpf::grabWithFilterViews(&w).save(QDir(dir).filePath(name), "PNG");
  qInfo("wrote %s", qPrintable(QDir(dir).filePath(name)));
  return ok;
}

}  // namespace

class TestPanelScreenshots : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { test::initUiTestEnvironment(); }

  void panelsInTheMainWindow() {
    const QString shots = QString::fromLocal8Bit(qgetenv("VPF_PANEL_SCREENSHOTS"));
    const QString rbm = QString::fromLocal8Bit(qgetenv("VPF_RBM_MODEL"));
    const QString dbm2 = QString::fromLocal8Bit(qgetenv("VPF_DBM2_MODEL"));
    const QString dbm1 = QString::fromLocal8Bit(qgetenv("VPF_DBM1_MODEL"));
    const bool docs = !shots.isEmpty() && !rbm.isEmpty() && !dbm2.isEmpty() && !dbm1.isEmpty();
    if (docs) QDir().mkpath(shots);

    QTemporaryDir dir;
    auto reporter = std::make_shared<NonInteractiveReporter>(true, MessageReporter::SaveChoice::Discard);
    AppOptions options;
    options.fresh = true;
    MainWindow window(options, reporter);
    window.resize(1600, 1000);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QString rbmPath = rbm, dbm2Path = dbm2, dbm1Path = dbm1;
    if (docs) {
      QVERIFY(window.openDataset(QStringLiteral("mnist")));
    } else {
      // Small random models saved as files, synthetic data: the same code paths, fast.
      const test::SyntheticData data = test::writeSyntheticSplits(dir.path(), 300, 200);
      QVERIFY(window.openDataset(dir.path()));
      ModelMeta meta;
      meta.dataset = dir.path().toStdString();
      rbmPath = dir.filePath("rbm.npz");
      dbm2Path = dir.filePath("dbm2.npz");
      dbm1Path = dir.filePath("dbm1.npz");
      saveModel(rbmPath.toStdString(), *test::randomModel({784, 40}), meta);
      saveModel(dbm2Path.toStdString(), *test::randomModel({784, 30, 20, 10}, true), meta);
      saveModel(dbm1Path.toStdString(), *test::randomModel({784, 30, 20, 10}, false), meta);
    }
    ReconstructPanel* rec = window.panel<ReconstructPanel>();
    QVERIFY(rec);
    SamplingContext& context = rec->context();
    for (const char* name : {"Reconstruct", "Gibbs chain", "Confabulate"}) QVERIFY(window.tabNames().contains(name));

    // ---- Reconstruct: RBM, a painted corruption over the Right preset, then Table 1.
    QVERIFY(window.openModel(rbmPath));
    QVERIFY(window.showTab(QStringLiteral("Reconstruct")));
    QVERIFY(waitFor([&] { return context.usable() && rec->displayedRequest() > 0; }, 10000));
    rec->setImageIndex(docs ? 3 : 1);
    rec->applyPreset(CorruptionPattern::Right);
    if (docs) rec->setCorruptionStart(CorruptionStart::Zeros);  // see docs/panels.md
    rec->setBrush(BrushMode::Noise, 3);
    QTest::qWait(100);
    paintStroke(rec->canvas(), {{3, 6}, {8, 8}, {12, 12}});
    QVERIFY(rec->editor().state().mask.sum() > 12 * 28);
    QSignalSpy evaluated(rec, &ReconstructPanel::evaluationFinished);
    if (!docs) rec->setEvaluationImages(100);
    rec->evaluateTestSet();
    QVERIFY(evaluated.wait(docs ? 300000 : 30000));
    QCOMPARE(rec->table1().size(), std::size_t(4));
    QVERIFY(waitFor([&] { return rec->reconstruction().size() == 784; }, 5000));
    QVERIFY(grab(window, docs ? shots : QString(), QStringLiteral("reconstruct-panel.png")));

    // ---- Gibbs chain: RBM from a test image, 25 steps.
    QVERIFY(window.showTab(QStringLiteral("Gibbs chain")));
    ChainPanel* chain = window.panel<ChainPanel>();
    chain->setImageIndex(docs ? 7 : 2);
    QVERIFY(waitFor([&] { return !chain->isBusy(); }, 10000));
    chain->step(25);
    QVERIFY(waitFor([&] { return !chain->isBusy() && chain->stepCount() == 25; }, 20000));
    QVERIFY(grab(window, docs ? shots : QString(), QStringLiteral("gibbs-chain-panel.png")));

    // ---- DBM2: the chain with one sub-step (h1's asynchronous sweep), confabulations, Parzen.
    QVERIFY(window.openModel(dbm2Path));
    QVERIFY(waitFor([&] { return context.usable() && context.model()->hasIntraLayer(); }, 10000));
    QVERIFY(waitFor([&] { return !chain->isBusy(); }, 10000));
    chain->step(12);
    chain->subStep();
    QVERIFY(waitFor([&] { return !chain->isBusy() && chain->stepCount() == 12; }, 20000));
    QCOMPARE(chain->frame().lastLayer, 1);
    QVERIFY(chain->frame().dbm2Sweep);
    QVERIFY(grab(window, docs ? shots : QString(), QStringLiteral("gibbs-chain-dbm2.png")));

    QVERIFY(window.showTab(QStringLiteral("Confabulate")));
    ConfabPanel* confab = window.panel<ConfabPanel>();
    confab->setPrior(ConfabulationPrior::Mean);
    QVERIFY(waitFor([&] { return !confab->isGenerating() && confab->samples().rows() == 100; }, 60000));
    QSignalSpy estimated(confab, &ConfabPanel::estimateFinished);
    if (!docs) {
      confab->setParzenSamples(200);
      confab->setParzenTestImages(100);
    }
    confab->estimateLogLikelihood();
    QVERIFY(estimated.wait(docs ? 600000 : 30000));
    QVERIFY(std::isfinite(confab->parzen().front().result.mean));
    QVERIFY(grab(window, docs ? shots : QString(), QStringLiteral("confabulate-panel-dbm2.png")));

    confab->loadCompareModel(dbm1Path);
    QVERIFY(waitFor([&] { return !confab->isGenerating() && confab->compareSamples().rows() == 100; }, 60000));
    confab->estimateLogLikelihood();
    QVERIFY(estimated.wait(docs ? 900000 : 30000));
    QCOMPARE(static_cast<int>(confab->parzen().size()), 2);
    QVERIFY(grab(window, docs ? shots : QString(), QStringLiteral("compare-dbm2-dbm1.png")));

    // Export all includes the three panels.
    QTemporaryDir out;
    const QStringList files = window.exportAllFigures(out.path(), FigureSize{800, 500, 96});
    for (const char* name : {"reconstruct.png", "reconstruct.npy", "table1.csv", "gibbs-chain.pdf",
                             "gibbs-chain-history.npy", "confabulations.svg", "confabulations.npy", "parzen.csv"})
      QVERIFY2(files.contains(out.filePath(name)), name);
    QVERIFY2(reporter->errors.isEmpty(), qPrintable(reporter->errors.join('\n')));
  }
};

QTEST_MAIN(TestPanelScreenshots)
#include "test_panel_screenshots.moc"
