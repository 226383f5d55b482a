// `vpf repro --quick` end to end: every table and figure file is produced and parses, the tables
// have the documented headers and one row per cell, the models load, a second run resumes from the
// finished parts, and a run interrupted with Ctrl+C resumes to exactly the same tables.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <csignal>

#include "core/io/model_file.h"
#include "core/io/model_kind.h"
#include "core/targetprop/tp_model_file.h"

namespace {

struct Run {
  int exitCode = -1;
  QByteArray out, err;
};

// One thread: the quick run stays fast even when other work shares the cores (see README, --threads).
const QStringList kQuick{"--threads", "1", "repro", "--quick", "--out"};

Run repro(const QString& folder) {
  QProcess p;
  p.start(VPF_CLI_PATH, kQuick + QStringList{folder});
  p.waitForFinished(600000);
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
          p.readAllStandardError()};
}

QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList csvLines(const QString& path) { return QString::fromUtf8(readAll(path)).split('\n', Qt::SkipEmptyParts); }

}  // namespace

class TestRepro : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;
  QString m_out;

 private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_out = m_dir.filePath("quick");
    const Run r = repro(m_out);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.contains("report.md"));
  }

  void table1HasEveryPatternAndMethod() {
    const QStringList lines = csvLines(m_out + "/table1.csv");
    QCOMPARE(lines.value(0), QString("pattern,method,error_mean,error_std,paper"));
    QCOMPARE(lines.size(), 1 + 4 * 5 + 5);  // the four patterns, then the AIS log-likelihood, per method
    QSet<QString> cells;
    for (const QString& line : lines.mid(1)) {
      const QStringList f = line.split(',');
      QCOMPARE(f.size(), 5);
      if (f[0] == "loglik_ais") {
        bool ok = false;
        QVERIFY2(f[2].toDouble(&ok) < 0 && ok, qPrintable(line));  // log p(v) of a binary image
        QVERIFY(f[4].isEmpty());                                   // the paper reports none
        continue;
      }
      cells.insert(f[0] + "/" + f[1]);
      bool ok = false;
      const double mean = f[2].toDouble(&ok);
      QVERIFY2(ok && mean > 0 && mean < 784, qPrintable(line));  // an L1 error of a 28×28 image
      QVERIFY(f[3].toDouble(&ok) >= 0 && ok);
      QVERIFY(f[4].toDouble(&ok) > 0 && ok);  // the paper has every cell of Table 1
    }
    QCOMPARE(cells.size(), 20);
    QVERIFY(cells.contains("Top/VPF") && cells.contains("Right/PCD-10"));
  }

  // Table 1 has one procedure (core/protocols/table1.h): `vpf reconstruct` on a repro model, with
  // the seed repro used (9000 + the model's seed), gives repro's numbers exactly.
  void vpfReconstructAgreesWithReprosTable1() {
    const QJsonObject results = QJsonDocument::fromJson(readAll(m_out + "/results.json")).object();
    int checked = 0;
    for (const QJsonValue entryValue : results["table1"].toArray()) {
      const QJsonObject entry = entryValue.toObject();
      if (entry["algo"].toString() != "vpf" && entry["algo"].toString() != "cd:1") continue;
      const QJsonObject run = entry["runs"].toArray().first().toObject();
      QProcess p;
      p.start(VPF_CLI_PATH, {"--threads", "1", "reconstruct", "--model", m_out + "/models/" + run["key"].toString() + ".npz",
                             "--dataset", "mnist", "--test-limit", "300", "--seed",
                             QString::number(9000 + run["seed"].toInt()), "--start", entry["start"].toString(),
                             "--gibbs", QString::number(entry["transitions"].toInt()), "--json"});
      QVERIFY(p.waitForFinished(300000));
      QCOMPARE(p.exitCode(), 0);
      const QJsonArray rows = QJsonDocument::fromJson(p.readAllStandardOutput()).array();
      QCOMPARE(rows.size(), 4);
      const QJsonObject patterns = run["patterns"].toObject();
      for (const QJsonValue rowValue : rows) {
        const QJsonObject row = rowValue.toObject();
        const double repro = patterns[row["pattern"].toString()].toObject()["mean"].toDouble();
        QVERIFY2(std::abs(row["error_mean"].toDouble() - repro) < 1e-9 * std::max(1.0, repro),
                 qPrintable(QStringLiteral("%1 %2: vpf reconstruct %3, repro %4")
                                .arg(entry["method"].toString(), row["pattern"].toString())
                                .arg(row["error_mean"].toDouble())
                                .arg(repro)));
      }
      ++checked;
    }
    QCOMPARE(checked, 2);
  }

  // One likelihood procedure (core/likelihood/model_likelihood.h): `vpf loglik` with repro's AIS
  // settings, seed and data slice gives repro's Table 1 and Table 2 numbers exactly.
  void vpfLoglikAgreesWithRepro() {
    const QJsonObject results = QJsonDocument::fromJson(readAll(m_out + "/results.json")).object();
    const QJsonObject run = results["table1"].toArray().first().toObject()["runs"].toArray().first().toObject();
    QJsonObject dbm;
    for (const QJsonValue row : results["table2"].toArray())
      if (row.toObject()["model"].toString() == "DBM2" && row.toObject()["dataset"].toString() == "mnist")
        dbm = row.toObject();
    QVERIFY(!dbm.isEmpty());
    for (const auto& [key, expected] : {std::pair{run["key"].toString(), run["loglik"].toObject()},
                                        std::pair{dbm["key"].toString(), dbm["loglik"].toObject()}}) {
      QProcess p;
      p.start(VPF_CLI_PATH,
              {"--threads", "1", "loglik", "--model", m_out + "/models/" + key + ".npz", "--dataset", "mnist",
               "--train-limit", "3000", "--test-limit", "300", "--runs", QString::number(expected["runs"].toInt()),
               "--betas", QString::number(expected["betas"].toInt()), "--seed", "1", "--json"});
      QVERIFY(p.waitForFinished(300000));
      QCOMPARE(p.exitCode(), 0);
      const QJsonObject ll = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
      QCOMPARE(ll["method"].toString(), expected["method"].toString());
      QVERIFY2(std::abs(ll["ll_mean"].toDouble() - expected["ll_mean"].toDouble()) < 1e-9,
               qPrintable(QStringLiteral("%1: vpf loglik %2, repro %3")
                              .arg(key)
                              .arg(ll["ll_mean"].toDouble())
                              .arg(expected["ll_mean"].toDouble())));
    }
  }

  void table2HasEveryModelAndPrior() {
    const QStringList lines = csvLines(m_out + "/table2.csv");
    QCOMPARE(lines.value(0), QString("dataset,model,prior,ll_mean,ll_se,paper,ais_method,ais_ll_mean,ais_ll_se"));
    // MNIST and Fashion × RBM(196), DBM1, DBM2 × R, P; Bengio et al. 2015's Alg. 2 and directed
    // rows; then the training-image reference row.
    QCOMPARE(lines.size(), 1 + 2 * 3 * 2 + 2 + 1);
    int targetprop = 0;
    for (const QString& line : lines.mid(1)) {
      const QStringList f = line.split(',');
      QCOMPARE(f.size(), 9);
      if (f[1].startsWith("Bengio et al. 2015")) {  // no AIS: a directed model with a Parzen score only
        QCOMPARE(f[0], QString("mnist"));
        QCOMPARE(f[5], QString(f[1].contains("directed") ? "126" : "236"));
        QVERIFY2(f[6].isEmpty() && f[7].isEmpty() && f[8].isEmpty(), qPrintable(line));
        ++targetprop;
      } else if (!f[1].startsWith("training images")) {
        QCOMPARE(f[6], f[1] == "RBM(196)" ? QString("ais") : QString("ais+meanfield"));
        bool ok = false;
        QVERIFY2(f[7].toDouble(&ok) < 0 && ok, qPrintable(line));
      }
      bool ok = false;
      QVERIFY2(std::isfinite(f[3].toDouble(&ok)) && ok, qPrintable(line));
      QVERIFY(f[4].toDouble(&ok) > 0 && ok);
      QCOMPARE(f[5].isEmpty(), f[0] == "fashion" || (f[1] == "RBM(196)" && f[2] == "P"));
    }
    QCOMPARE(targetprop, 2);
    QVERIFY(lines.last().startsWith("mnist,training images (reference),-,"));
    QVERIFY(lines.last().endsWith(",239.88,,,"));
  }

  // The Parzen reference (training images as the samples) scores higher on grey test images than with
  // both sides binarised — why Table 2 uses grey test images (the estimator itself: test_parzen).
  void parzenReferenceFavoursGreyTestImages() {
    const QJsonObject results = QJsonDocument::fromJson(readAll(m_out + "/results.json")).object();
    const QJsonObject ref = results["parzen_reference"].toObject();
    QVERIFY(ref["ll_mean"].isDouble() && ref["ll_binary"].isDouble());
    QVERIFY(ref["ll_mean"].toDouble() > ref["ll_binary"].toDouble());
    QCOMPARE(ref["paper"].toDouble(), 239.88);
  }

  // Bengio et al. 2015's model: both Table 2 rows with finite scores against the paper's 236 / 126, κ
  // chosen as the best of the recorded validation scores (never the test set), Fig. 4's curves.
  void targetPropRowsAndPriorScaleChoice() {
    const QJsonObject results = QJsonDocument::fromJson(readAll(m_out + "/results.json")).object();
    const QJsonObject tp = results["targetprop"].toObject();
    const QJsonArray scores = tp["kappa_choice"].toObject()["scores"].toArray();
    QCOMPARE(scores.size(), 2);
    double best = -INFINITY, argmax = 0;
    for (const QJsonValue v : scores) {
      const QJsonObject score = v.toObject();
      QVERIFY(std::isfinite(score["ll_mean"].toDouble()) && score["ll_se"].toDouble() > 0);
      QCOMPARE(score["first_image"].toInt(), 50000);  // the validation slice
      if (score["ll_mean"].toDouble() > best) best = score["ll_mean"].toDouble(), argmax = score["kappa"].toDouble();
    }
    const double kappa = tp["kappa_choice"].toObject()["chosen"].toDouble();
    QCOMPARE(kappa, argmax);
    QMap<QString, QJsonObject> rows;
    for (const QJsonValue v : results["table2"].toArray())
      if (v.toObject()["kind"].toString() == "targetprop") rows[v.toObject()["mode"].toString()] = v.toObject();
    QCOMPARE(rows.keys(), (QStringList{"alg2", "directed"}));
    for (const QJsonObject& row : rows) {
      QVERIFY(std::isfinite(row["ll_mean"].toDouble()) && row["ll_se"].toDouble() > 0);
      QVERIFY(std::isfinite(row["ll_selected"].toDouble()) && row["sigma_selected"].toDouble() > 0);
      QCOMPARE(row["sigma"].toDouble(), 0.2);
      QCOMPARE(row["samples"].toInt(), 500);  // the VPF rows' count in quick mode
      QCOMPARE(row["difference"].toDouble(), row["ll_mean"].toDouble() - row["paper"].toDouble());
      QCOMPARE(row["prior"].toString(), QString("κ %1").arg(kappa));
    }
    QCOMPARE(rows["alg2"]["paper"].toDouble(), 236.0);
    QCOMPARE(rows["directed"]["paper"].toDouble(), 126.0);
    // The model file carries the chosen κ and a prior.
    const vpf::targetprop::TpModelFile f =
        vpf::targetprop::loadTpModel((m_out + "/models/" + rows["alg2"]["key"].toString() + ".npz").toStdString());
    QCOMPARE(f.meta.priorScale, kappa);
    QVERIFY(f.model.hasPrior());
    const QJsonObject curves = tp["inference"].toObject()["modes"].toObject();
    QCOMPARE(curves.keys(), (QStringList{"gradient", "tp"}));
    for (const QJsonValue mode : curves) QCOMPARE(mode.toObject()["mean"].toArray().size(), 21);  // t = 0 … 20
  }

  // The λ scale of every VPF model kind was chosen on the validation slice: both candidates were
  // evaluated, the choice is the better one by the stated metric, and the models use that λ.
  void weightDecayScaleIsChosenOnValidation() {
    const QJsonObject choice =
        QJsonDocument::fromJson(readAll(m_out + "/results.json")).object()["decay_choice"].toObject();
    QCOMPARE(choice.keys(), (QStringList{"dbm1", "dbm2", "rbm196"}));
    for (const QString& name : choice.keys()) {
      const QJsonObject c = choice[name].toObject();
      const QJsonObject sum = c["sum"].toObject(), mean = c["mean"].toObject();
      QCOMPARE(sum["weight_decay"].toDouble(), 1e-4);
      QCOMPARE(mean["weight_decay"].toDouble(), 1e-4 * c["units"].toInt());
      const QString best = mean["parzen"].toDouble() > sum["parzen"].toDouble() ? "mean" : "sum";
      QCOMPARE(c["chosen_parzen"].toString(), best);
      // The models trained after the choice carry its λ.
      const QString key = name == "rbm196" ? "mnist-rbm196-vpf-e3-s1" : "mnist-" + name + "-vpf-e3-s1";
      const QString file = m_out + "/models/" + key +
                           (best == "mean" ? "-wd" + QString::number(mean["weight_decay"].toDouble(), 'g', 3) : "") +
                           ".npz";
      QVERIFY2(QFile::exists(file), qPrintable(file));
      const vpf::ModelFile f = vpf::loadModel(file.toStdString());
      QCOMPARE(f.meta.config.weightDecay, c[best]["weight_decay"].toDouble());
    }
    QVERIFY(choice["rbm196"].toObject()["sum"].toObject()["reconstruction"].toDouble() > 0);
  }

  void everyFigureOfTheReportExistsAndParses() {
    const QString report = QString::fromUtf8(readAll(m_out + "/report.md"));
    for (const char* heading : {"## 1. RBMs", "## 2. Table 1", "## 3. DBMs and Table 2", "Wall-clock"})
      QVERIFY2(report.contains(heading), heading);
    const QRegularExpression image(R"(!\[[^\]]*\]\((figures/[^)]+\.png)\))");
    int figures = 0;
    for (auto it = image.globalMatch(report); it.hasNext(); ++figures) {
      const QString png = m_out + "/" + it.next().captured(1);
      QImage img(png);
      QVERIFY2(!img.isNull() && img.width() > 100, qPrintable(png));
      const QString pdf = png.left(png.size() - 3) + "pdf";
      QVERIFY2(readAll(pdf).startsWith("%PDF"), qPrintable(pdf));
    }
    // Fig. 2 ×3, Fig. 3a–c, Fig. 4, Figs. 5/6 ×8; Bengio et al. 2015's Figs. 3, 4 (without and with the
    // prior term), 5.
    QCOMPARE(figures, 3 + 3 + 1 + 8 + 4);
    for (const char* heading : {"## 4. Bengio et al. 2015", "| κ | samples |", "the paper's 236 by"})
      QVERIFY2(report.contains(QString::fromUtf8(heading)), heading);
    QJsonParseError e;
    const QJsonDocument results = QJsonDocument::fromJson(readAll(m_out + "/results.json"), &e);
    QCOMPARE(e.error, QJsonParseError::NoError);
    QCOMPARE(results.object()["table1"].toArray().size(), 5);
    QVERIFY(csvLines(m_out + "/figures/fig3c-weights.csv").size() > 3);
  }

  void modelsOpenAsTrainedCheckpoints() {
    const QStringList models = QDir(m_out + "/models").entryList({"*.npz"});
    // RBMs, Table 1 (5 methods × 2 seeds), DBMs, Fashion; the λ candidates of RBM(196), DBM1, DBM2;
    // Bengio et al. 2015's model.
    QCOMPARE(models.size(), 3 + 5 * 2 + 2 + 1 + 2 + 3 * 2 + 1);
    for (const QString& name : models) {
      if (vpf::isTargetPropKind(vpf::modelFileKind((m_out + "/models/" + name).toStdString()))) {
        const vpf::targetprop::TpModelFile f = vpf::targetprop::loadTpModel((m_out + "/models/" + name).toStdString());
        QVERIFY2(f.meta.epochsDone == 1 && f.trainerState.has_value() && f.model.hasPrior(), qPrintable(name));
        continue;
      }
      const vpf::ModelFile f = vpf::loadModel((m_out + "/models/" + name).toStdString());
      QVERIFY2(f.meta.epochsDone >= 2 && f.trainerState.has_value(), qPrintable(name));
    }
  }

  void secondRunReusesEverything() {
    const QString model = m_out + "/models/" + QDir(m_out + "/models").entryList({"*.npz"}).value(0);
    const QDateTime before = QFileInfo(model).lastModified();
    const QByteArray table1 = readAll(m_out + "/table1.csv");
    const Run again = repro(m_out);
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QVERIFY(again.err.contains("resuming"));
    QCOMPARE(QFileInfo(model).lastModified(), before);
    QCOMPARE(readAll(m_out + "/table1.csv"), table1);
  }

  void interruptedRunResumesToTheSameTables() {
    const QString out = m_dir.filePath("interrupted");
    QProcess p;
    p.start(VPF_CLI_PATH, kQuick + QStringList{out});
    QVERIFY(p.waitForStarted());
    // Interrupt once the first checkpoint is on disk.
    QElapsedTimer wait;
    wait.start();
    while (QDir(out + "/models").entryList({"*.npz"}).isEmpty() && wait.elapsed() < 60000) QTest::qWait(20);
    ::kill(static_cast<pid_t>(p.processId()), SIGINT);
    QVERIFY(p.waitForFinished(120000));
    const QByteArray err = p.readAllStandardError();
    QCOMPARE(p.exitCode(), 1);
    QVERIFY2(err.contains("interrupted") && err.contains("resume"), err.constData());
    QVERIFY(!QFile::exists(out + "/table1.csv"));
    const Run resumed = repro(out);
    QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
    QCOMPARE(readAll(out + "/table1.csv"), readAll(m_out + "/table1.csv"));
    QCOMPARE(readAll(out + "/table2.csv"), readAll(m_out + "/table2.csv"));
    // Both invocations are logged and listed in the report.
    const QJsonArray runs = QJsonDocument::fromJson(readAll(out + "/runs.json")).array();
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs[0].toObject()["outcome"].toString(), QString("interrupted"));
    QCOMPARE(runs[1].toObject()["outcome"].toString(), QString("completed"));
    QVERIFY(QString::fromUtf8(readAll(out + "/report.md")).contains("| interrupted |"));
  }
};

QTEST_GUILESS_MAIN(TestRepro)
#include "test_repro.moc"
