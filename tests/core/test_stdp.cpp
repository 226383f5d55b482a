// STDP curves (DESIGN §8): the VPF Monte Carlo agrees with the analytic expectation of eq. 6 bin
// by bin; both VPF curves and the Bengio et al. 2015 simulation potentiate for pre-before-post,
// depress for post-before-pre and decay with |Δt|; the Bi & Poo fit; CSV import with line numbers
// for malformed rows; and `vpf stdp` end to end (CSV header and curves, figure, exit codes).
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <string>

#include "core/common/error.h"
#include "core/common/rng.h"
#include "core/io/csv_writer.h"
#include "core/stdp/stdp_experiment.h"

using namespace vpf;

namespace {

// Every bin's mean within 3 standard errors of the analytic value at its Δt.
void checkAgreement(const StdpConfig& config) {
  Rng rng(config.seed, 1);
  const VpfMonteCarloResult mc = simulateVpfStdp(config.vpf, config.binning, config.pairings, rng);
  QCOMPARE(int(mc.curve.size()), config.binning.binCount());
  QVERIFY(!mc.cancelled);
  double worst = 0;
  for (std::size_t k = 0; k < mc.curve.size(); ++k) {
    const double dt = mc.curve.dtMs[k], expected = vpfExpectedUpdate(dt, config.vpf);
    const double se = mc.curve.stdError[k];
    QVERIFY2(se > 0, qPrintable(QString("no spread in the bin at %1 ms").arg(dt)));
    const double z = (mc.curve.dw[k] - expected) / se;
    worst = std::max(worst, std::abs(z));
    QVERIFY2(std::abs(z) <= 3.0, qPrintable(QString("bin %1 ms: MC %2 ± %3, analytic %4 (z = %5)")
                                                .arg(dt)
                                                .arg(mc.curve.dw[k])
                                                .arg(se)
                                                .arg(expected)
                                                .arg(z)));
  }
  const StdpAgreement a = compareWithAnalytic(mc.curve, config.vpf);
  QCOMPARE(a.binsDisagreeing, 0);
  QCOMPARE(a.maxAbsZ, worst);
  qInfo("max |MC − analytic| = %.2f standard errors over %d bins", worst, a.bins);
}

// Sign by side of Δt = 0, and |dw| decaying with |Δt| on each side (allowing 3 s.e. of noise).
void checkSignsAndDecay(const StdpCurve& c, const char* what) {
  QVERIFY2(c.size() >= 4, what);
  for (std::size_t k = 0; k < c.size(); ++k) {
    const QString at = QString("%1 at %2 ms: %3").arg(what).arg(c.dtMs[k]).arg(c.dw[k]);
    if (c.dtMs[k] > 0) QVERIFY2(c.dw[k] > 0, qPrintable("no potentiation: " + at));
    if (c.dtMs[k] < 0) QVERIFY2(c.dw[k] < 0, qPrintable("no depression: " + at));
  }
  for (std::size_t k = 0; k + 1 < c.size(); ++k) {
    const double tol = 3.0 * (c.stdError[k] + c.stdError[k + 1]);
    if (c.dtMs[k] > 0)  // moving away from 0: |dw| must not grow
      QVERIFY2(c.dw[k + 1] <= c.dw[k] + tol, qPrintable(QString("%1 grows after %2 ms").arg(what).arg(c.dtMs[k])));
    if (c.dtMs[k + 1] < 0)  // moving towards 0 from the left: |dw| must not shrink
      QVERIFY2(-c.dw[k + 1] >= -c.dw[k] - tol,
               qPrintable(QString("%1 shrinks towards 0 at %2 ms").arg(what).arg(c.dtMs[k])));
  }
  // And it really decays: the outermost bins are much weaker than the innermost ones.
  double nearPos = 0, farPos = 0, nearNeg = 0, farNeg = 0;
  for (std::size_t k = 0; k < c.size(); ++k) {
    if (c.dtMs[k] > 0 && nearPos == 0) nearPos = c.dw[k];
    if (c.dtMs[k] > 0) farPos = c.dw[k];
    if (c.dtMs[k] < 0) nearNeg = c.dw[k];
  }
  farNeg = c.dw.front();
  QVERIFY2(farPos < 0.25 * nearPos, what);
  QVERIFY2(-farNeg < 0.25 * -nearNeg, what);
}

QString cliPath() { return QStringLiteral(VPF_CLI_PATH); }

struct CliRun {
  int exitCode = -1;
  QByteArray out, err;
};

CliRun runCli(const QStringList& args) {
  QProcess p;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.remove(QStringLiteral("DISPLAY"));  // exercise the offscreen path of `vpf stdp --figure`
  env.remove(QStringLiteral("WAYLAND_DISPLAY"));
  env.remove(QStringLiteral("QT_QPA_PLATFORM"));
  p.setProcessEnvironment(env);
  p.start(cliPath(), args);
  CliRun r;
  if (!p.waitForFinished(120000)) {
    p.kill();
    p.waitForFinished();
    return r;
  }
  r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  r.out = p.readAllStandardOutput();
  r.err = p.readAllStandardError();
  return r;
}

QByteArray fileHead(const QString& path, int n) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return f.read(n);
}

}  // namespace

