// The Confabulate panel under xvfb-run: the grid is produced for prior R and P and equals the
// core's confabulate (paper Alg. 2) for the same seed; the descent can be stepped level by level;
// a comparison model gets the same settings; the Parzen action reports a finite value with a
// standard error and its settings, and can be cancelled; the AIS action equals the core's estimate;
// export; refusal without a model.
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QStackedWidget>
#include <QTest>

#include "tests/ui/sampling_test_support.h"
#include "ui/confab/confab_panel.h"

using namespace vpf;

namespace {

bool waitSamples(ConfabPanel& panel, int timeoutMs = 20000) {
  QElapsedTimer t;
  t.start();
  QTest::qWait(10);
  while (t.elapsed() < timeoutMs) {
    if (!panel.isGenerating() && panel.samples().rows() > 0) return true;
    QTest::qWait(10);
  }
  return false;
}

Matrix coreSamples(const BoltzmannMachine& m, int count, ConfabulationPrior prior, int r, quint64 seed,
                   const SamplingContext& context) {
  std::vector<RowVector> means;
  if (prior == ConfabulationPrior::Mean) means = meanBottomUpActivations(m, *context.trainImages(10000));
  Rng rng(seed);
  return confabulate(m, count, prior, r, rng, prior == ConfabulationPrior::Mean ? &means : nullptr);
}

}  // namespace

