// One training run, four front ends: the app (vpflab --save-model), the app's training worker,
// `vpf train` and `vpf repro`'s model training must give the same parameters, bit for bit, for the
// same settings and seed (one OpenMP thread everywhere). They all build the run in
// core/run/training_run.h; this test fails as soon as one of them assembles its own.
#include <Eigen/Core>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "cli/repro_context.h"
#include "core/io/model_file.h"
#include "core/learning/training_config.h"
#include "tests/ui/sampling_test_support.h"
#include "tests/ui/ui_test_support.h"
#include "ui/training/training_worker.h"

using namespace vpf;

namespace {

QProcessEnvironment oneThread() {
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert(QStringLiteral("OMP_NUM_THREADS"), QStringLiteral("1"));
  return env;
}

bool run(const QString& program, const QStringList& arguments, QString* output = nullptr) {
  QProcess p;
  p.setProcessEnvironment(oneThread());
  p.start(program, arguments);
  if (!p.waitForFinished(180000)) return false;
  const QString all = QString::fromLocal8Bit(p.readAllStandardOutput() + p.readAllStandardError());
  if (output) *output = all;
  if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) qWarning("%s", qPrintable(all));
  return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

QString differences(const BoltzmannMachine& a, const BoltzmannMachine& b) {
  if (a.sizes != b.sizes) return QStringLiteral("layer sizes differ");
  for (std::size_t l = 0; l < a.W.size(); ++l)
    if (a.W[l] != b.W[l])
      return QStringLiteral("W%1 differs by up to %2").arg(l).arg((a.W[l] - b.W[l]).cwiseAbs().maxCoeff());
  for (std::size_t l = 0; l < a.b.size(); ++l)
    if (a.b[l] != b.b[l]) return QStringLiteral("b%1 differs").arg(l);
  return {};
}

}  // namespace

class TestSameModel : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    qputenv("OMP_NUM_THREADS", "1");
    Eigen::setNbThreads(1);
    test::initUiTestEnvironment();
  }

  void everyFrontEndTrainsTheSameModel() {
    for (const char* algo : {"vpf", "cd:1"}) {
      QTemporaryDir dir;
      const test::SyntheticData data = test::writeSyntheticSplits(dir.path(), 400, 50);
      const QString arch = QStringLiteral("rbm:24");

      // 1. The app: its own settings (defaults of a fresh start), one epoch, saved by --save-model.
      const QString appFile = dir.filePath("app.npz");
      QStringList appArgs{"--fresh",        "--dataset", dir.path(),     "--arch", arch,
                          "--after-epochs", "1",         "--save-model", appFile};
      if (QString(algo) != "vpf") appArgs << "--algo" << algo;
      QString log;
      QVERIFY2(run(QStringLiteral(VPFLAB_PATH), appArgs, &log), qPrintable(log));
      const ModelFile app = loadModel(appFile.toStdString());
      const TrainingConfig config = app.meta.config;
      QCOMPARE(app.meta.epochsDone, 1);
      QCOMPARE(QString::fromStdString(algorithmSpec(config)), QString(algo));
      QCOMPARE(app.model.sizes, (std::vector<int>{784, 24}));

      // 2. The training worker driven directly, with the app's settings.
      StopToken stop;
      TrainingWorker worker(stop);
      RunSetup setup;
      setup.train = std::make_shared<const Dataset>(data.splits->train);
      setup.datasetName = dir.path().toStdString();
      setup.config = config;
      setup.architecture = parseArchitecture(arch.toStdString(), false);
      worker.setup(setup, 1);
      for (int b = 0; b < 10; ++b) worker.stepBatch();  // 400 images, batch 40: one epoch
      const SnapshotPtr s = worker.makeSnapshot();
      QCOMPARE(s->epochsDone, 1);
      QVERIFY2(differences(s->model, app.model).isEmpty(), qPrintable(differences(s->model, app.model)));

      // 3. `vpf train` with the same settings.
      const QString cliFile = dir.filePath("cli.npz");
      QVERIFY2(run(QStringLiteral(VPF_CLI_PATH), {"--threads",      "1",
                                                  "train",          "--quiet",
                                                  "--dataset",      dir.path(),
                                                  "--model",        arch,
                                                  "--algo",         algo,
                                                  "--epochs",       "1",
                                                  "--batch",        QString::number(config.batchSize),
                                                  "--lr",           QString::number(config.learningRate, 'g', 17),
                                                  "--weight-decay", QString::number(config.weightDecay, 'g', 17),
                                                  "--seed",         QString::number(config.seed),
                                                  "--threshold",    QString::number(config.binarizeThreshold, 'g', 17),
                                                  "--out",          cliFile},
                   &log),
               qPrintable(log));
      const ModelFile cli = loadModel(cliFile.toStdString());
      QVERIFY2(differences(cli.model, app.model).isEmpty(), qPrintable(differences(cli.model, app.model)));

      // 4. `vpf repro`'s training of a model spec (its learning rate and batch are the paper's).
      QCOMPARE(config.batchSize, 40);
      QCOMPARE(config.learningRate, 1e-3);
      QCOMPARE(config.binarizeThreshold, 0.5);
      QTemporaryDir results;
      cli::ReproContext ctx(results.path().toStdString(), cli::ReproSettings::quick(), false);
      cli::ModelSpec spec;
      spec.key = "same";
      spec.dataset = dir.path().toStdString();
      spec.arch = arch.toStdString();
      spec.algo = algo;
      spec.epochs = 1;
      spec.seed = config.seed;
      spec.weightDecay = config.weightDecay;
      ctx.beginTask("same model", 1);
      const ModelFile repro = ctx.model(spec);
      QVERIFY2(differences(repro.model, app.model).isEmpty(), qPrintable(differences(repro.model, app.model)));
    }
  }
};

QTEST_MAIN(TestSameModel)
#include "test_same_model.moc"
