// The STDP panel under xvfb-run: results arrive from the worker thread and fill the plots,
// parameter edits re-run the simulation, cancel stops a long run and keeps the previous curves,
// stale requests are dropped, imports report bad lines in a message box, and exportAll writes
// readable PNG/SVG/PDF/CSV files. VPF_STDP_SCREENSHOT=<path> saves a screenshot of the panel (grabForDocs).
#include <qcustomplot.h>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QImage>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QXmlStreamReader>

#include "ui/spike_timing/stdp_panel.h"

using vpf::StdpPanel;

namespace {

template <typename T>
T* child(QWidget& w, const char* name) {
  T* c = w.findChild<T*>(QString::fromLatin1(name));
  if (!c) qWarning("no child %s", name);
  return c;
}

// Curves on display: legend entries whose graph has data (a curve may be drawn as two graphs,
// one per side of Δt = 0, with one legend entry).
int graphsWithData(QCustomPlot* plot) {
  int n = 0;
  for (int g = 0; g < plot->graphCount(); ++g)
    if (plot->graph(g)->dataCount() > 0 && plot->legend->hasItemWithPlottable(plot->graph(g))) ++n;
  return n;
}

double valueAt(QCustomPlot* plot, double key) {
  // The analytic curve's Δt > 0 branch: the first graph with that key.
  for (int g = 0; g < plot->graphCount(); ++g) {
    auto data = plot->graph(g)->data();
    auto it = data->findBegin(key, false);
    if (it != data->constEnd() && it->key == key) return it->value;
  }
  return qQNaN();
}

bool writeFile(const QString& path, const QByteArray& bytes) {
  QFile f(path);
  return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

}  // namespace

class TestStdpPanel : public QObject {
  Q_OBJECT

 private slots:
  void resultsArriveAndParametersRerun() {
    StdpPanel panel;
    QSignalSpy ready(&panel, &StdpPanel::resultReady);
    panel.resize(1400, 900);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(ready.wait(20000));
    // The widgets start at the core defaults exactly (same curves as `vpf stdp` for the same seed).
    const vpf::StdpConfig defaults;
    QCOMPARE(panel.config().vpf.preRate, defaults.vpf.preRate);
    QCOMPARE(panel.config().vpf.postRate, defaults.vpf.postRate);
    QCOMPARE(panel.config().pairings, defaults.pairings);
    QCOMPARE(panel.config().seed, defaults.seed);
    QCOMPARE(graphsWithData(panel.curvePlot()), 4);  // analytic, Monte Carlo, Bengio, Bi & Poo
    QVERIFY(graphsWithData(panel.examplePlot()) >= 2);
    const double before = valueAt(panel.curvePlot(), 20.0);

    // Edit δ_i by typing, as a user would; the debounced re-run shows the new analytic curve.
    auto* preRate = child<QDoubleSpinBox>(panel, "preRate");
    QVERIFY(preRate);
    preRate->setFocus();
    preRate->selectAll();
    QTest::keyClicks(preRate, "0.2");
    QTest::keyClick(preRate, Qt::Key_Enter);
    QCOMPARE(panel.config().vpf.preRate, 0.2);
    QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty() && ready.last().at(0).toULongLong() == panel.displayedRequest() &&
                                 !panel.isRunning() && panel.displayedRequest() > 1,
                             20000);
    QCOMPARE(graphsWithData(panel.curvePlot()), 4);
    const double after = valueAt(panel.curvePlot(), 20.0);
    QVERIFY2(std::abs(after - before) > 1e-6, "the analytic curve did not change with δ_i");

    // Toggling a curve off removes its graph without re-running.
    const quint64 shown = panel.displayedRequest();
    auto* bengio = child<QCheckBox>(panel, "show_bengio2015");
    QVERIFY(bengio);
    bengio->setChecked(false);
    QCOMPARE(graphsWithData(panel.curvePlot()), 3);
    QCOMPARE(panel.displayedRequest(), shown);

    // The example plot switches to the Bengio voltage trace.
    auto* kind = child<QComboBox>(panel, "exampleKind");
    kind->setCurrentIndex(2);
    QVERIFY(graphsWithData(panel.examplePlot()) >= 1);
  }

  void cancelStopsALongRun() {
    StdpPanel panel;
    QSignalSpy ready(&panel, &StdpPanel::resultReady);
    QSignalSpy cancelled(&panel, &StdpPanel::runCancelled);
    panel.show();
    QVERIFY(ready.wait(20000));
    const quint64 shown = panel.displayedRequest();

    auto* pairings = child<QSpinBox>(panel, "pairings");
    pairings->setValue(pairings->maximum());  // 2·10^8 pairings per simulation: many seconds
    QTest::mouseClick(child<QPushButton>(panel, "runButton"), Qt::LeftButton);
    QVERIFY(panel.isRunning());
    auto* cancel = child<QPushButton>(panel, "cancelButton");
    QVERIFY(cancel->isEnabled());
    QTest::qWait(300);
    QVERIFY(panel.isRunning());
    QElapsedTimer timer;
    timer.start();
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(cancelled.wait(10000));
    QVERIFY2(timer.elapsed() < 5000, "cancel took too long");
    QVERIFY(!panel.isRunning());
    QVERIFY(!cancel->isEnabled());
    QCOMPARE(panel.displayedRequest(), shown);  // the previous curves stay
    QCOMPARE(graphsWithData(panel.curvePlot()), 4);
    QTest::qWait(300);
    QCOMPARE(ready.count(), 1);  // and no result for the cancelled run
  }