class TestConfabPanel : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { test::initUiTestEnvironment(); }

  void refusesWithoutModel() {
    SamplingContext context;
    ConfabPanel panel(&context);
    auto* refusal = panel.findChild<QLabel*>(QStringLiteral("refusal"));
    QVERIFY(refusal->text().contains(QStringLiteral("No model")));
    QCOMPARE(panel.findChild<QStackedWidget*>()->currentWidget(), refusal);
    panel.estimateLogLikelihood();  // ignored
    QVERIFY(!panel.isEstimating());
  }

  void gridForBothPriorsEqualsCore() {
    QTemporaryDir dir;
    SamplingContext context;
    context.setData(test::writeSyntheticSplits(dir.path(), 300, 100).splits);
    const ModelPtr model = test::randomModel({784, 40, 30, 12}, true, 4, 0.3);
    context.setModel(model, TrainingConfig(), QStringLiteral("DBM2"));
    ConfabPanel panel(&context);
    panel.resize(1200, 800);
    panel.show();
    panel.setCount(16);
    panel.setSteps(3);
    panel.setSeed(17);
    QVERIFY(waitSamples(panel));
    for (ConfabulationPrior prior : {ConfabulationPrior::Random, ConfabulationPrior::Mean}) {
      panel.setPrior(prior);
      QVERIFY(waitSamples(panel));
      QTest::qWait(50);
      QVERIFY(waitSamples(panel));
      QCOMPARE(panel.samples().rows(), 16);
      QCOMPARE(panel.samples().cols(), 784);
      QVERIFY(panel.samples().minCoeff() >= 0 && panel.samples().maxCoeff() <= 1);
      QVERIFY(panel.samples() == coreSamples(*model, 16, prior, 3, 17, context));
      QVERIFY(!panel.gridTile()->image().isNull());
    }
    // The descent: one trace level per layer i = 3 … 1, then the final images.
    QCOMPARE(static_cast<int>(panel.trace().size()), 3);
    QCOMPARE(panel.levelCount(), 4);
    auto* slider = panel.findChild<QSlider*>(QStringLiteral("levelSlider"));
    QCOMPARE(slider->maximum(), 3);
    const QImage final = panel.gridTile()->image();
    slider->setValue(0);
    QVERIFY(panel.findChild<QLabel*>(QStringLiteral("levelLabel"))->text().contains(QStringLiteral("level i = 3")));
    QVERIFY(panel.gridTile()->image() != final);
    slider->setValue(3);
    QCOMPARE(panel.gridTile()->image(), final);

    // A comparison model gets the same settings and seed.
    const ModelPtr other = test::randomModel({784, 40, 30, 12}, false, 8, 0.3);
    panel.setCompareModel(other, QStringLiteral("DBM1"));
    QVERIFY(waitSamples(panel));
    QCOMPARE(panel.compareSamples().rows(), 16);
    QVERIFY(panel.compareSamples() == coreSamples(*other, 16, ConfabulationPrior::Mean, 3, 17, context));
    QVERIFY_THROWS_EXCEPTION(std::exception, panel.setCompareModel(test::randomModel({100, 5}), QStringLiteral("x")));

    QTemporaryDir out;
    const QStringList files = panel.exportAll(out.path(), FigureSize{900, 500, 96});
    for (const char* name : {"confabulations.png", "confabulations.svg", "confabulations.pdf", "confabulations.csv",
                             "confabulations.npy", "confabulations-compare.npy"}) {
      QVERIFY2(files.contains(out.filePath(name)), name);
      QVERIFY2(QFileInfo(out.filePath(name)).size() > 100, name);
    }
  }

  // Issue 16, finding 1: when the top layer's start does not reach the pixels (here a DBM whose
  // upper weights are zero), priors R and P give identical grids, and the tab says so; a model whose
  // upper layers matter gets no such notice.
  void identicalPriorsAreReported() {
    QTemporaryDir dir;
    SamplingContext context;
    context.setData(test::writeSyntheticSplits(dir.path(), 300, 100).splits);
    BoltzmannMachine deaf = *test::randomModel({784, 40, 12}, false, 5, 0.3);
    deaf.W[1].setZero();  // h2 (the top layer, where the prior starts) no longer reaches h1
    context.setModel(std::make_shared<const BoltzmannMachine>(deaf), TrainingConfig(), QStringLiteral("DBM1"));
    ConfabPanel panel(&context);
    panel.show();
    panel.setCount(16);
    QVERIFY(waitSamples(panel));
    auto* notice = panel.findChild<QLabel*>(QStringLiteral("priorNotice"));
    QVERIFY(notice);
    QVERIFY2(notice->text().contains(QStringLiteral("identical")), qPrintable(notice->text()));
    // The same check against the core: both priors, same seed, bitwise equal.
    QCOMPARE(coreSamples(deaf, 16, ConfabulationPrior::Random, 5, 42, context),
             coreSamples(deaf, 16, ConfabulationPrior::Mean, 5, 42, context));
    // Strong upper weights: the prior's start reaches the pixels, and the notice goes.
    context.setModel(test::randomModel({784, 40, 12}, false, 5, 3.0), TrainingConfig(), QStringLiteral("DBM1"));
    QVERIFY(QTest::qWaitFor([&] { return notice->text().isEmpty(); }, 20000));
  }

  void exportWaitsForTheFirstGrid() {
    // --export-all right after a model is opened: the export waits for the worker's grid.
    QTemporaryDir dir;
    SamplingContext context;
    context.setData(test::writeSyntheticSplits(dir.path(), 100, 40).splits);
    context.setModel(test::randomModel({784, 40, 30, 12}, true), TrainingConfig(), QStringLiteral("DBM2"));
    ConfabPanel panel(&context);
    QVERIFY(panel.isGenerating());
    QTemporaryDir out;
    panel.exportFigure(out.filePath("c.png"), FigureSize{600, 400, 96});
    QCOMPARE(panel.samples().rows(), 100);
    QVERIFY(!QImage(out.filePath("c.png")).isNull());
  }

  void parzenReportsFiniteValueWithStandardError() {
    QTemporaryDir dir;
    SamplingContext context;
    context.setData(test::writeSyntheticSplits(dir.path(), 300, 120).splits);
    context.setModel(test::randomModel({784, 32}, false, 2, 0.2), TrainingConfig(), QStringLiteral("RBM"));
    ConfabPanel panel(&context);
    panel.show();
    panel.setParzenSamples(300);
    panel.setParzenTestImages(100);
    panel.resize(1100, 800);
    QVERIFY(waitSamples(panel));
    QTest::qWait(100);
    // The result text appears in reserved space: the grid and the buttons stay put (issue 16, finding 2).
    auto* estimate = panel.findChild<QPushButton*>(QStringLiteral("estimateButton"));
    QVERIFY(estimate);
    auto place = [&](QWidget* w) { return QRect(w->mapTo(&panel, QPoint(0, 0)), w->size()); };
    const QRect before = place(estimate);
    QSignalSpy done(&panel, &ConfabPanel::estimateFinished);
    panel.estimateLogLikelihood();
    QVERIFY(done.wait(30000));
    QTest::qWait(50);
    QCOMPARE(place(estimate), before);
    QCOMPARE(static_cast<int>(panel.parzen().size()), 1);
    const ParzenReport& p = panel.parzen().front();
    QVERIFY(std::isfinite(p.result.mean));
    QVERIFY(std::isfinite(p.result.standardError) && p.result.standardError > 0);
    QCOMPARE(p.result.sigma, 0.2);
    QCOMPARE(p.result.samples, 300);
    QCOMPARE(p.result.testImages, 100);
    const QString text = panel.findChild<QLabel*>(QStringLiteral("parzenResult"))->text();
    QVERIFY(text.contains(QString::number(p.result.mean, 'f', 2)));
    QVERIFY(text.contains(QStringLiteral("σ = 0.2")));
    QVERIFY(text.contains(QStringLiteral("300 samples")));
    // Grey test images by default (the paper's protocol); binarised on request, with a different value.
    QVERIFY(p.greyTest);
    QVERIFY(text.contains(QStringLiteral("grey values")));
    const double greyMean = p.result.mean;
    auto* pixels = panel.findChild<QComboBox*>(QStringLiteral("testPixels"));
    QVERIFY(pixels);
    pixels->setCurrentIndex(1);
    panel.estimateLogLikelihood();
    QVERIFY(done.wait(30000));
    QVERIFY(!panel.parzen().front().greyTest);
    QVERIFY(panel.parzen().front().result.mean != greyMean);
    QVERIFY(panel.findChild<QLabel*>(QStringLiteral("parzenResult"))->text().contains(QStringLiteral("binarised at")));
    // σ selection picks one of logspace(−1, 0, 10).
    panel.setSigma(0.2, true);
    panel.estimateLogLikelihood();
    QVERIFY(done.wait(30000));
    const double s = panel.parzen().front().result.sigma;
    QVERIFY(s >= 0.1 - 1e-9 && s <= 1.0 + 1e-9);
    QVERIFY(panel.parzen().front().sigmaSelected);
    // Another model: the estimate belongs to the old one, so it is cleared and not exported.
    context.setModel(test::randomModel({784, 20}, false, 4, 0.2), TrainingConfig(), QStringLiteral("RBM 2"));
    QVERIFY(waitSamples(panel));
    QVERIFY(panel.parzen().empty());
    QVERIFY(panel.findChild<QLabel*>(QStringLiteral("parzenResult"))->text().contains(QStringLiteral("cleared")));
    QTemporaryDir out;
    QVERIFY(!panel.exportAll(out.path(), {600, 400, 96}).contains(QDir(out.path()).filePath(QStringLiteral("parzen.csv"))));
  }

  // The AIS action gives the core's estimate for the same settings and seed, exports it, and is
  // cleared when another model arrives (a result belongs to the model it was computed for).
  void trueLogLikelihoodEqualsTheCoreAndIsClearedWithTheModel() {
    QTemporaryDir dir;
    SamplingContext context;
    context.setData(test::writeSyntheticSplits(dir.path(), 300, 120).splits);
    const auto dbm = test::randomModel({784, 12, 8}, true, 2, 0.2);
    context.setModel(dbm, TrainingConfig(), QStringLiteral("DBM2"));
    ConfabPanel panel(&context);
    panel.show();
    QVERIFY(waitSamples(panel));
    panel.setAisSettings(20, 300, 100);
    QSignalSpy done(&panel, &ConfabPanel::trueLogLikelihoodFinished);
    QTest::mouseClick(panel.findChild<QPushButton*>(QStringLiteral("aisButton")), Qt::LeftButton);
    QVERIFY(done.wait(60000));
    QCOMPARE(static_cast<int>(panel.trueLogLikelihoods().size()), 1);
    const LikelihoodEstimate& shown = panel.trueLogLikelihoods().front().estimate;
    LikelihoodSettings settings;
    settings.runs = 20;
    settings.betas = 300;
    const LikelihoodEstimate core =
        estimateLogLikelihood(*dbm, *context.trainImages(), context.testImages()->topRows(100), settings);
    QCOMPARE(shown.logZ.logZ, core.logZ.logZ);
    QCOMPARE(shown.testLogLikelihood.mean, core.testLogLikelihood.mean);
    QCOMPARE(shown.testLogLikelihood.images, 100);
    QVERIFY(shown.bound);
    const QString text = panel.findChild<QLabel*>(QStringLiteral("aisResult"))->text();
    QVERIFY2(text.contains(QString::number(core.testLogLikelihood.mean, 'f', 2)), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("mean-field lower bound")));

    QTemporaryDir out;
    const QStringList files = panel.exportAll(out.path(), {600, 400, 96});
    QVERIFY(files.contains(QDir(out.path()).filePath(QStringLiteral("loglik.csv"))));
    QFile csv(QDir(out.path()).filePath(QStringLiteral("loglik.csv")));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QVERIFY(csv.readLine().startsWith("model,method,log_likelihood"));
    QVERIFY(csv.readLine().contains("ais+meanfield"));

    context.setModel(test::randomModel({784, 16}, false, 3, 0.2), TrainingConfig(), QStringLiteral("RBM"));
    QVERIFY(waitSamples(panel));
    QVERIFY(panel.trueLogLikelihoods().empty());
    QVERIFY(panel.findChild<QLabel*>(QStringLiteral("aisResult"))->text().contains(QStringLiteral("cleared")));
  }

  void parzenCanBeCancelled() {
    QTemporaryDir dir;
    SamplingContext context;
    context.setData(test::writeSyntheticSplits(dir.path(), 100, 4000).splits);
    context.setModel(test::randomModel({784, 64}, false, 2, 0.2), TrainingConfig(), QStringLiteral("RBM"));
    ConfabPanel panel(&context);
    panel.show();
    QVERIFY(waitSamples(panel));
    panel.setParzenSamples(20000);
    panel.setParzenTestImages(4000);
    QSignalSpy cancelled(&panel, &ConfabPanel::estimateCancelled);
    QSignalSpy done(&panel, &ConfabPanel::estimateFinished);
    panel.estimateLogLikelihood();
    QVERIFY(panel.isEstimating());
    QTest::qWait(150);
    panel.cancelEstimate();
    QVERIFY(cancelled.wait(30000));
    QCOMPARE(done.count(), 0);
    QVERIFY(panel.parzen().empty());
    QVERIFY(!panel.isEstimating());
  }
};

QTEST_MAIN(TestConfabPanel)
#include "test_confab_panel.moc"