class TestStdp : public QObject {
  Q_OBJECT

 private slots:
  void analyticFormula() {
    VpfStdpParams p;
    p.preRate = 0.05;
    p.postRate = 0.02;
    QCOMPARE(vpfExpectedUpdate(10.0, p), 0.5 / 10.0 * std::exp(-0.05 * 10.0));
    QCOMPARE(vpfExpectedUpdate(-10.0, p), -0.5 * 0.02 * std::exp(-0.02 * 10.0));
    QCOMPARE(vpfExpectedUpdate(0.0, p), 0.0);
    // Adjustable rates move the curve: a faster pre neuron weakens potentiation at a given ε.
    VpfStdpParams fast = p;
    fast.preRate = 0.2;
    QVERIFY(vpfExpectedUpdate(20.0, fast) < vpfExpectedUpdate(20.0, p));
    QVERIFY_THROWS_EXCEPTION(Error, (VpfStdpParams{-1.0, 0.1}).validate());
  }

  void monteCarloAgreesWithAnalytic() {
    StdpConfig config;  // δ_i = 1/16.8, δ_j = 1/33.7 per ms, ±100 ms in 5 ms bins
    config.pairings = 400000;
    config.seed = 1;
    checkAgreement(config);
  }

  void monteCarloAgreesWithOtherRates() {
    StdpConfig config;
    config.vpf.preRate = 0.1;  // ≥ ~60 successes expected in the outermost bins
    config.vpf.postRate = 0.05;
    config.binning = {50.0, 2.0};
    config.pairings = 400000;
    config.seed = 7;
    checkAgreement(config);
  }

  void signsAndDecay() {
    StdpConfig config;
    config.pairings = 400000;
    const StdpResult r = runStdp(config);
    QVERIFY(!r.cancelled);
    checkSignsAndDecay(*r.find(stdp_names::kVpfAnalytic), "VPF analytic");
    checkSignsAndDecay(*r.find(stdp_names::kVpfMonteCarlo), "VPF Monte Carlo");
    checkSignsAndDecay(*r.find(stdp_names::kBengio2015), "Bengio 2015");
    checkSignsAndDecay(*r.find(stdp_names::kBiPooFit), "Bi & Poo fit");
    QCOMPARE(r.find(stdp_names::kBengio2015)->size(), std::size_t(40));
    QVERIFY(r.bengioSpiked > r.bengioPairings / 2);
  }

