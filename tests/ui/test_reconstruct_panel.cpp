// The Reconstruct panel under xvfb-run: QTest mouse strokes change the mask exactly where painted;
// the reconstruction arrives from the worker, differs from the corrupted start on the painted
// pixels and equals the core's reconstructMasked for the same seed; undo/redo restore masks
// exactly; the Table 1 evaluation on 200 test images equals `vpf reconstruct` on the same model
// and seed and can be cancelled; no model → a refusal; export writes the files. Also measures the
// stroke-to-reconstruction latency for an RBM(196) with 2 transitions (printed; only a generous
// bound is asserted). VPF_LATENCY_MODEL=<model.npz> measures with that model (on MNIST).
#include <QComboBox>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTest>
#include <algorithm>
#include <set>

#include "core/sampling/reconstruction.h"
#include "tests/ui/sampling_test_support.h"
#include "ui/reconstruct/paint_canvas.h"
#include "ui/reconstruct/reconstruct_panel.h"

using namespace vpf;

namespace {

std::set<int> maskPixels(const RowVector& mask) {
  std::set<int> s;
  for (int i = 0; i < mask.size(); ++i)
    if (mask[i] > 0.5f) s.insert(i);
  return s;
}

void stroke(PaintCanvas* canvas, const std::vector<QPoint>& pixels) {
  QTest::mousePress(canvas, Qt::LeftButton, Qt::NoModifier, test::pixelCentre(*canvas, pixels[0].x(), pixels[0].y()));
  for (std::size_t i = 1; i < pixels.size(); ++i)
    QTest::mouseMove(canvas, test::pixelCentre(*canvas, pixels[i].x(), pixels[i].y()));
  QTest::mouseRelease(canvas, Qt::LeftButton, Qt::NoModifier,
                      test::pixelCentre(*canvas, pixels.back().x(), pixels.back().y()));
}

struct Fixture {
  QTemporaryDir dir;
  test::SyntheticData data;
  SamplingContext context;
  ModelPtr model;
  TrainingConfig config;
  explicit Fixture(const std::vector<int>& sizes = {784, 48}) {
    data = test::writeSyntheticSplits(dir.path());
    model = test::randomModel(sizes);
    context.setData(data.splits, QStringLiteral("synthetic"));
    context.setModel(model, config, QStringLiteral("random RBM"));
  }
};

// Waits until the panel shows the reconstruction of the newest request.
bool settle(ReconstructPanel& panel) {
  QElapsedTimer t;
  t.start();
  QTest::qWait(20);
  while (t.elapsed() < 10000) {
    QSignalSpy spy(&panel, &ReconstructPanel::reconstructionShown);
    if (!spy.wait(150)) return true;  // nothing more arrived: the newest is on display
  }
  return false;
}

}  // namespace

