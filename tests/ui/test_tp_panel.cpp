// The Target prop (Bengio 2015) tab driven as a user would, on a small synthetic data set: typed
// sizes, Step batch / Step epoch / Start train on the worker exactly as core/targetprop's TpRun does
// for the same settings (bitwise, with the validation Parzen), Save writes a file that reads back
// and reopens, a broken file and a bad learning rate are refused in the status line; the Samples,
// Parzen, Inference and Inpaint views equal the core's results for the same seeds; Export All
// writes every view's figures and CSVs.
#include <qcustomplot.h>

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include "core/common/paper_reference.h"
#include "core/targetprop/generate.h"
#include "core/targetprop/inpaint.h"
#include "core/targetprop/joint_density.h"
#include "core/targetprop/tp_model_file.h"
#include "core/targetprop/tp_rows.h"
#include "core/targetprop/tp_run.h"
#include "core/targetprop/validation_parzen.h"
#include "tests/ui/ui_test_support.h"
#include "ui/shell/app_options.h"
#include "ui/shell/main_window.h"
#include "ui/shell/message_reporter.h"
#include "ui/targetprop/tp_curves_view.h"
#include "ui/targetprop/tp_filters_view.h"
#include "ui/targetprop/tp_inference_view.h"
#include "ui/targetprop/tp_inpaint_view.h"
#include "ui/targetprop/tp_panel.h"
#include "ui/targetprop/tp_samples_view.h"

using namespace vpf;
using namespace vpf::targetprop;

namespace {

// 12,000 training images so the protocol's split applies: training rows 0–1,999, validation from 2,000.
std::shared_ptr<const DataSplits> smallData() {
  static std::shared_ptr<const DataSplits> data = [] {
    auto d = std::make_shared<DataSplits>();
    d->name = "synthetic";
    d->train = test::syntheticDigits(12000, 3);
    d->test = test::syntheticDigits(1000, 4);
    return d;
  }();
  return data;
}

void setSpin(TpPanel& panel, const char* name, int value) {
  auto* spin = panel.findChild<QSpinBox*>(QString::fromLatin1(name));
  QVERIFY(spin);
  spin->setValue(value);
}

void click(TpPanel& panel, const char* name) {
  auto* b = panel.findChild<QPushButton*>(QString::fromLatin1(name));
  QVERIFY(b);
  QVERIFY(b->isEnabled());
  QTest::mouseClick(b, Qt::LeftButton);
}

bool same(const Matrix& a, const Matrix& b) { return a.rows() == b.rows() && a.cols() == b.cols() && a == b; }

// A panel on the synthetic data with a small model (784-20-10), 500 training images, batch 50.
void configure(TpPanel& panel) {
  panel.setDataset(smallData(), QStringLiteral("synthetic"));
  setSpin(panel, "tpN1", 20);
  setSpin(panel, "tpN2", 10);
  setSpin(panel, "tpTrainImages", 500);
  setSpin(panel, "tpBatch", 50);
  setSpin(panel, "tpEpochs", 2);
  setSpin(panel, "tpParzenEvery", 1);
  QVERIFY(panel.controller().waitUntilIdle(20000));
}

Matrix trainRows(const TpConfig& c) { return pixelRows(smallData()->train.images, {0, 500}, c.binarised); }

}  // namespace