  void bengioPairingFollowsThreshold() {
    // Each pairing: ΔT = gap/slope (the threshold crossing) and ΔW = η·slope, so their signs agree.
    BengioStdpParams p;
    p.learningRate = 0.5;
    Rng rng(3);
    int spiked = 0;
    for (int k = 0; k < 10000; ++k) {
      const BengioPairing b = bengioPairing(p, 100.0, rng);
      QVERIFY(b.gap > 0 && b.gap <= p.gapMax);
      if (!b.spiked) continue;
      ++spiked;
      QCOMPARE(b.dtMs, b.gap / b.slope);
      QCOMPARE(b.dw, 0.5 * b.slope);
      QVERIFY((b.dtMs > 0) == (b.dw > 0));
      QVERIFY(std::abs(b.dtMs) < 100.0);
    }
    QVERIFY(spiked > 5000);
    // The uniform slope distribution works too and keeps the signs.
    StdpConfig config;
    config.bengio.slopeDistribution = SlopeDistribution::Uniform;
    config.bengio.slopeStd = 1.0;
    config.pairings = 200000;
    Rng rng2(5, 2);
    const BengioResult r = simulateBengioStdp(config.bengio, config.binning, config.pairings, rng2);
    checkSignsAndDecay(r.curve, "Bengio 2015 (uniform slopes)");
    QCOMPARE(parseSlopeDistribution("uniform"), SlopeDistribution::Uniform);
    QVERIFY_THROWS_EXCEPTION(Error, parseSlopeDistribution("cauchy"));
  }

  void reproducibleAndCancellable() {
    StdpConfig config;
    config.pairings = 50000;
    config.seed = 11;
    const StdpResult a = runStdp(config), b = runStdp(config);
    for (std::size_t c = 0; c < a.curves.size(); ++c) QCOMPARE(a.curves[c].dw, b.curves[c].dw);
    config.seed = 12;
    const StdpResult other = runStdp(config);
    QVERIFY(other.find(stdp_names::kVpfMonteCarlo)->dw != a.find(stdp_names::kVpfMonteCarlo)->dw);

    config.pairings = 100000000;
    int calls = 0;
    bool inRange = true;
    const StdpResult cancelled = runStdp(config, [&](double f) {
      inRange = inRange && f >= 0 && f <= 1;
      return ++calls < 3;
    });
    QVERIFY(inRange);
    QVERIFY(cancelled.cancelled);
    QVERIFY(cancelled.vpfPairings < config.pairings);
    QCOMPARE(calls, 3);
  }

  void normalisation() {
    StdpConfig config;
    config.pairings = 100000;
    StdpResult r = runStdp(config);
    std::vector<StdpCurve> curves = r.curves;
    normaliseCurves(curves);
    const StdpCurve* analytic = nullptr;
    for (const auto& c : curves) {
      double m = 0;
      for (double v : c.dw) m = std::max(m, std::abs(v));
      if (c.name == stdp_names::kVpfMonteCarlo) {
        QVERIFY(analytic != nullptr);
        QCOMPARE(c.scale, analytic->scale);  // shares the analytic's scale, so it stays comparable
        QVERIFY(std::abs(m - 1.0) < 0.05);
      } else {
        QVERIFY2(std::abs(m - 1.0) < 1e-12, c.name.c_str());
      }
      if (c.name == stdp_names::kVpfAnalytic) analytic = &c;
    }
    const std::string csv = stdpCurvesCsv(curves).text();
    QVERIFY(csv.rfind("curve,dt_ms,dw,stderr\n", 0) == 0);
  }

  void biPooFit() {
    BiPooParams p;  // τ+ = 16.8 ms, τ− = 33.7 ms
    QCOMPARE(p.tauPlus, 16.8);
    QCOMPARE(p.tauMinus, 33.7);
    QCOMPARE(biPooUpdate(16.8, p), p.aPlus * std::exp(-1.0));
    QCOMPARE(biPooUpdate(-33.7, p), -p.aMinus * std::exp(-1.0));
    QCOMPARE(biPooUpdate(0.0, p), 0.0);
    p.aPlus = 2.0;
    p.aMinus = 0.5;
    QCOMPARE(biPooUpdate(1e-12, p), 2.0 * std::exp(-1e-12 / 16.8));
    QCOMPARE(biPooUpdate(-67.4, p), -0.5 * std::exp(-2.0));
    const StdpCurve c = biPooCurve(p, 100.0, 0.5);
    QCOMPARE(c.size(), std::size_t(400));
    QCOMPARE(c.dtMs.front(), -99.75);
    QCOMPARE(c.dtMs.back(), 99.75);
    p.aMinus = -1;
    QVERIFY_THROWS_EXCEPTION(Error, p.validate());
  }

