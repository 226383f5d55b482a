// The Early inference tab (Bengio & Fischer 2015) driven as a user would: a smaller network typed
// in reruns the sweep, moving the ε slider reruns the focus ε, and both equal the core's results
// for the same settings and seed; bad sizes give a clear message; the plots and the CSV export.
#include <qcustomplot.h>

#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>

#include "tests/ui/ui_test_support.h"
#include "ui/early_inference/early_inference_panel.h"

using namespace vpf;
using namespace vpf::early_inference;

namespace {

bool waitIdle(EarlyInferencePanel& panel, int timeoutMs = 60000) {
  QElapsedTimer t;
  t.start();
  QTest::qWait(20);
  while (t.elapsed() < timeoutMs) {
    if (!panel.isBusy() && panel.focus()) return true;
    QTest::qWait(20);
  }
  return false;
}

void typeSizes(EarlyInferencePanel& panel, const QString& sizes) {
  auto* edit = panel.findChild<QLineEdit*>(QStringLiteral("sizes"));
  edit->selectAll();
  QTest::keyClicks(edit, sizes);
  QTest::keyClick(edit, Qt::Key_Return);
}

}  // namespace

class TestEarlyInferencePanel : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { test::initUiTestEnvironment(); }

  void controlsRerunAndMatchTheCore() {
    EarlyInferencePanel panel;
    panel.resize(1500, 950);
    panel.show();
    typeSizes(panel, QStringLiteral("3,4,4,4,2"));
    QVERIFY(waitIdle(panel));
    const SweepSettings settings = panel.settings();
    QCOMPARE(settings.experiment.network.sizes, (std::vector<int>{3, 4, 4, 4, 2}));
    const SweepResult core = runSweep(settings);
    QCOMPARE(panel.sweep()->runs.size(), core.runs.size());
    for (std::size_t k = 0; k < core.slopes.size(); ++k) QCOMPARE(panel.sweep()->slopes[k].slope, core.slopes[k].slope);
    QVERIFY(std::abs(core.slopes[3].slope - 4) < 0.05);

    // The ε slider reruns the focus ε only, with the sweep's network and fixed point.
    QSignalSpy sweeps(&panel, &EarlyInferencePanel::sweepFinished);
    QSignalSpy focus(&panel, &EarlyInferencePanel::focusFinished);
    panel.findChild<QSlider*>(QStringLiteral("epsSlider"))->setValue(60);
    QVERIFY(focus.wait(30000));
    QCOMPARE(sweeps.count(), 0);
    const double eps = panel.focusEps();
    QCOMPARE(panel.focus()->eps, eps);
    const EpsilonRun expected = runEpsilon(core.experiment, core.backprop, core.equilibrium, settings, eps,
                                           stepsFor(eps, settings.horizon, settings.maxSteps));
    QCOMPARE(panel.focus()->steps, expected.steps);
    for (std::size_t k = 0; k < expected.layers.size(); ++k) {
      QCOMPARE(panel.focus()->layers[k].normD, expected.layers[k].normD);
      QCOMPARE(panel.focus()->layers[k].cosBp.back(), expected.layers[k].cosBp.back());
    }
    QVERIFY(panel.plot()->graphCount() > 10);
    QVERIFY(panel.findChild<QLabel*>(QStringLiteral("readouts"))->text().contains(QStringLiteral("STDP")));
    QVERIFY(panel.findChild<QLabel*>(QStringLiteral("status"))->text().contains(QStringLiteral("λ_min")));

    // Asymmetric feedback reruns the sweep and breaks the direction at first arrival.
    panel.findChild<QDoubleSpinBox*>(QStringLiteral("asymmetry"))->setValue(1.0);
    QVERIFY(sweeps.wait(30000));
    QVERIFY(waitIdle(panel));
    QVERIFY(std::abs(panel.focus()->layers[3].cosFirstArrival) < 0.9);
  }

  void badSizesAreRefusedWithAMessage() {
    EarlyInferencePanel panel;
    panel.show();
    QVERIFY(waitIdle(panel));
    QSignalSpy failed(&panel, &EarlyInferencePanel::runFailed);
    typeSizes(panel, QStringLiteral("3,x,2"));
    QVERIFY(failed.wait(5000));
    QVERIFY(panel.findChild<QLabel*>(QStringLiteral("status"))->text().contains(QStringLiteral("Cannot run")));
    typeSizes(panel, QStringLiteral("3"));
    QVERIFY(failed.wait(5000));
    QVERIFY(panel.findChild<QLabel*>(QStringLiteral("status"))->text().contains(QStringLiteral("hidden layer")));
    QVERIFY(panel.sweep() != nullptr);  // the last good result stays on display
  }

  void exportsTheFigureAndTheCsv() {
    EarlyInferencePanel panel;
    panel.show();
    typeSizes(panel, QStringLiteral("3,4,4,2"));
    QVERIFY(waitIdle(panel));
    QTemporaryDir dir;
    const QStringList files = panel.exportAll(dir.path(), {900, 600, 96});
    for (const char* suffix : {"png", "svg", "pdf", "csv"})
      QVERIFY2(files.contains(QDir(dir.path()).filePath(QStringLiteral("early-inference.") + suffix)), suffix);
    QFile csv(QDir(dir.path()).filePath(QStringLiteral("early-inference.csv")));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QCOMPARE(csv.readLine().trimmed(), QByteArray("eps,t,layer,k,norm_d,norm_g,cos_bp,cos_inf,relerr"));
    int rows = 0;
    while (!csv.atEnd()) rows += csv.readLine().trimmed().isEmpty() ? 0 : 1;
    QCOMPARE(rows, static_cast<int>(csvRows(*panel.sweep()).size()));
    QVERIFY(QImage(QDir(dir.path()).filePath(QStringLiteral("early-inference.png"))).width() == 900);
  }
};

QTEST_MAIN(TestEarlyInferencePanel)
#include "test_early_inference_panel.moc"
