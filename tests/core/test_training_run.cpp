// TrainingRun (core/run/training_run.h): the one place a training run is assembled. A fresh run is
// makeMachine with the derived initialisation seed plus the algorithm's trainer; a resumed run
// continues bit for bit; live settings applied at an epoch boundary equal a run resumed with them;
// the checkpoint's metadata and file round trip.
#include <QTemporaryDir>
#include <QtTest>

#include "core/common/rng.h"
#include "core/io/model_file.h"
#include "core/run/training_run.h"

using namespace vpf;

namespace {
Matrix binaryData(int n, int pixels, std::uint64_t seed) {
  Rng rng(seed);
  return rng.bernoulli(Matrix::Constant(n, pixels, 0.3f));
}

RunSpec smallSpec(const std::string& algo) {
  RunSpec spec;
  spec.datasetName = "synthetic";
  spec.architecture.hidden = {12};
  parseAlgorithm(algo, spec.config);
  spec.config.batchSize = 10;
  spec.config.epochs = 3;
  spec.config.seed = 11;
  return spec;
}

void requireEqual(const BoltzmannMachine& a, const BoltzmannMachine& b) {
  QCOMPARE(a.sizes, b.sizes);
  for (std::size_t l = 0; l < a.W.size(); ++l) QVERIFY(a.W[l] == b.W[l]);
  for (std::size_t l = 0; l < a.b.size(); ++l) QVERIFY(a.b[l] == b.b[l]);
}
}  // namespace

class TestTrainingRun : public QObject {
  Q_OBJECT
 private slots:
  void aFreshRunIsTheSpecsMachineAndTrainer() {
    const Matrix data = binaryData(40, 16, 1);
    for (const char* algo : {"vpf", "cd:2", "pcd:1"}) {
      const RunSpec spec = smallSpec(algo);
      TrainingRun run = TrainingRun::fresh(spec, data);
      // The same by hand: initial weights from the derived seed, the trainer from the table.
      Rng rng(initialisationSeed(spec.config.seed));
      BoltzmannMachine byHand = makeMachine(16, spec.architecture, spec.init, rng, &data);
      requireEqual(run.model(), byHand);
      auto trainer = makeTrainer(byHand, data, spec.config);
      trainer->run();
      run.run();
      QCOMPARE(run.epochsDone(), 3);
      requireEqual(run.model(), byHand);
    }
    QVERIFY(initialisationSeed(11) != 11);
  }

  void refusesBadSettingsBeforeAllocating() {
    const Matrix data = binaryData(40, 16, 1);
    RunSpec spec = smallSpec("cd:1");
    spec.architecture.hidden = {8, 4};  // CD trains RBMs only
    QVERIFY_THROWS_EXCEPTION(Error, TrainingRun::fresh(spec, data));
    spec = smallSpec("vpf");
    spec.config.learningRate = -1;
    QVERIFY_THROWS_EXCEPTION(Error, TrainingRun::fresh(spec, data));
    const BoltzmannMachine wrong = BoltzmannMachine::zeros({9, 3}, false);
    QVERIFY_THROWS_EXCEPTION(Error, TrainingRun::resume("x", wrong, TrainingConfig(), nullptr, data));
  }

  void resumingAtAnEpochContinuesBitForBit() {
    const Matrix data = binaryData(40, 16, 2);
    for (const char* algo : {"vpf", "pcd:2"}) {
      TrainingRun straight = TrainingRun::fresh(smallSpec(algo), data);
      straight.run();
      RunSpec spec = smallSpec(algo);
      spec.config.epochs = 1;
      TrainingRun first = TrainingRun::fresh(spec, data);
      first.run();
      const ModelFile cp = first.checkpoint();
      QVERIFY(cp.trainerState);
      TrainingConfig config = cp.meta.config;
      config.epochs = 3;
      TrainingRun resumed = TrainingRun::resume(cp.meta.dataset, cp.model, config, &*cp.trainerState, data);
      resumed.run();
      requireEqual(resumed.model(), straight.model());
      QCOMPARE(resumed.history().size(), std::size_t(3));
    }
  }

  void liveSettingsEqualAResumeWithThem() {
    const Matrix data = binaryData(40, 16, 3);
    RunSpec spec = smallSpec("vpf");
    spec.config.epochs = 1;
    TrainingRun live = TrainingRun::fresh(spec, data);
    live.run();
    TrainingConfig changed = live.config();
    changed.learningRate = 4e-3;
    changed.weightDecay = 0.05;
    changed.batchSize = 7;  // not live: must be ignored
    changed.epochs = 2;
    const ModelFile cp = live.checkpoint();
    live.applyLiveSettings(changed);
    QCOMPARE(live.config().learningRate, 4e-3);
    QCOMPARE(live.config().batchSize, 10);
    live.run();

    TrainingConfig resumedConfig = cp.meta.config;
    resumedConfig.learningRate = 4e-3;
    resumedConfig.weightDecay = 0.05;
    resumedConfig.epochs = 2;
    TrainingRun resumed = TrainingRun::resume("synthetic", cp.model, resumedConfig, &*cp.trainerState, data);
    resumed.run();
    requireEqual(live.model(), resumed.model());
  }

  void theCheckpointSavesAndLoads() {
    const Matrix data = binaryData(40, 16, 4);
    TrainingRun run = TrainingRun::fresh(smallSpec("cd:1"), data);
    run.step();
    QVERIFY(!run.checkpoint().trainerState);  // mid-epoch: parameters only
    while (!run.atEpochBoundary()) run.step();
    const ModelMeta meta = run.meta();
    QCOMPARE(QString::fromStdString(meta.dataset), QString("synthetic"));
    QCOMPARE(meta.epochsDone, 1);
    QCOMPARE(meta.history.size(), std::size_t(1));
    QCOMPARE(meta.config.algorithm, Algorithm::Cd);
    QTemporaryDir dir;
    const std::string path = dir.filePath("run.npz").toStdString();
    run.save(path);
    const ModelFile back = loadModel(path);
    requireEqual(back.model, run.model());
    QVERIFY(back.trainerState);
    QCOMPARE(back.meta.epochsDone, 1);
  }
};

QTEST_GUILESS_MAIN(TestTrainingRun)
#include "test_training_run.moc"