  void importGoodCsv() {
    const StdpCurve a = parseMeasuredPoints(
        "\xEF\xBB\xBF"
        "dt_ms,dw\n10,0.5\n-20, -0.25\n\n# comment\n  5 ;0.75\n",
        "a.csv");
    QCOMPARE(a.name, std::string("measured"));
    QCOMPARE(a.size(), std::size_t(3));
    QCOMPARE(a.dtMs, (std::vector<double>{-20, 5, 10}));  // sorted by Δt
    QCOMPARE(a.dw, (std::vector<double>{-0.25, 0.75, 0.5}));
    const StdpCurve b =
        parseMeasuredPoints("-5.5,-0.1,0.02\n+7e0,\"0.3\",0.05\r\n", "b.csv");  // no header, stderr column
    QCOMPARE(b.dtMs, (std::vector<double>{-5.5, 7}));
    QCOMPARE(b.stdError, (std::vector<double>{0.02, 0.05}));

    QTemporaryDir dir;
    const QString path = dir.filePath("points.csv");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("dt,dw\n-10,-0.2\n10,0.4\n");
    f.close();
    QCOMPARE(readMeasuredPoints(path.toStdString()).size(), std::size_t(2));
  }

  void importMalformedCsvNamesLines() {
    try {
      parseMeasuredPoints("dt_ms,dw\n10,0.5\nabc,1\n20,0.1\n5\n7,1,2,3\n30,0.2,-1\n", "bad.csv");
      QFAIL("no error for malformed rows");
    } catch (const Error& e) {
      const QString msg = e.what();
      QVERIFY2(msg.startsWith("bad.csv: malformed rows at lines 3, 5, 6, 7"), qPrintable(msg));
      QVERIFY2(msg.contains("line 3: not a number in 'abc,1'"), qPrintable(msg));
      QVERIFY2(msg.contains("line 5: expected 2 or 3 columns, found 1"), qPrintable(msg));
    }
    try {
      parseMeasuredPoints("1,2\n\nx,y\n", "one.csv");  // a header is only allowed first
      QFAIL("no error for a late header");
    } catch (const Error& e) {
      QVERIFY2(QString(e.what()).startsWith("one.csv: malformed row at line 3 "), e.what());
    }
    QVERIFY_THROWS_EXCEPTION(Error, parseMeasuredPoints("dt,dw\n\n", "empty.csv"));
    QVERIFY_THROWS_EXCEPTION(Error, parseMeasuredPoints("1,nan\n", "nan.csv"));
    QVERIFY_THROWS_EXCEPTION(Error, readMeasuredPoints("/nonexistent/points.csv"));
  }

  void binning() {
    StdpBinning b;
    QCOMPARE(b.binCount(), 40);
    QCOMPARE(b.binOf(-100.0), 0);
    QCOMPARE(b.binOf(-0.1), 19);
    QCOMPARE(b.binOf(0.1), 20);
    QCOMPARE(b.binOf(0.0), -1);
    QCOMPARE(b.binOf(100.0), -1);
    QCOMPARE(b.binCentre(20), 2.5);
    QVERIFY_THROWS_EXCEPTION(Error, (StdpBinning{100.0, 7.0}).validate());
    QVERIFY_THROWS_EXCEPTION(Error, (StdpBinning{100.0, 0.0}).validate());
  }