class TestTpPanel : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { test::initUiTestEnvironment(); }

  void trainsLikeTheCore() {
    TpPanel panel;
    panel.resize(1400, 900);
    panel.show();
    configure(panel);
    const TpConfig config = panel.config();
    QCOMPARE(config.architecture.hidden1, 20);
    QCOMPARE(config.batchSize, 50);
    QVERIFY(panel.statusText().contains(QStringLiteral("New model")));

    const Matrix train = trainRows(config);
    TpRun core = TpRun::fresh("synthetic", config, train);
    click(panel, "tpStepBatch");
    QVERIFY(panel.controller().waitUntilIdle(20000));
    core.step();
    QVERIFY(same(panel.controller().latest()->model->W1, core.model().W1));
    QCOMPARE(panel.controller().latest()->batchInEpoch, 1);

    // The rest of epoch 1, then the validation Parzen the worker computes at its end.
    click(panel, "tpStepEpoch");
    QVERIFY(panel.controller().waitUntilIdle(60000));
    while (!core.atEpochBoundary()) core.step();
    const Matrix priorRows = train.topRows(500);
    const Matrix validation = pixelRows(smallData()->train.images, validationRange(*smallData(), 1000), false);
    Rng rng(config.seed + 1, 7);
    const auto parzen = validationParzen(core, priorRows, validation, 1000, TpScoring{}.priorScale, rng);
    QVERIFY(parzen);
    const TpSnapshotPtr s = panel.controller().latest();
    QCOMPARE(s->epochsDone, 1);
    QVERIFY(same(s->model->W1, core.model().W1));
    QVERIFY(same(s->model->priorMean, core.model().priorMean));
    QCOMPARE(s->validationParzen.size(), std::size_t{1});
    QCOMPARE(s->validationParzen[0].second, parzen->mean);
    QCOMPARE(panel.curvesView()->curves().batches.size(), std::size_t{10});
    QCOMPARE(panel.curvesView()->curves().epochs.size(), std::size_t{1});

    // Start runs to the epoch target and stops there; Start again says how to go on.
    click(panel, "tpStart");
    QVERIFY(panel.controller().waitUntilIdle(60000));
    QCOMPARE(panel.controller().latest()->epochsDone, 2);
    QVERIFY(panel.statusText().contains(QStringLiteral("Finished")));
    click(panel, "tpStart");
    QVERIFY(panel.controller().waitUntilIdle(20000));
    QVERIFY2(panel.statusText().contains(QStringLiteral("raise Epochs")), qPrintable(panel.statusText()));
    QCOMPARE(panel.curvesView()->curves().batches.size(), std::size_t{20});

    // Save, read back, reopen in another panel.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("tp.npz"));
    panel.saveModel(path);
    QTRY_VERIFY_WITH_TIMEOUT(panel.statusText().startsWith(QStringLiteral("Saved")), 20000);
    const TpModelFile file = loadTpModel(path.toStdString());
    QCOMPARE(file.meta.epochsDone, 2);
    QVERIFY(file.trainerState.has_value());
    QVERIFY(same(file.model.W1, panel.controller().latest()->model->W1));
    TpPanel other;
    other.setDataset(smallData(), QStringLiteral("synthetic"));
    QVERIFY(other.openModel(path));
    QVERIFY(other.controller().waitUntilIdle(20000));
    QVERIFY(same(other.controller().latest()->model->W1, file.model.W1));
    QCOMPARE(other.findChild<QSpinBox*>(QStringLiteral("tpN1"))->value(), 20);
    QVERIFY(other.controller().latest()->canTrain);

    // A broken file is refused and the run on display stays.
    const QString broken = dir.filePath(QStringLiteral("broken.npz"));
    QFile f(broken);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("PK\x03\x04 not a zip");
    f.close();
    QVERIFY(!other.openModel(broken));
    QVERIFY(other.statusText().contains(QStringLiteral("Cannot open")));
    QVERIFY(same(other.controller().latest()->model->W1, file.model.W1));

    // A bad learning rate is refused when the settings apply.
    auto* lr = panel.findChild<QLineEdit*>(QStringLiteral("tpLearningRate"));
    lr->setText(QStringLiteral("abc"));
    panel.resetRun();
    QVERIFY(panel.statusText().contains(QStringLiteral("learning rate")));
  }

  void viewsMatchTheCore() {
    TpPanel panel;
    panel.resize(1400, 900);
    panel.show();
    configure(panel);
    click(panel, "tpStepEpoch");
    QVERIFY(panel.controller().waitUntilIdle(60000));
    const TpSnapshotPtr s = panel.controller().latest();
    QVERIFY(s->model->hasPrior());  // fitted for the validation Parzen

    // Samples (Fig. 3): Alg. 2, 3 rounds, κ 16 (the validation choice), seed 42.
    GenerateSettings chosen;
    chosen.priorScale = 16;
    QSignalSpy shown(panel.samplesView(), &TpSamplesView::samplesShown);
    panel.views()->setCurrentWidget(panel.samplesView());
    QVERIFY(shown.count() > 0 || shown.wait(30000));
    Rng rng(42, 3);
    const Matrix expected = generate<float>(*s->model, 100, chosen, rng);
    QVERIFY(same(panel.samplesView()->samples(), expected));

    QSignalSpy parzenShown(panel.samplesView(), &TpSamplesView::parzenShown);
    QTest::mouseClick(panel.samplesView()->findChild<QPushButton*>(QStringLiteral("tpParzen")), Qt::LeftButton);
    QVERIFY(parzenShown.wait(60000));
    Rng parzenRng(42, 11);
    const Matrix drawn = generate<float>(*s->model, 1000, chosen, parzenRng);
    const ParzenResult p = parzenLogLikelihood(drawn, smallData()->test.images, paper::bengio2015::kSigma);
    QVERIFY(panel.samplesView()->parzen().has_value());
    QCOMPARE(panel.samplesView()->parzen()->mean, p.mean);
    QVERIFY(panel.samplesView()
                ->findChild<QLabel*>(QStringLiteral("tpParzenLabel"))
                ->text()
                .contains(QStringLiteral("236")));

    // Inference (Fig. 4): both modes on 1,000 validation images, N 20.
    QSignalSpy computed(panel.inferenceView(), &TpInferenceView::computed);
    panel.views()->setCurrentWidget(panel.inferenceView());
    QVERIFY(computed.wait(60000));
    InferenceSettings settings = s->config.inference;
    settings.iterations = 20;
    const Matrix x = pixelRows(smallData()->train.images, validationRange(*smallData(), 1000), false);
    const MeanCurve tp = meanCurve(jointTrajectory(*s->model, x, settings).withoutPrior);
    const auto& shownCurves = panel.inferenceView()->figure().curves;
    QCOMPARE(shownCurves.size(), std::size_t{2});
    QCOMPARE(shownCurves[0].curve.mean.size(), std::size_t{21});
    for (std::size_t t = 0; t < tp.mean.size(); ++t) QCOMPARE(shownCurves[0].curve.mean[t], tp.mean[t]);
    QCOMPARE(shownCurves[0].individual.size(), std::size_t{10});

    // Inpaint (Fig. 5): known pixels never change; the L1 errors follow the slider.
    QSignalSpy inpainted(panel.inpaintView(), &TpInpaintView::inpainted);
    panel.views()->setCurrentWidget(panel.inpaintView());
    QVERIFY(inpainted.wait(60000));
    const TpInpaintView* v = panel.inpaintView();
    QCOMPARE(v->frames().size(), std::size_t{21});
    QCOMPARE(v->mask().rows(), Eigen::Index{8});
    for (const Matrix& frame : v->frames())
      for (Eigen::Index i = 0; i < frame.size(); ++i)
        if (v->mask().data()[i] < 0.5f) QCOMPARE(frame.data()[i], v->original().data()[i]);
    const std::vector<double> last = v->errors();
    v->stepSlider()->setValue(0);
    const std::vector<double> first = v->errors();
    QCOMPARE(first.size(), std::size_t{8});
    QVERIFY(first != last);
    auto* mask = panel.inpaintView()->findChild<QComboBox*>(QStringLiteral("tpMaskKind"));
    mask->setCurrentIndex(1);  // Top 12 rows
    QVERIFY(inpainted.wait(60000));
    QCOMPARE(v->mask().row(0).head(12 * 28).sum(), 12.0f * 28);
    QCOMPARE(v->mask().row(0).tail(16 * 28).sum(), 0.0f);

    panel.views()->setCurrentWidget(panel.filtersView());
    QTRY_VERIFY_WITH_TIMEOUT(!panel.filtersView()->recognitionImage().isNull(), 5000);

    // Export All: every view, every format, CSVs with their rows.
    QTemporaryDir dir;
    const QStringList written = panel.exportAll(dir.path(), FigureSize{800, 500, 96});
    QCOMPARE(written.size(), 20);
    for (const QString& path : written) {
      QVERIFY2(QFile::exists(path) && QFileInfo(path).size() > 0, qPrintable(path));
      if (path.endsWith(QStringLiteral(".png"))) QVERIFY(!QImage(path).isNull());
    }
    QFile curves(dir.filePath(QStringLiteral("tp-curves.csv")));
    QVERIFY(curves.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = curves.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 2);  // header + epoch 1
    QVERIFY(lines[0].startsWith("epoch,g1"));
  }

  // File ▸ Open Model… with a target-propagation file: the Target prop tab opens it, the Boltzmann
  // session is left alone; a corrupt one is reported.
  // A hidden tab costs nothing: the fresh run (a copy of the training rows, the model) is made when
  // the tab is first shown.
  void aHiddenPanelMakesItsRunWhenShown() {
    TpPanel panel;
    panel.setDataset(smallData(), QStringLiteral("synthetic"));
    QTest::qWait(200);
    QVERIFY(!panel.controller().latest());
    panel.show();
    QVERIFY(panel.controller().waitUntilIdle(20000));
    QVERIFY(panel.controller().latest() && panel.controller().latest()->model);
    QVERIFY(panel.statusText().contains(QStringLiteral("New model")));
  }

  void theMainWindowHandsTpFilesToTheTab() {
    QTemporaryDir dir;
    const test::IdxFiles idx = test::writeIdx(test::syntheticDigits(600, 5), dir.path());
    TpConfig config;
    config.architecture.hidden1 = 20;
    config.architecture.hidden2 = 10;
    config.batchSize = 50;
    const Matrix rows = smallData()->train.images.topRows(200);
    TpRun run = TpRun::fresh("synthetic", config, rows);
    run.step();
    const QString path = dir.filePath(QStringLiteral("tp.npz"));
    run.save(path.toStdString());

    AppOptions options;
    options.fresh = true;
    auto reporter = std::make_shared<NonInteractiveReporter>();
    MainWindow window(options, reporter);
    window.resize(1300, 850);
    window.show();
    QVERIFY(window.openIdxFiles({idx.images}));
    QVERIFY(window.openModel(path));
    TpPanel* panel = window.findChild<TpPanel*>();
    QVERIFY(panel);
    QCOMPARE(window.tabs()->currentIndex(), window.tabIndexOf(panel));
    QVERIFY(panel->controller().waitForCommands(20000));
    QVERIFY(same(panel->controller().latest()->model->W1, run.model().W1));
    QVERIFY(reporter->errors.isEmpty());

    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    f.resize(f.size() / 2);
    f.close();
    QVERIFY(!window.openModel(path));
    QCOMPARE(reporter->errors.size(), 1);
  }

  // Every view grabbed after it has computed: non-blank images of the whole panel. With
  // VPF_TP_MODEL=<trained .npz> and VPF_TP_SCREENSHOTS=<dir> (MNIST installed) these are the
  // documentation's screenshots, docs/images/tp-<view>.png; otherwise a small synthetic run.
  void screenshotsOfEveryView() {
    const QString model = qEnvironmentVariable("VPF_TP_MODEL"), out = qEnvironmentVariable("VPF_TP_SCREENSHOTS");
    const bool documentation = !model.isEmpty() && !out.isEmpty();
    QTemporaryDir scratch;
    const QDir dir(documentation ? out : scratch.path());
    TpPanel panel;
    panel.resize(1100, 820);
    panel.show();
    if (documentation) {
      panel.setDataset(std::make_shared<DataSplits>(loadDataSplits("mnist")), QStringLiteral("MNIST"));
      QVERIFY(panel.openModel(model));
    } else {
      configure(panel);
      click(panel, "tpStepEpoch");
      QVERIFY(panel.controller().waitUntilIdle(60000));
    }
    QVERIFY(panel.controller().waitForCommands(30000));
    QSignalSpy parzen(panel.samplesView(), &TpSamplesView::parzenShown);
    for (TpView* v : std::initializer_list<TpView*>{panel.curvesView(), panel.inferenceView(), panel.samplesView(),
                                                    panel.inpaintView(), panel.filtersView()}) {
      panel.views()->setCurrentWidget(v);
      QTest::qWait(100);
      QTRY_VERIFY_WITH_TIMEOUT(!v->isBusy(), 120000);
      if (v == panel.samplesView()) {
        QTest::mouseClick(v->findChild<QPushButton*>(QStringLiteral("tpParzen")), Qt::LeftButton);
        QVERIFY(parzen.wait(120000));
      }
      QTest::qWait(300);
      const QString path = dir.filePath(QStringLiteral("%1.png").arg(v->exportBaseName()));
      QVERIFY(panel.grab().save(path));
      const QImage image(path);
      QVERIFY(!image.isNull());
      QVERIFY(image.width() >= 1000);
      // Not one flat colour: the view drew something.
      QSet<QRgb> colours;
      for (int y = 0; y < image.height(); y += 7)
        for (int x = image.width() / 3; x < image.width(); x += 7) colours.insert(image.pixel(x, y));
      QVERIFY2(colours.size() > 20, qPrintable(v->exportBaseName()));
    }
  }
};

QTEST_MAIN(TestTpPanel)
#include "test_tp_panel.moc"
