// STDP curves (DESIGN §8): the VPF Monte Carlo agrees with the analytic expectation of eq. 6 bin
// by bin; both VPF curves and the Bengio et al. 2015 simulation potentiate for pre-before-post,
// depress for post-before-pre and decay with |Δt|; the Bi & Poo fit; CSV import with line numbers
// for malformed rows. `vpf stdp` end to end: tests/cli/test_stdp_cli.cpp.
#include <QFile>
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
};

QTEST_APPLESS_MAIN(TestStdp)
#include "test_stdp.moc"
