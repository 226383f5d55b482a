// The algorithm table (core/learning/algorithms.h) and the live-settings rule: every algorithm has
// one row that parsing, naming, validation and the trainer factory all read, and which settings
// apply to a running training is decided in one place.
#include <QtTest>

#include "core/learning/algorithms.h"
#include "core/learning/contrastive_divergence.h"
#include "core/learning/trainer.h"
#include "core/learning/vpf_trainer.h"
#include "core/protocols/paper_protocol.h"
#include "tests/support/expect_error.h"

using namespace vpf;

class TestAlgorithms : public QObject {
  Q_OBJECT
 private slots:
  void everyAlgorithmHasOneRow() {
    QCOMPARE(algorithms().size(), std::size_t(3));
    for (Algorithm id : {Algorithm::Vpf, Algorithm::Cd, Algorithm::Pcd}) {
      int rows = 0;
      for (const AlgorithmInfo& a : algorithms()) rows += a.id == id;
      QCOMPARE(rows, 1);
      const AlgorithmInfo& a = algorithmInfo(id);
      QCOMPARE(a.id, id);
      QVERIFY(a.makeTrainer != nullptr);
      QVERIFY(!a.objectiveName.empty() && !a.objectiveSymbol.empty() && !a.description.empty());
      QCOMPARE(findAlgorithm(a.key), &a);
    }
    QVERIFY(findAlgorithm("sgd") == nullptr);
    QCOMPARE(findAlgorithm("PCD")->id, Algorithm::Pcd);
  }

  void specsRoundTripThroughTheTable() {
    for (const AlgorithmInfo& a : algorithms()) {
      TrainingConfig c;
      c.algorithm = a.id;
      c.k = 7;
      const std::string spec = algorithmSpec(c);
      QCOMPARE(QString::fromStdString(spec), QString::fromStdString(a.takesK ? a.key + ":7" : a.key));
      TrainingConfig back;
      parseAlgorithm(spec, back);
      QCOMPARE(back.algorithm, a.id);
      if (a.takesK) QCOMPARE(back.k, 7);
      QCOMPARE(QString::fromStdString(algorithmName(c)), QString::fromStdString(a.takesK ? a.name + "-7" : a.name));
    }
    TrainingConfig c;
    QVERIFY(vpf::testing::errorOf([&] { parseAlgorithm("vpf:3", c); }).find("invalid algorithm") != std::string::npos);
  }

  void theFactoryMakesTheRowsTrainer() {
    const BoltzmannMachine proto = BoltzmannMachine::zeros({6, 4}, false);
    const Matrix data = Matrix::Ones(8, 6);
    for (const AlgorithmInfo& a : algorithms()) {
      BoltzmannMachine m = proto;
      TrainingConfig c;
      c.algorithm = a.id;
      c.batchSize = 4;
      const std::unique_ptr<Trainer> t = makeTrainer(m, data, c);
      const bool isVpf = dynamic_cast<VpfTrainer*>(t.get()) != nullptr;
      const bool isCd = dynamic_cast<ContrastiveDivergenceTrainer*>(t.get()) != nullptr;
      QCOMPARE(isVpf, a.id == Algorithm::Vpf);
      QCOMPARE(isCd, a.id != Algorithm::Vpf);
    }
  }

  void rbmOnlyRowsRefuseDeepMachines() {
    for (const AlgorithmInfo& a : algorithms()) {
      TrainingConfig c;
      c.algorithm = a.id;
      const std::string error = vpf::testing::errorOf([&] { c.validate({784, 196, 64}, 100); });
      QCOMPARE(error.find("trains RBMs only") != std::string::npos, a.rbmOnly);
    }
  }

  void tableOneTransitionsArePapers() {
    TrainingConfig c;
    QCOMPARE(protocol::reconstructionTransitions(c), 2);
    c.algorithm = Algorithm::Cd;
    QCOMPARE(protocol::reconstructionTransitions(c), 1000);
    c.algorithm = Algorithm::Pcd;
    QCOMPARE(protocol::reconstructionTransitions(c), 1000);
  }

  void liveSettingsApplyAndTheOthersNeedANewRun() {
    const TrainingConfig base;
    using Change = std::function<void(TrainingConfig&)>;
    const std::vector<std::pair<const char*, Change>> live{
        {"learningRate", [](TrainingConfig& c) { c.learningRate = 5e-3; }},
        {"weightDecay", [](TrainingConfig& c) { c.weightDecay = 0.01; }},
        {"beta1", [](TrainingConfig& c) { c.beta1 = 0.5; }},
        {"beta2", [](TrainingConfig& c) { c.beta2 = 0.9; }},
        {"epsilon", [](TrainingConfig& c) { c.epsilon = 1e-6; }},
        {"epochs", [](TrainingConfig& c) { c.epochs = 77; }},
    };
    for (const auto& [name, change] : live) {
      TrainingConfig requested = base;
      change(requested);
      QVERIFY2(!needsNewRun(base, requested), name);
      QVERIFY2(!sameLiveSettings(base, requested), name);
      const TrainingConfig next = withLiveSettings(base, requested);
      QVERIFY2(sameLiveSettings(next, requested), name);
    }
    const std::vector<std::pair<const char*, Change>> shaping{
        {"algorithm", [](TrainingConfig& c) { c.algorithm = Algorithm::Cd; }},
        {"batchSize", [](TrainingConfig& c) { c.batchSize = 20; }},
        {"optimizer", [](TrainingConfig& c) { c.optimizer = OptimizerKind::Sgd; }},
        {"seed", [](TrainingConfig& c) { c.seed = 1; }},
        {"binarizeThreshold", [](TrainingConfig& c) { c.binarizeThreshold = 0.3; }},
        {"meanFieldEStep", [](TrainingConfig& c) { c.meanFieldEStep = true; }},
    };
    for (const auto& [name, change] : shaping) {
      TrainingConfig requested = base;
      change(requested);
      QVERIFY2(needsNewRun(base, requested), name);
      // A shaping setting never leaks into a live change.
      const TrainingConfig next = withLiveSettings(base, requested);
      QVERIFY2(!needsNewRun(base, next), name);
    }
    // k shapes only the runs of algorithms that read it.
    TrainingConfig vpfK = base;
    vpfK.k = 5;
    QVERIFY(!needsNewRun(base, vpfK));
    TrainingConfig cd = base, cdK = base;
    cd.algorithm = cdK.algorithm = Algorithm::Cd;
    cdK.k = 5;
    QVERIFY(needsNewRun(cd, cdK));
    QVERIFY(QString::fromStdString(liveSettingNames()).contains("learning rate"));
    QVERIFY(QString::fromStdString(newRunSettingNames()).contains("batch size"));
  }
};

QTEST_GUILESS_MAIN(TestAlgorithms)
#include "test_algorithms.moc"
