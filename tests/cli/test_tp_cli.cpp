// `vpf tp` (Bengio et al. 2015's target propagation, spec C1) as scripts use it: a tiny model trained,
// resumed and evaluated through the built executable — JSON schemas with finite values, CSV columns
// and rows, readable PNGs of the right size, `vpf info` naming the kind — and the exit codes: 2 for bad
// arguments, 1 for runtime errors such as a Boltzmann model given where a tp model is needed.
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "core/common/paper_reference.h"

namespace {

struct Run {
  int exitCode = -1;
  QByteArray out, err;
};

Run runVpf(const QStringList& args) {
  QProcess p;
  p.start(VPF_CLI_PATH, QStringList{"--threads", "1"} + args);  // 1 thread: the machine is shared (cli_main.cpp)
  p.waitForFinished(300000);
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
          p.readAllStandardError()};
}

QJsonObject json(const Run& r) {
  QJsonParseError e;
  const QJsonDocument d = QJsonDocument::fromJson(r.out, &e);
  if (e.error != QJsonParseError::NoError) qWarning() << "not JSON:" << r.out << r.err;
  return d.object();
}

bool finite(const QJsonValue& v) { return v.isDouble() && std::isfinite(v.toDouble()); }

QStringList csvLines(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
}

}  // namespace