class TestReconstructPanel : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { test::initUiTestEnvironment(); }

  void refusesWithoutModel() {
    SamplingContext context;
    ReconstructPanel panel(&context);
    auto* refusal = panel.findChild<QLabel*>(QStringLiteral("refusal"));
    QVERIFY(refusal);
    QVERIFY(refusal->text().contains(QStringLiteral("No model")));
    QCOMPARE(panel.findChild<QStackedWidget*>()->currentWidget(), refusal);
    // A model whose visible layer does not fit the images: refused with both sizes named.
    QTemporaryDir dir;
    context.setData(test::writeSyntheticSplits(dir.path(), 50, 20).splits);
    context.setModel(test::randomModel({100, 10}), TrainingConfig(), QStringLiteral("small"));
    QVERIFY(refusal->text().contains(QStringLiteral("100 visible units")));
    QVERIFY(refusal->text().contains(QStringLiteral("784")));
    QCOMPARE(panel.findChild<QStackedWidget*>()->currentWidget(), refusal);
    QVERIFY_THROWS_EXCEPTION(std::exception, panel.exportFigure(dir.filePath("x.png"), FigureSize()));
  }

  void strokesPaintExactlyAndReconstructionMatchesCore() {
    Fixture f;
    ReconstructPanel panel(&f.context);
    panel.resize(1300, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(settle(panel));
    panel.setImageIndex(3);
    panel.clearMask();
    panel.setSeed(1234);
    QVERIFY(settle(panel));
    QVERIFY(maskPixels(panel.editor().state().mask).empty());

    // A horizontal stroke along row 5 from column 4 to 9 with a 1-pixel brush …
    panel.setBrush(BrushMode::Noise, 1);
    stroke(panel.canvas(), {{4, 5}, {6, 5}, {9, 5}});
    std::set<int> expected;
    for (int c = 4; c <= 9; ++c) expected.insert(5 * 28 + c);
    QCOMPARE(maskPixels(panel.editor().state().mask), expected);
    // … and a 2-pixel brush at (20, 14): the square (20..21) × (14..15).
    panel.setBrush(BrushMode::Noise, 2);
    stroke(panel.canvas(), {{20, 14}});
    for (int r = 14; r <= 15; ++r)
      for (int c = 20; c <= 21; ++c) expected.insert(r * 28 + c);
    QCOMPARE(maskPixels(panel.editor().state().mask), expected);
    QVERIFY(settle(panel));

    // The reconstruction on display is the core's for the same seed.
    const CorruptionState s = panel.editor().state();
    Rng rng(1234);
    const Matrix core = reconstructMasked(*f.model, s.input, s.mask, 2, rng);
    QCOMPARE(panel.reconstruction().size(), 784);
    QVERIFY(panel.reconstruction() == RowVector(core.row(0)));
    // On the painted pixels it differs from the corrupted start (noise in {0,1}; p(v|h) in (0,1)).
    double diff = 0;
    for (int i : expected) diff += std::abs(panel.reconstruction()[i] - panel.corrupted()[i]);
    QVERIFY2(diff > 0.5, qPrintable(QString::number(diff)));
    // Known pixels are exact.
    for (int i = 0; i < 784; ++i)
      if (!expected.count(i)) QCOMPARE(panel.reconstruction()[i], s.input[i]);
    const double l1 = (panel.editor().original() - panel.reconstruction()).cwiseAbs().sum();
    QCOMPARE(panel.l1Error(), l1);

    // Set-1 brush draws known pixels of value 1 (unmasks them).
    panel.setBrush(BrushMode::One, 1);
    stroke(panel.canvas(), {{4, 5}});
    QCOMPARE(panel.editor().state().mask[5 * 28 + 4], 0.0f);
    QCOMPARE(panel.editor().state().input[5 * 28 + 4], 1.0f);
  }

  void animationEndsInTheResult() {
    Fixture f;
    ReconstructPanel panel(&f.context);
    panel.show();
    panel.setTransitions(6);
    panel.setSeed(3);
    panel.setAnimate(true);
    QVERIFY(settle(panel));
    const CorruptionState s = panel.editor().state();
    Rng rng(3);
    const Matrix core = reconstructMasked(*f.model, s.input, s.mask, 6, rng);
    QVERIFY(panel.reconstruction() == RowVector(core.row(0)));  // animating changes nothing
    QVERIFY(panel.reconstructionTile()->footer().contains(QStringLiteral("transition")));
    QTRY_VERIFY_WITH_TIMEOUT(panel.reconstructionTile()->footer() == QStringLiteral("6 transitions") ||
                                 panel.reconstructionTile()->footer() == QStringLiteral("transition 6 of 6"),
                             5000);
  }

  void followsTheTrainingSnapshots() {
    // Refuses while training runs; works on the paused model; a new paused snapshot refreshes.
    QTemporaryDir dir;
    SamplingContext context;
    context.setData(test::writeSyntheticSplits(dir.path(), 50, 20).splits);
    auto snap = std::make_shared<TrainingSnapshot>();
    snap->phase = TrainingPhase::Running;
    snap->generation = 1;
    snap->sequence = 1;
    snap->model = *test::randomModel({784, 16});
    snap->architecture = "RBM 784-16";
    context.setSnapshot(snap);
    ReconstructPanel panel(&context);
    QVERIFY(!context.usable());
    QVERIFY(context.refusal().contains(QStringLiteral("Training is running")));
    auto paused = std::make_shared<TrainingSnapshot>(*snap);
    paused->phase = TrainingPhase::Paused;
    paused->sequence = 2;
    paused->epochsDone = 3;
    const quint64 before = context.version();
    context.setSnapshot(paused);
    QVERIFY(context.usable());
    QVERIFY(context.version() > before);
    QVERIFY(context.modelDescription().contains(QStringLiteral("3 epoch")));
    QCOMPARE(context.model()->sizes, paused->model.sizes);
    QVERIFY(settle(panel));
    QVERIFY(panel.displayedRequest() > 0);
    QCOMPARE(context.defaultTransitions(), 2);
    // The user's transitions survive a new snapshot of the same algorithm.
    panel.setTransitions(7);
    auto later = std::make_shared<TrainingSnapshot>(*paused);
    later->sequence = 3;
    context.setSnapshot(later);
    QCOMPARE(panel.transitions(), 7);
    auto cd = std::make_shared<TrainingSnapshot>(*paused);
    cd->sequence = 4;
    cd->config.algorithm = Algorithm::Cd;
    context.setSnapshot(cd);
    QCOMPARE(context.defaultTransitions(), 1000);
    QCOMPARE(panel.transitions(), 1000);
    QVERIFY(settle(panel));
  }

  void undoRedoRestoreExactly() {
    Fixture f;
    ReconstructPanel panel(&f.context);
    panel.resize(1300, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.clearMask();
    std::vector<CorruptionState> states{panel.editor().state()};
    panel.setBrush(BrushMode::Noise, 3);
    stroke(panel.canvas(), {{3, 3}, {12, 8}});
    states.push_back(panel.editor().state());
    panel.setBrush(BrushMode::Zero, 2);
    stroke(panel.canvas(), {{5, 4}, {10, 4}});  // over the noise: known zeros now
    states.push_back(panel.editor().state());
    panel.applyPreset(CorruptionPattern::Left);
    states.push_back(panel.editor().state());
    panel.setBrush(BrushMode::Restore, 4);
    stroke(panel.canvas(), {{2, 2}, {2, 25}});
    states.push_back(panel.editor().state());
    for (std::size_t i = 1; i < states.size(); ++i) QVERIFY(!(states[i] == states[i - 1]));
    for (int i = static_cast<int>(states.size()) - 2; i >= 0; --i) {
      panel.undo();
      QVERIFY2(panel.editor().state() == states[static_cast<std::size_t>(i)], qPrintable(QString::number(i)));
    }
    for (std::size_t i = 1; i < states.size(); ++i) {
      panel.redo();
      QVERIFY(panel.editor().state() == states[i]);
    }
    QVERIFY(!panel.editor().canRedo());
    // A new stroke after an undo drops the redo history.
    panel.undo();
    panel.setBrush(BrushMode::Noise, 1);
    stroke(panel.canvas(), {{27, 27}});
    QVERIFY(!panel.editor().canRedo());
    QVERIFY(settle(panel));
  }

  void table1MatchesCli() {
    Fixture f;
    TrainingConfig config;  // VPF: 2 transitions
    ModelMeta meta;
    meta.dataset = f.dir.path().toStdString();
    meta.config = config;
    const QString modelPath = f.dir.filePath(QStringLiteral("model.npz"));
    saveModel(modelPath.toStdString(), *f.model, meta);

    ReconstructPanel panel(&f.context);
    panel.show();
    panel.setSeed(7);
    panel.setEvaluationImages(200);
    for (const char* start : {"noise", "zeros"}) {
      panel.setCorruptionStart(parseCorruptionStart(start));
      QSignalSpy done(&panel, &ReconstructPanel::evaluationFinished);
      panel.evaluateTestSet();
      QVERIFY(done.wait(30000));
      QCOMPARE(panel.table1().size(), std::size_t(4));

      QProcess vpf;
      vpf.start(QStringLiteral(VPF_CLI_PATH), {"reconstruct", "--model", modelPath, "--dataset", f.dir.path(),
                                               "--test-limit", "200", "--seed", "7", "--start", start, "--json"});
      QVERIFY(vpf.waitForFinished(60000));
      QCOMPARE(vpf.exitCode(), 0);
      const QJsonArray rows = QJsonDocument::fromJson(vpf.readAllStandardOutput()).array();
      QCOMPARE(rows.size(), 4);
      for (int i = 0; i < 4; ++i) {
        const QJsonObject o = rows[i].toObject();
        const Table1Row& r = panel.table1()[static_cast<std::size_t>(i)];
        QCOMPARE(r.pattern, o["pattern"].toString());
        QCOMPARE(r.images, 200);
        QCOMPARE(o["gibbs"].toInt(), 2);
        QCOMPARE(o["start"].toString(), QString::fromLatin1(start));
        QVERIFY2(std::abs(r.mean - o["error_mean"].toDouble()) < 1e-9 * std::max(1.0, r.mean),
                 qPrintable(QStringLiteral("%1: %2 vs %3").arg(r.pattern).arg(r.mean).arg(o["error_mean"].toDouble())));
        QVERIFY(std::abs(r.stddev - o["error_std"].toDouble()) < 1e-9 * std::max(1.0, r.stddev));
      }
    }
    QTemporaryDir out;
    const QStringList files = panel.exportAll(out.path(), FigureSize{800, 400, 96});
    for (const char* name : {"reconstruct.png", "reconstruct.svg", "reconstruct.pdf", "reconstruct.csv",
                             "reconstruct.npy", "table1.csv"}) {
      QVERIFY2(files.contains(out.filePath(name)), name);
      QVERIFY2(QFileInfo(out.filePath(name)).size() > 100, name);
    }
    QVERIFY(!QImage(out.filePath("reconstruct.png")).isNull());
  }

  void evaluationCanBeCancelled() {
    Fixture f({784, 196});
    ReconstructPanel panel(&f.context);
    panel.show();
    panel.resize(1100, 800);
    panel.setTransitions(3000);  // long enough to cancel in the middle
    QSignalSpy cancelled(&panel, &ReconstructPanel::evaluationCancelled);
    QSignalSpy done(&panel, &ReconstructPanel::evaluationFinished);
    // The Cancel button stays where it was when the status text appears and changes (issue 16,
    // finding 2): a click aimed at it lands on it.
    auto* cancel = panel.findChild<QPushButton*>(QStringLiteral("cancelEvaluation"));
    QVERIFY(cancel);
    QTest::qWait(400);  // the first reconstruction settles the image tiles' size
    const QRect before(cancel->mapTo(&panel, QPoint(0, 0)), cancel->size());
    panel.evaluateTestSet();
    QVERIFY(panel.isEvaluating());
    QTest::qWait(100);
    QCOMPARE(QRect(cancel->mapTo(&panel, QPoint(0, 0)), cancel->size()), before);
    QVERIFY(cancel->isEnabled());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(cancelled.wait(20000));
    QTest::qWait(50);
    QCOMPARE(QRect(cancel->mapTo(&panel, QPoint(0, 0)), cancel->size()), before);
    QCOMPARE(done.count(), 0);
    QVERIFY(panel.table1().empty());
    QVERIFY(!panel.isEvaluating());
  }

  void strokeToReconstructionLatency() {
    QTemporaryDir dir;
    SamplingContext context;
    ModelPtr model;
    TrainingConfig config;
    QString what = QStringLiteral("random RBM 784-196, synthetic data");
    if (const QByteArray path = qgetenv("VPF_LATENCY_MODEL"); !path.isEmpty()) {
      ModelFile file = loadModel(path.toStdString());
      model = std::make_shared<const BoltzmannMachine>(file.model);
      config = file.meta.config;
      context.setData(std::make_shared<const DataSplits>(loadDataSplits("mnist")), QStringLiteral("MNIST"));
      what = QString::fromUtf8(path) + QStringLiteral(", MNIST");
    } else {
      model = test::randomModel({784, 196}, false, 5, 0.05);
      context.setData(test::writeSyntheticSplits(dir.path(), 100, 50).splits);
    }
    context.setModel(model, config, what);
    ReconstructPanel panel(&context);
    panel.resize(1400, 900);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setTransitions(2);
    panel.setBrush(BrushMode::Noise, 2);
    QVERIFY(settle(panel));
    std::vector<double> latencies;
    for (int k = 0; k < 60; ++k) {
      const int row = 2 + (k * 7) % 24, col = 2 + (k * 11) % 24;
      QSignalSpy shown(&panel, &ReconstructPanel::reconstructionShown);
      QTest::mousePress(panel.canvas(), Qt::LeftButton, Qt::NoModifier, test::pixelCentre(*panel.canvas(), col, row));
      QVERIFY(shown.wait(5000));
      if (panel.lastStrokeLatencyMs() >= 0) latencies.push_back(panel.lastStrokeLatencyMs());
      QTest::mouseRelease(panel.canvas(), Qt::LeftButton, Qt::NoModifier, test::pixelCentre(*panel.canvas(), col, row));
      QSignalSpy cleared(&panel, &ReconstructPanel::reconstructionShown);
      panel.clearMask();
      QVERIFY(cleared.wait(5000));
    }
    QVERIFY(latencies.size() >= 50);
    std::sort(latencies.begin(), latencies.end());
    const double median = latencies[latencies.size() / 2], worst = latencies.back();
    qInfo("stroke-to-reconstruction latency (%s, 2 transitions, %zu strokes): median %.2f ms, max %.2f ms",
          qPrintable(what), latencies.size(), median, worst);
    QVERIFY2(worst < 2000, "a stroke took more than 2 s to reach the picture");
  }
};

QTEST_MAIN(TestReconstructPanel)
#include "test_reconstruct_panel.moc"
