// `vpf stdp` end to end (DESIGN §8): the CSV header and its five curves, the figure as PNG/SVG/PDF
// by extension, --json, and the exit codes of bad options, bad data files and unwritable outputs.
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

namespace {

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

class TestStdpCli : public QObject {
  Q_OBJECT

 private slots:
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

QTEST_APPLESS_MAIN(TestStdpCli)
#include "test_stdp_cli.moc"