class TestTpCli : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;
  QString path(const QString& name) const { return m_dir.filePath(name); }
  QString model() const { return path("tp.npz"); }

  QStringList trainArgs(int epochs) const {
    return {"tp",
            "train",
            "--hidden",
            "32,8",
            "--train-limit",
            "500",
            "--epochs",
            QString::number(epochs),
            "--optimizer",
            "adam",
            "--lr",
            "1e-3",
            "--parzen-every",
            "1",
            "--parzen-samples",
            "200",
            "--parzen-images",
            "200",
            "--prior-images",
            "500",
            "--out",
            model(),
            "--metrics",
            path("tp.csv"),
            "--json",
            "--quiet"};
  }

 private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    const Run r = runVpf(trainArgs(2));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject o = json(r);
    QCOMPARE(o["kind"].toString(), QString("bengio2015-tp"));
    QCOMPARE(o["epochs"].toInt(), 2);
    QCOMPARE(o["sizes"].toArray().size(), 3);
    QCOMPARE(o["sizes"].toArray()[1].toInt(), 32);
    QVERIFY(o["prior_fitted"].toBool());
    for (const char* key : {"g1", "f1", "g2", "f2", "reconstruction"}) QVERIFY2(finite(o["losses"][key]), key);
    QVERIFY(finite(o["validation_parzen"]));
    QVERIFY(!r.err.contains("epoch 1:"));  // --quiet keeps the epoch lines off
  }

  void resumesToMoreEpochs() {
    // Only the epoch target and the per-run options; the settings come from the file.
    const Run r = runVpf({"tp",
                          "train",
                          "--resume",
                          "--out",
                          model(),
                          "--epochs",
                          "3",
                          "--train-limit",
                          "500",
                          "--parzen-every",
                          "1",
                          "--parzen-samples",
                          "200",
                          "--parzen-images",
                          "200",
                          "--prior-images",
                          "500",
                          "--metrics",
                          path("tp.csv"),
                          "--json",
                          "--quiet"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(json(r)["epochs"].toInt(), 3);
    const QStringList lines = csvLines(path("tp.csv"));
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines[0], QString("epoch,loss_g1,loss_f1,loss_g2,loss_f2,reconstruction,seconds,validation_parzen"));
    QVERIFY(lines[3].startsWith("3,"));
    QVERIFY(!lines[3].endsWith(","));  // the resumed epoch has its validation Parzen
    // A resumed run keeps its settings.
    const Run changed = runVpf({"tp", "train", "--resume", "--out", model(), "--hidden", "64,8", "--epochs", "4"});
    QCOMPARE(changed.exitCode, 2);
    QVERIFY(changed.err.contains("resuming"));
  }

  void infoNamesTheKind() {
    const Run text = runVpf({"info", model()});
    QVERIFY2(text.exitCode == 0, text.err.constData());
    QVERIFY(text.out.contains("bengio2015-tp 784-32-8"));
    QVERIFY(text.out.contains("3 of 3 epochs"));
    const Run j = runVpf({"info", model(), "--json"});
    QCOMPARE(j.exitCode, 0);
    const QJsonObject o = json(j);
    QCOMPARE(o["kind"].toString(), QString("bengio2015-tp"));
    QCOMPARE(o["epochs"].toInt(), 3);
    QCOMPARE(o["sizes"].toArray()[2].toInt(), 8);
    QVERIFY(o["checkpoint"].toBool());
    QCOMPARE(o["config"]["batchSize"].toInt(), 100);
  }

  void sampleWritesGrids() {
    for (const QString mode : {"alg2", "directed"}) {
      const QString png = path("s_" + mode + ".png"), npy = path("s_" + mode + ".npy");
      const Run r =
          runVpf({"tp", "sample", "--model", model(), "--count", "100", "--mode", mode, "--out", png, "--npy", npy});
      QVERIFY2(r.exitCode == 0, r.err.constData());
      const QImage image(png);
      QVERIFY(!image.isNull());
      QCOMPARE(image.width(), image.height());     // 10 × 10 tiles
      QVERIFY(image.width() >= 2 * 10 * 28);       // drawn at twice the tile size
      QVERIFY(QFile(npy).size() > 100 * 784 * 4);  // float32 samples plus the header
    }
  }

  void parzenRowsPerMode() {
    const Run r = runVpf({"tp", "parzen", "--model", model(), "--count", "300", "--test-limit", "300", "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonArray rows = json(r)["rows"].toArray();
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0]["mode"].toString(), QString("alg2"));
    QCOMPARE(rows[1]["mode"].toString(), QString("directed"));
    QCOMPARE(rows[0]["paper"].toDouble(), vpf::paper::bengio2015::kParzen);
    QCOMPARE(rows[1]["paper"].toDouble(), vpf::paper::bengio2015::kParzenDirected);
    for (const QJsonValue& row : rows) {
      for (const char* key : {"ll_mean", "ll_se", "sigma", "difference"}) QVERIFY2(finite(row[key]), key);
      QCOMPARE(row["sigma"].toDouble(), 0.2);
      QVERIFY(std::abs(row["difference"].toDouble() - (row["ll_mean"].toDouble() - row["paper"].toDouble())) < 1e-9);
      QCOMPARE(row["samples"].toInt(), 300);
      QCOMPARE(row["test_images"].toInt(), 300);
      QCOMPARE(row["test_pixels"].toString(), QString("grey"));
    }
    const Run selected = runVpf({"tp", "parzen", "--model", model(), "--count", "200", "--test-limit", "200", "--modes",
                                 "directed", "--select-sigma", "--test-pixels", "binarised", "--json"});
    QVERIFY2(selected.exitCode == 0, selected.err.constData());
    const QJsonObject row = json(selected)["rows"].toArray()[0].toObject();
    QVERIFY(row["sigma_selected"].toBool());
    QVERIFY(row["sigma"].toDouble() >= 0.1 - 1e-12 && row["sigma"].toDouble() <= 1 + 1e-12);
    QCOMPARE(row["test_pixels"].toString(), QString("binarised"));

    // --on validation scores the held-out training images instead: same samples, other images.
    const Run val = runVpf({"tp", "parzen", "--model", model(), "--count", "300", "--test-limit", "300", "--modes",
                            "alg2", "--on", "validation", "--json"});
    QVERIFY2(val.exitCode == 0, val.err.constData());
    const QJsonObject v = json(val)["rows"].toArray()[0].toObject();
    QCOMPARE(v["scored_on"].toString(), QString("validation"));
    QCOMPARE(rows[0]["scored_on"].toString(), QString("test"));
    QVERIFY(finite(v["ll_mean"]));
    QVERIFY(v["ll_mean"].toDouble() != rows[0]["ll_mean"].toDouble());
  }

  void inferCurves() {
    const Run r = runVpf({"tp", "infer", "--model", model(), "--iterations", "5", "--images", "100", "--mode", "both",
                          "--out", path("fig4.csv"), "--figure", path("fig4.png"), "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QImage figure(path("fig4.png"));
    QVERIFY(!figure.isNull() && figure.width() > 300);
    const QStringList lines = csvLines(path("fig4.csv"));
    QCOMPARE(lines.size(), 1 + 2 * 6);
    QCOMPARE(lines[0], QString("mode,t,mean,se,mean_with_prior,se_with_prior"));
    QVERIFY(lines[1].startsWith("tp,0,"));
    QVERIFY(lines[12].startsWith("gradient,5,"));
    const QJsonObject o = json(r);
    QCOMPARE(o["first_image"].toInt(), 50000);  // validation images, never the test set
    for (const char* mode : {"tp", "gradient"}) {
      const QJsonArray mean = o["modes"][mode]["mean"].toArray();
      QCOMPARE(mean.size(), 6);
      for (const QJsonValue& v : mean) QVERIFY(finite(v));
      QVERIFY(finite(o["modes"][mode]["se_with_prior"].toArray()[5]));
    }
  }

  void inpaintErrors() {
    const Run r = runVpf({"tp", "inpaint", "--model", model(), "--steps", "3", "--images", "100", "--out",
                          path("inpaint.png"), "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject o = json(r);
    QCOMPARE(o["images"].toInt(), 100);
    QCOMPARE(o["split"].toString(), QString("validation"));
    for (const char* key : {"l1_all_mean", "l1_all_sd", "l1_missing_mean", "l1_missing_sd", "l1_sum_mean"})
      QVERIFY2(finite(o[key]), key);
    // Known pixels are copied, so the error sits on the missing half.
    QVERIFY(std::abs(o["l1_missing_mean"].toDouble() - 2 * o["l1_all_mean"].toDouble()) < 1e-3);
    const QImage image(path("inpaint.png"));
    QVERIFY(!image.isNull());
    QVERIFY(image.height() > 2 * image.width());  // 8 rows of original | start | result
    const Run edge =
        runVpf({"tp", "inpaint", "--model", model(), "--mask", "bottom", "--steps", "2", "--images", "20"});
    QVERIFY2(edge.exitCode == 0, edge.err.constData());
    QVERIFY(edge.out.contains("missing pixels"));
  }

  void badArgumentsExitWithTwo() {
    const QString out = path("bad.npz");
    for (const QStringList& args :
         {QStringList{"tp"}, QStringList{"tp", "train"}, QStringList{"tp", "train", "--out", out, "--hidden", "32"},
          QStringList{"tp", "train", "--out", out, "--hidden", "0,8", "--train-limit", "200"},
          QStringList{"tp", "train", "--out", out, "--lr", "-1"},
          QStringList{"tp", "train", "--out", out, "--inference", "15,0.1"},
          QStringList{"tp", "train", "--out", out, "--inference", "15,100,0.001"},
          QStringList{"tp", "train", "--out", out, "--noise", "a,b,c"},
          QStringList{"tp", "train", "--out", out, "--batch", "0"},
          QStringList{"tp", "train", "--out", out, "--optimizer", "lbfgs"},
          QStringList{"tp", "train", "--out", out, "--train-limit", "50", "--batch", "100"},
          QStringList{"tp", "sample", "--model", model(), "--mode", "weird", "--out", path("x.png")},
          QStringList{"tp", "parzen", "--model", model(), "--sigma", "0.2", "--select-sigma"},
          QStringList{"tp", "parzen", "--model", model(), "--modes", "alg3"},
          QStringList{"tp", "parzen", "--model", model(), "--on", "validation", "--select-sigma"},
          QStringList{"tp", "infer", "--model", model(), "--mode", "newton"},
          QStringList{"tp", "inpaint", "--model", model(), "--mask", "random:2"},
          QStringList{"tp", "inpaint", "--model", model(), "--mask", "diagonal"}}) {
      const Run r = runVpf(args);
      QVERIFY2(r.exitCode == 2, qPrintable(args.join(' ') + " → " + QString::number(r.exitCode) + ": " + r.err));
      QVERIFY2(!r.err.isEmpty() || !r.out.isEmpty(), "usage error printed nothing");
    }
    QVERIFY(!QFile::exists(out));
  }

  void runtimeErrorsExitWithOne() {
    const Run rbm = runVpf(
        {"train", "--train-limit", "200", "--model", "rbm:8", "--epochs", "1", "--out", path("rbm.npz"), "--quiet"});
    QVERIFY2(rbm.exitCode == 0, rbm.err.constData());
    const Run wrongKind = runVpf({"tp", "sample", "--model", path("rbm.npz"), "--out", path("x.png")});
    QCOMPARE(wrongKind.exitCode, 1);
    QVERIFY2(wrongKind.err.contains("Boltzmann") && wrongKind.err.contains("rbm"), wrongKind.err.constData());
    const Run missing = runVpf({"tp", "parzen", "--model", path("nope.npz")});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(missing.err.contains("nope.npz"));
    const Run noCheckpoint = runVpf({"tp", "train", "--resume", "--out", path("nope.npz")});
    QCOMPARE(noCheckpoint.exitCode, 1);
  }
};

QTEST_GUILESS_MAIN(TestTpCli)
#include "test_tp_cli.moc"
