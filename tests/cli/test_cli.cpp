// The `vpf` command line as scripts use it: exit codes (0 ok, 1 runtime error, 2 usage error),
// usage on bad arguments, --json output that parses, files that read back.
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run {
  int exitCode = -1;
  QByteArray out, err;
};

Run vpf(const QStringList& args) {
  QProcess p;
  p.start(VPF_CLI_PATH, args);
  p.waitForFinished(300000);
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
}

QJsonDocument json(const Run& r) {
  QJsonParseError e;
  QJsonDocument d = QJsonDocument::fromJson(r.out, &e);
  if (e.error != QJsonParseError::NoError) qWarning() << "not JSON:" << r.out << r.err;
  return d;
}

}  // namespace

class TestCli : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;
  QString path(const QString& name) const { return m_dir.filePath(name); }

 private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    const Run r = vpf({"train", "--dataset", "mnist", "--train-limit", "600", "--model", "rbm:24", "--epochs", "2", "--out",
                       path("rbm.npz"), "--metrics", path("rbm.csv"), "--json", "--quiet"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject o = json(r).object();
    QCOMPARE(o["epochs"].toInt(), 2);
    QCOMPARE(o["model"].toString(), QString("RBM"));
    QVERIFY(o["objective"].toDouble() > 0);
  }

  void usageErrorsExitWithTwo() {
    for (const QStringList& args : {QStringList{}, QStringList{"frobnicate"}, QStringList{"train", "--epochs", "-3", "--out", "x.npz"},
                                    QStringList{"train", "--dataset", "mnist"}, QStringList{"reconstruct"},
                                    QStringList{"reconstruct", "--model", "m.npz", "--pattern", "diagonal"},
                                    QStringList{"sample", "--model", "m.npz", "--prior", "weird", "--out", "x.png"},
                                    QStringList{"parzen", "--model", "m.npz", "--sigma", "0.2", "--select-sigma"},
                                    QStringList{"--threads", "0", "info", "m.npz"}}) {
      const Run r = vpf(args);
      QVERIFY2(r.exitCode == 2, qPrintable(args.join(' ') + " → " + QString::number(r.exitCode)));
      QVERIFY2(!r.err.isEmpty() || !r.out.isEmpty(), "usage error printed nothing");
    }
  }

  void absurdHyperParametersAreUsageErrors() {
    const Run lr = vpf({"train", "--train-limit", "100", "--lr", "-1", "--out", path("bad.npz")});
    QCOMPARE(lr.exitCode, 2);
    QVERIFY(lr.err.contains("learning rate"));
    const Run batch = vpf({"train", "--train-limit", "100", "--batch", "0", "--out", path("bad.npz")});
    QCOMPARE(batch.exitCode, 2);
    QVERIFY(batch.err.contains("batch size"));
    const Run model = vpf({"train", "--train-limit", "100", "--model", "rbm:0", "--out", path("bad.npz")});
    QCOMPARE(model.exitCode, 2);
    QVERIFY(!QFile::exists(path("bad.npz")));
  }

  void runtimeErrorsExitWithOne() {
    const Run missing = vpf({"info", path("nope.npz")});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(missing.err.contains("nope.npz"));
    QFile junk(path("junk.npz"));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("this is not a zip archive");
    junk.close();
    const Run corrupt = vpf({"reconstruct", "--model", path("junk.npz")});
    QCOMPARE(corrupt.exitCode, 1);
    QVERIFY(corrupt.err.contains("junk.npz"));
    const Run data = vpf({"train", "--dataset", path("no-such-dir"), "--out", path("x.npz")});
    QCOMPARE(data.exitCode, 1);
  }

  void metricsCsvHasHeaderAndRows() {
    QFile f(path("rbm.csv"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QStringList lines = QString(f.readAll()).trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines[0], QString("epoch,objective,seconds,sparsity_W0,squared_weight_W0"));
  }

  // --threads 1 (for busy machines) trains the same model as all cores, up to the rounding of
  // parallel sums.
  void oneThreadTrainsTheSameModel() {
    const QStringList args{"train", "--train-limit", "400", "--model", "rbm:16", "--epochs", "1", "--seed", "9", "--quiet", "--out"};
    const Run one = vpf(QStringList{"--threads", "1"} + args + QStringList{path("one.npz")});
    QVERIFY2(one.exitCode == 0, one.err.constData());
    const Run all = vpf(args + QStringList{path("all.npz")});
    QVERIFY2(all.exitCode == 0, all.err.constData());
    const Run a = vpf({"info", path("one.npz"), "--json"}), b = vpf({"info", path("all.npz"), "--json"});
    const auto close = [](double x, double y) { return std::abs(x - y) <= 1e-4 * std::max(std::abs(x), std::abs(y)); };
    for (const char* key : {"final_objective"})
      QVERIFY2(close(json(a).object()[key].toDouble(), json(b).object()[key].toDouble()), key);
    for (const char* key : {"sparsity", "squared_weight"})
      QVERIFY2(close(json(a).object()[key].toArray()[0].toDouble(), json(b).object()[key].toArray()[0].toDouble()), key);
  }

  void infoJson() {
    const QJsonObject o = json(vpf({"info", path("rbm.npz"), "--json"})).object();
    QCOMPARE(o["sizes"].toArray().size(), 2);
    QCOMPARE(o["sizes"].toArray()[1].toInt(), 24);
    QCOMPARE(o["epochs"].toInt(), 2);
    QCOMPARE(o["algorithm"].toString(), QString("VPF"));
    QVERIFY(o["checkpoint"].toBool());
  }

  void reconstructJsonHasTheContractKeys() {
    const Run r = vpf({"reconstruct", "--model", path("rbm.npz"), "--pattern", "all", "--test-limit", "200", "--json", "--seed", "3"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonArray rows = json(r).array();
    QCOMPARE(rows.size(), 4);
    QStringList patterns;
    for (const auto& v : rows) {
      const QJsonObject o = v.toObject();
      for (const char* key : {"pattern", "error_mean", "error_std", "gibbs", "images"}) QVERIFY2(o.contains(key), key);
      QCOMPARE(o["gibbs"].toInt(), 2);  // VPF model default
      QCOMPARE(o["images"].toInt(), 200);
      QVERIFY(o["error_mean"].toDouble() > 0 && o["error_mean"].toDouble() < 336);
      patterns << o["pattern"].toString();
    }
    QCOMPARE(patterns, (QStringList{"Top", "Bottom", "Left", "Right"}));
    // Same seed, same numbers.
    const Run again = vpf({"reconstruct", "--model", path("rbm.npz"), "--pattern", "top", "--test-limit", "200", "--json", "--seed", "3"});
    QCOMPARE(json(again).array()[0].toObject()["error_mean"].toDouble(), rows[0].toObject()["error_mean"].toDouble());
    // Starting the corrupted pixels at 0 instead of noise is a different, reported choice.
    const Run zeros = vpf({"reconstruct", "--model", path("rbm.npz"), "--pattern", "top", "--test-limit", "200", "--json",
                           "--seed", "3", "--start", "zeros"});
    QCOMPARE(json(zeros).array()[0].toObject()["start"].toString(), QString("zeros"));
    QVERIFY(json(zeros).array()[0].toObject()["error_mean"].toDouble() != rows[0].toObject()["error_mean"].toDouble());
  }

  void sampleWritesPngAndNpy() {
    QVERIFY(vpf({"sample", "--model", path("rbm.npz"), "--prior", "random", "--count", "16", "--out", path("grid.png")}).exitCode == 0);
    QImage grid(path("grid.png"));
    QVERIFY(!grid.isNull());
    QVERIFY(grid.width() >= 4 * 28);
    const Run npy = vpf({"sample", "--model", path("rbm.npz"), "--prior", "mean", "--count", "5", "--out", path("s.npy")});
    QVERIFY2(npy.exitCode == 0, npy.err.constData());
    QFile f(path("s.npy"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    QVERIFY(bytes.startsWith("\x93NUMPY"));
    QVERIFY(bytes.contains("'shape': (5, 784)"));
    QVERIFY(bytes.size() > 5 * 784 * 4);
  }

  void parzenJson() {
    const Run r = vpf({"parzen", "--model", path("rbm.npz"), "--count", "200", "--test-limit", "100", "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject o = json(r).object();
    for (const char* key : {"ll_mean", "ll_se", "sigma", "samples"}) QVERIFY2(o.contains(key), key);
    QVERIFY(std::isfinite(o["ll_mean"].toDouble()));
    QVERIFY(o["ll_se"].toDouble() > 0);
    QCOMPARE(o["sigma"].toDouble(), 0.2);
    QCOMPARE(o["samples"].toInt(), 200);
  }

  // rbm:12 is small enough to sum log Z exactly; AIS must land within 0.1 nats of that.
  void loglikExactAndAisAgree() {
    const Run train = vpf({"train", "--dataset", "mnist", "--train-limit", "600", "--model", "rbm:12", "--epochs", "2",
                           "--out", path("rbm12.npz"), "--quiet"});
    QCOMPARE(train.exitCode, 0);
    const Run exact = vpf({"loglik", "--model", path("rbm12.npz"), "--exact", "--test-limit", "200", "--json"});
    QVERIFY2(exact.exitCode == 0, exact.err.constData());
    const QJsonObject e = json(exact).object();
    for (const char* key : {"method", "log_z", "log_z_lo", "log_z_hi", "ll_mean", "ll_se", "runs", "betas", "images"})
      QVERIFY2(e.contains(key), key);
    QCOMPARE(e["method"].toString(), QString("exact"));
    QCOMPARE(e["images"].toInt(), 200);
    const Run ais = vpf({"--threads", "1", "loglik", "--model", path("rbm12.npz"), "--runs", "100", "--betas", "5000",
                         "--test-limit", "200", "--json"});
    QVERIFY2(ais.exitCode == 0, ais.err.constData());
    const QJsonObject a = json(ais).object();
    QCOMPARE(a["method"].toString(), QString("ais"));
    QCOMPARE(a["betas"].toInt(), 5000);
    QVERIFY2(std::abs(a["log_z"].toDouble() - e["log_z"].toDouble()) < 0.1,
             qPrintable(QStringLiteral("AIS %1 vs exact %2").arg(a["log_z"].toDouble()).arg(e["log_z"].toDouble())));
    QVERIFY(std::abs(a["ll_mean"].toDouble() - e["ll_mean"].toDouble()) < 0.1);
    QVERIFY(e["ll_mean"].toDouble() < 0);
    // A DBM gets the mean-field bound, with log Z exact (8 odd-layer units) or by AIS over the joint state.
    const Run dbm = vpf({"train", "--dataset", "mnist", "--train-limit", "200", "--model", "dbm:8,4", "--epochs", "1",
                         "--out", path("dbm.npz"), "--quiet"});
    QCOMPARE(dbm.exitCode, 0);
    const Run dbmExact = vpf({"loglik", "--model", path("dbm.npz"), "--exact", "--test-limit", "100", "--json"});
    QVERIFY2(dbmExact.exitCode == 0, dbmExact.err.constData());
    const QJsonObject de = json(dbmExact).object();
    QCOMPARE(de["method"].toString(), QString("exact+meanfield"));
    QCOMPARE(de["kind"].toString(), QString("DBM1"));
    const Run dbmAis = vpf(
        {"--threads", "1", "loglik", "--model", path("dbm.npz"), "--betas", "3000", "--test-limit", "100", "--json"});
    QVERIFY2(dbmAis.exitCode == 0, dbmAis.err.constData());
    const QJsonObject da = json(dbmAis).object();
    QCOMPARE(da["method"].toString(), QString("ais+meanfield"));
    QVERIFY(std::abs(da["log_z"].toDouble() - de["log_z"].toDouble()) < 0.1);
    QVERIFY(de["ll_mean"].toDouble() < 0);
    // A machine too big to enumerate is refused with a runtime error, not a wrong number.
    const Run refused = vpf({"loglik", "--model", path("rbm.npz"), "--exact"});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY(refused.err.contains("AIS"));
  }

  // The generative study: every variant scored on the validation slice, the report written, and a
  // second run reuses every result (resumable, identical output).
  void studyGenerativeScoresEveryVariantOnValidation() {
    const QString out = path("study");
    const Run r = vpf({"--threads", "1", "study", "generative", "--quick", "--quiet", "--out", out});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QFile file(out + "/study.json");
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray first = file.readAll();
    const QJsonObject study = QJsonDocument::fromJson(first).object();
    const QJsonArray variants = study["variants"].toArray();
    QCOMPARE(variants.size(), 9);  // RBM(196), then DBM1/DBM2 × VPF/layer-wise × two λ
    for (const QJsonValue v : variants) {
      const QJsonObject s = v.toObject()["score"].toObject();
      for (const char* key : {"parzen_R", "parzen_P", "loglik", "prior_effect"})
        QVERIFY2(s[key].isDouble() && std::isfinite(s[key].toDouble()), key);
      QVERIFY(s["prior_effect"].toDouble() >= 0);
      QCOMPARE(s["mean_abs_w"].toArray().size(), v.toObject()["model"].toString() == "rbm196" ? 1 : 3);
      QVERIFY(s["validation_images"].toInt() == 300);
    }
    QVERIFY(QFile::exists(out + "/study.md"));
    const Run again = vpf({"--threads", "1", "study", "generative", "--quick", "--quiet", "--out", out});
    QCOMPARE(again.exitCode, 0);
    file.close();
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), first);
    QCOMPARE(vpf({"study", "generative", "--out", out, "--train-images", "55000"}).exitCode, 2);
    QCOMPARE(vpf({"study"}).exitCode, 2);
  }

  // Bengio & Fischer 2015 on the test network: the hard sigmoid's first arrivals scale as ε^{k+1}
  // exactly (slopes k+1, r_k at rounding), asymmetric feedback destroys the direction, and a
  // fixed point that cannot be interior exits with 1.
  void earlyInferenceJsonAndCsv() {
    const Run r = vpf({"early-inference", "--sizes", "3,4,4,4,2", "--eps", "1e-4:0.1:7", "--out", path("ei.csv"),
                       "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject o = json(r).object();
    for (const char* key : {"sizes", "rho", "fixed_point", "eps", "layers", "reseeds", "seed_used", "cost"})
      QVERIFY2(o.contains(key), key);
    QCOMPARE(o["eps"].toArray().size(), 7);
    QVERIFY(o["fixed_point"].toObject()["lambda_min"].toDouble() > 0);
    const QJsonArray layers = o["layers"].toArray();
    QCOMPARE(layers.size(), 4);  // k = 0 (y) … 3
    for (const QJsonValue& v : layers) {
      const QJsonObject k = v.toObject();
      const int distance = k["k"].toInt();
      QCOMPARE(k["layer"].toInt(), 4 - distance);
      QVERIFY2(std::abs(k["slope"].toDouble() - (distance + 1)) < 0.05, qPrintable(QString::number(k["slope"].toDouble())));
      QVERIFY(k["relerr_1e-2"].toDouble() < 1e-12);
      QVERIFY(k["relerr_1e-4"].toDouble() < 1e-12);
      QVERIFY(k["cos_first_arrival"].toDouble() > 1 - 1e-12);
    }
    QFile csv(path("ei.csv"));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QCOMPARE(csv.readLine().trimmed(), QByteArray("eps,t,layer,k,norm_d,norm_g,cos_bp,cos_inf,relerr"));
    int rows = 0;
    while (!csv.atEnd()) rows += csv.readLine().trimmed().isEmpty() ? 0 : 1;
    // T = min(⌈5/ε⌉, 2000) + 1 rows of 4 layers per ε.
    int expected = 0;
    for (int i = 0; i < 7; ++i) expected += 4 * (std::min(2000, int(std::ceil(5 / std::pow(10.0, -4 + 0.5 * i)))) + 1);
    QCOMPARE(rows, expected);

    const Run asym = vpf({"early-inference", "--sizes", "3,4,4,4,2", "--eps", "1e-3:1e-2:2", "--asym", "1", "--json"});
    QVERIFY2(asym.exitCode == 0, asym.err.constData());
    const QJsonObject hidden = json(asym).object()["layers"].toArray()[3].toObject();
    QVERIFY2(std::abs(hidden["cos_first_arrival"].toDouble()) < 0.9,
             qPrintable(QString::number(hidden["cos_first_arrival"].toDouble())));

    const Run none = vpf({"early-inference", "--sizes", "3,4,4,4,2", "--margin", "0.499", "--eps", "1e-2"});
    QCOMPARE(none.exitCode, 1);
    QVERIFY(none.err.contains("no interior stable fixed point"));
    // The benchmark section (spec C2): relaxation iterations next to their linear prediction.
    const Run bench = vpf({"--threads", "1", "bench", "--early-inference", "--json"});
    QVERIFY2(bench.exitCode == 0, bench.err.constData());
    const QJsonObject b = json(bench).object();
    QCOMPARE(b["relaxation"].toArray().size(), 12);
    for (const QJsonValue v : b["relaxation"].toArray()) {
      const QJsonObject row = v.toObject();
      QVERIFY(row["iterations"].toInt() > 0);
      // The measured count is within a factor 2 of the slowest linear mode's prediction.
      QVERIFY2(std::abs(std::log(row["iterations"].toDouble() / row["predicted"].toDouble())) < std::log(2.0),
               qPrintable(QStringLiteral("%1 vs %2").arg(row["iterations"].toInt()).arg(row["predicted"].toDouble())));
    }
    QVERIFY(b["dynamics_steps_per_s"].toDouble() > 0);
    // The figure of P1–P6.
    const Run figure = vpf({"early-inference", "--sizes", "3,4,4,2", "--eps", "1e-3:1e-2:3", "--figure", path("ei.png")});
    QVERIFY2(figure.exitCode == 0, figure.err.constData());
    QVERIFY(QImage(path("ei.png")).width() > 1000);
    for (const QStringList& bad : {QStringList{"early-inference", "--sizes", "3,4"},
                                   QStringList{"early-inference", "--eps", "1e-3:x"},
                                   QStringList{"early-inference", "--nudge", "sideways"}})
      QCOMPARE(vpf(bad).exitCode, 2);
  }

  // vpf bench --targetprop (spec C1): every figure positive and finite, and the FLOP count equal to
  // the GEMM products of INFERENCE, the M-step and the reconstruction monitor, counted here one by one.
  void benchTargetProp() {
    const auto batchFlop = [](qint64 n0, qint64 n1, qint64 n2, qint64 batch, qint64 iterations) {
      qint64 macs = n0 * n1 + n1 * n2 + n2 * n1;                               // f1(X), f2(H1), g2(H2)
      macs += iterations * (n1 * n2 + n1 * n2 + n2 * n1 + n1 * n0 + n0 * n1);  // f2(H1), f2(g2), g2, g1, f1(g1)
      macs += 2 * (n1 * n0 + n0 * n1 + n2 * n1 + n1 * n2);  // g1, f1, g2, f2 regressions: ŨP and ŨᵀG
      macs += n0 * n1 + n1 * n2 + n2 * n1 + n1 * n0;        // g1(g2(f2(f1 X)))
      return 2 * batch * macs;
    };
    const Run r = vpf({"--threads", "1", "bench", "--targetprop", "--tp-hidden", "64,16", "--tp-batch", "20",
                       "--tp-repeats", "2", "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject b = json(r).object();
    QCOMPARE(b["sizes"].toArray(), (QJsonArray{784, 64, 16}));
    QCOMPARE(b["batch"].toInt(), 20);
    QCOMPARE(b["iterations"].toInt(), 15);
    QCOMPARE(qint64(b["batch_flop"].toDouble()), batchFlop(784, 64, 16, 20, 15));
    QCOMPARE(qint64(b["batch_flop_inference_start"].toDouble() + b["batch_flop_inference_iterations"].toDouble()),
             qint64(b["inference_flop"].toDouble()));
    QCOMPARE(b["epoch_batches"].toInt(), 2500);
    for (const char* key :
         {"gemm_thin_peak_gflops", "gemm_square_gflops", "batch_s", "batch_gflops", "batch_ratio_to_peak",
          "batch_gemm_bound_s", "epoch_s", "epoch_flop", "inference_tp_images_per_s", "inference_tp_gflops",
          "inference_gradient_images_per_s", "inference_gradient_gflops"}) {
      const double v = b[key].toDouble(-1);
      QVERIFY2(v > 0 && std::isfinite(v), key);
    }
    QCOMPARE(b["gemm"].toArray().size(), 10);
    double gemmFlop = 0;
    for (const QJsonValue v : b["gemm"].toArray()) {
      const QJsonObject s = v.toObject();
      QVERIFY(s["gflops"].toDouble() > 0 && std::isfinite(s["gflops"].toDouble()));
      gemmFlop += 2.0 * s["m"].toInt() * s["k"].toInt() * s["n"].toInt() * s["per_batch"].toInt();
    }
    QCOMPARE(gemmFlop, double(batchFlop(784, 64, 16, 20, 15)));

    // The table at the paper's sizes: every row, the 6.86 GFLOP per batch printed exactly.
    const Run table = vpf({"--threads", "1", "bench", "--targetprop", "--tp-repeats", "1"});
    QVERIFY2(table.exitCode == 0, table.err.constData());
    const QString text = QString::fromUtf8(table.out);
    const QRegularExpressionMatch batch =
        QRegularExpression(
            R"(training minibatch\s+(\S+) s\s+(\d+) FLOP\s+(\S+) GFLOP/s\s+(\S+) % of the thin-shape peak)")
            .match(text);
    QVERIFY2(batch.hasMatch(), table.out.constData());
    QCOMPARE(batch.captured(2).toLongLong(), batchFlop(784, 1000, 100, 100, 15));
    for (int i : {1, 3, 4})
      QVERIFY2(batch.captured(i).toDouble() > 0 && std::isfinite(batch.captured(i).toDouble()), table.out.constData());
    for (const char* row :
         {R"(GEMM peak over these shapes (\S+) GFLOP/s)", R"(epoch of 50000 images \(500 batches\)\s+(\S+) s)",
          R"(INFERENCE tp\s+(\S+) images/s)", R"(INFERENCE gradient\s+(\S+) images/s)"}) {
      const QRegularExpressionMatch m = QRegularExpression(row).match(text);
      QVERIFY2(m.hasMatch() && m.captured(1).toDouble() > 0, row);
    }
    for (const QStringList& bad :
         {QStringList{"bench", "--tp-batch", "10"}, QStringList{"bench", "--targetprop", "--early-inference"},
          QStringList{"bench", "--targetprop", "--tp-hidden", "10"},
          QStringList{"bench", "--targetprop", "--tp-hidden", "10.5,4"}})
      QCOMPARE(vpf(bad).exitCode, 2);
  }

  void resumeContinuesTheRun() {
    QVERIFY(vpf({"train", "--train-limit", "300", "--model", "dbm:20,10", "--intra", "--epochs", "1", "--out", path("dbm.npz"), "--quiet"}).exitCode == 0);
    const Run r = vpf({"train", "--resume", path("dbm.npz"), "--epochs", "2", "--train-limit", "300", "--json", "--quiet"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(json(r).object()["epochs"].toInt(), 2);
    QCOMPARE(json(vpf({"info", path("dbm.npz"), "--json"})).object()["kind"].toString(), QString("DBM2"));
  }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