  void staleRequestsAreDropped() {
    StdpPanel panel;
    QSignalSpy ready(&panel, &StdpPanel::resultReady);
    panel.show();
    QVERIFY(ready.wait(20000));
    ready.clear();
    auto* pairings = child<QSpinBox>(panel, "pairings");
    pairings->setValue(20000000);
    panel.runNow();  // long, superseded at once
    pairings->blockSignals(true);
    pairings->setValue(100000);
    pairings->blockSignals(false);
    panel.runNow();
    QVERIFY(ready.wait(20000));
    QTest::qWait(500);
    QCOMPARE(ready.count(), 1);
    QCOMPARE(ready.first().at(0).toULongLong(), panel.displayedRequest());
  }

  void importReportsBadLines() {
    QTemporaryDir dir;
    StdpPanel panel;
    QSignalSpy ready(&panel, &StdpPanel::resultReady);
    panel.show();
    QVERIFY(ready.wait(20000));
    auto* toggle = child<QCheckBox>(panel, "show_measured");
    QVERIFY(!toggle->isEnabled());

    const QString good = dir.filePath("good.csv");
    QVERIFY(writeFile(good, "dt_ms,dw\n-30,-0.2\n-5,-0.4\n5,0.9\n20,0.4\n"));
    QVERIFY(panel.importMeasured(good));
    QVERIFY(toggle->isEnabled() && toggle->isChecked());
    QCOMPARE(graphsWithData(panel.curvePlot()), 5);

    const QString bad = dir.filePath("bad.csv");
    QVERIFY(writeFile(bad, "dt_ms,dw\n1,2\nthree,4\n5,6\n7\n"));
    QString shownText;
    QTimer::singleShot(300, this, [&shownText] {
      auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
      if (!box) return;
      shownText = box->text() + "\n" + box->informativeText();
      box->accept();
    });
    QVERIFY(!panel.importMeasured(bad));
    QVERIFY2(shownText.contains("lines 3, 5"), qPrintable(shownText));
    QVERIFY2(shownText.contains("bad.csv"), qPrintable(shownText));
    QCOMPARE(graphsWithData(panel.curvePlot()), 5);  // the earlier points stay
  }

  void exportAllWritesReadableFiles() {
    QTemporaryDir dir;
    StdpPanel panel;
    QSignalSpy ready(&panel, &StdpPanel::resultReady);
    panel.resize(1400, 900);
    panel.show();
    QVERIFY(ready.wait(20000));
    const QString good = dir.filePath("points.csv");
    QVERIFY(writeFile(good, "-40,-0.1\n-10,-0.3,0.05\n8,0.8,0.1\n30,0.2\n"));
    QVERIFY(panel.importMeasured(good));

    const QStringList files = panel.exportAll(dir.filePath("out"));
    QCOMPARE(files.size(), 4);
    const QImage png(dir.filePath("out/stdp.png"));
    QVERIFY(!png.isNull());
    QVERIFY(png.width() > 400);

    QFile svg(dir.filePath("out/stdp.svg"));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    const QByteArray svgBytes = svg.readAll();
    QVERIFY(svgBytes.contains("<svg"));
    QXmlStreamReader xml(svgBytes);
    bool sawSvg = false;
    while (!xml.atEnd())
      if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("svg")) sawSvg = true;
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(sawSvg);

    QFile pdf(dir.filePath("out/stdp.pdf"));
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QVERIFY(pdf.read(5).startsWith("%PDF"));

    QFile csv(dir.filePath("out/stdp.csv"));
    QVERIFY(csv.open(QIODevice::ReadOnly | QIODevice::Text));
    QCOMPARE(csv.readLine(), QByteArray("curve,dt_ms,dw,stderr\n"));
    const QByteArray rest = csv.readAll();
    for (const char* name : {"vpf_analytic,", "vpf_montecarlo,", "bengio2015,", "bipoo_fit,", "measured,"})
      QVERIFY2(rest.contains(QByteArray("\n") + name), name);

    // A folder that cannot be created is a clear error.
    QVERIFY(writeFile(dir.filePath("file"), "x"));
    QVERIFY_THROWS_EXCEPTION(std::exception, panel.exportAll(dir.filePath("file/sub")));
  }

  void grabForDocs() {
    // The panel as it first appears (no imported points), for docs/stdp.md; saved only when
    // VPF_STDP_SCREENSHOT names a file.
    StdpPanel panel;
    QSignalSpy ready(&panel, &StdpPanel::resultReady);
    panel.resize(1400, 900);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(ready.wait(20000));
    // Show a pairing whose post transition is scored (the pre neuron still excited).
    panel.findChild<QComboBox*>("exampleKind")->setCurrentIndex(0);
    const double exampleDt = panel.findChild<QDoubleSpinBox*>("exampleDt")->value();
    for (quint64 k = 0; k < 20 && vpf::stdpExampleVpf(panel.config(), exampleDt, k).dw == 0; ++k)
      QTest::mouseClick(panel.findChild<QPushButton*>("newExampleButton"), Qt::LeftButton);
    QTest::qWait(100);
    const QPixmap shot = panel.grab();
    QVERIFY(!shot.isNull());
    const QString shotPath = qEnvironmentVariable("VPF_STDP_SCREENSHOT");
    if (!shotPath.isEmpty()) QVERIFY(shot.save(shotPath));
  }
};

QTEST_MAIN(TestStdpPanel)
#include "test_stdp_panel.moc"