  void cliWritesCsvAndFigure() {
    QTemporaryDir dir;
    const QString csv = dir.filePath("curves.csv"), png = dir.filePath("curves.png");
    const QString points = dir.filePath("points.csv");
    {
      QFile f(points);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write("dt_ms,dw\n-40,-0.1\n-10,-0.3\n8,0.8\n30,0.2\n");
    }
    const CliRun r = runCli(
        {"stdp", "--out", csv, "--figure", png, "--seed", "5", "--pairings", "50000", "--data", points, "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly | QIODevice::Text));
    QCOMPARE(f.readLine(), QByteArray("curve,dt_ms,dw,stderr\n"));
    QSet<QString> names;
    int rows = 0;
    while (!f.atEnd()) {
      const QList<QByteArray> cells = f.readLine().trimmed().split(',');
      QCOMPARE(cells.size(), 4);
      names.insert(QString::fromUtf8(cells[0]));
      bool ok1 = false, ok2 = false, ok3 = false;
      cells[1].toDouble(&ok1);
      cells[2].toDouble(&ok2);
      cells[3].toDouble(&ok3);
      QVERIFY(ok1 && ok2 && ok3);
      ++rows;
    }
    QCOMPARE(names, (QSet<QString>{"vpf_analytic", "vpf_montecarlo", "bengio2015", "bipoo_fit", "measured"}));
    QVERIFY(rows > 400);
    const QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 400 && image.height() >= 300);
    const QJsonDocument json = QJsonDocument::fromJson(r.out);
    QVERIFY2(json.isObject(), r.out.constData());
    QCOMPARE(json["curves"].toArray().size(), 5);
    QCOMPARE(json["vpf_montecarlo_vs_analytic"]["bins_beyond_3_stderr"].toInt(), 0);

    // SVG and PDF by extension, human summary on stdout.
    const QString svg = dir.filePath("curves.svg"), pdf = dir.filePath("curves.pdf");
    QCOMPARE(runCli({"stdp", "--out", csv, "--figure", svg, "--pairings", "2000"}).exitCode, 0);
    QVERIFY(fileHead(svg, 4096).contains("<svg"));
    const CliRun pdfRun = runCli({"stdp", "--out", csv, "--figure", pdf, "--pairings", "2000"});
    QCOMPARE(pdfRun.exitCode, 0);
    QVERIFY(fileHead(pdf, 4).startsWith("%PDF"));
    QVERIFY(pdfRun.out.contains("vpf_montecarlo"));
  }

  void cliErrors() {
    QTemporaryDir dir;
    const QString csv = dir.filePath("c.csv");
    QCOMPARE(runCli({"stdp", "--out", csv, "--pairings", "0"}).exitCode, 2);
    QCOMPARE(runCli({"stdp", "--out", csv, "--figure", dir.filePath("c.jpg")}).exitCode, 2);
    QCOMPARE(runCli({"stdp"}).exitCode, 2);                              // --out is required
    QCOMPARE(runCli({"stdp", "--out", csv, "--bin", "7"}).exitCode, 2);  // 100 ms is not whole bins
    QCOMPARE(runCli({"stdp", "--out", csv, "--slope-dist", "cauchy"}).exitCode, 2);
    QCOMPARE(runCli({"stdp", "--out", csv, "--data", dir.filePath("missing.csv")}).exitCode, 2);
    QCOMPARE(runCli({"stdp", "--out", csv, "--pre-rate", "-1"}).exitCode, 2);
    QVERIFY(!QFile::exists(csv));

    // A malformed data file is a runtime error (exit 1) naming the lines.
    const QString bad = dir.filePath("bad.csv");
    {
      QFile f(bad);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write("dt,dw\n1,2\nfoo,3\n4,5\n6\n");
    }
    const CliRun r = runCli({"stdp", "--out", csv, "--data", bad});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("lines 3, 5"), r.err.constData());
    // An unwritable output is a runtime error too.
    QCOMPARE(runCli({"stdp", "--out", dir.filePath("no/such/dir/c.csv"), "--pairings", "1000"}).exitCode, 1);
  }
};

QTEST_APPLESS_MAIN(TestStdp)
#include "test_stdp.moc"
