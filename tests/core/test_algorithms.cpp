// The algorithm table (core/learning/algorithms.h) and the live-settings rule: every algorithm has
// one row that parsing, naming, validation and the trainer factory all read, and which settings
// apply to a running training is decided in one place.
#include <QtTest>

#include "core/common/rng.h"
#include "core/learning/algorithms.h"
#include "core/learning/contrastive_divergence.h"
#include "core/learning/mpf_objective.h"
#include "core/learning/trainer.h"
#include "core/learning/vpf_layerwise_trainer.h"
#include "core/learning/vpf_trainer.h"
#include "core/protocols/paper_protocol.h"
#include "tests/support/expect_error.h"

using namespace vpf;

class TestAlgorithms : public QObject {
  Q_OBJECT
 private slots:
  void everyAlgorithmHasOneRow() {
    QCOMPARE(algorithms().size(), std::size_t(4));
    for (Algorithm id : {Algorithm::Vpf, Algorithm::VpfLayerwise, Algorithm::Cd, Algorithm::Pcd}) {
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
      const bool isLayerwise = dynamic_cast<VpfLayerwiseTrainer*>(t.get()) != nullptr;
      const bool isCd = dynamic_cast<ContrastiveDivergenceTrainer*>(t.get()) != nullptr;
      QCOMPARE(isVpf, a.id == Algorithm::Vpf || a.id == Algorithm::VpfLayerwise);
      QCOMPARE(isLayerwise, a.id == Algorithm::VpfLayerwise);
      QCOMPARE(isCd, !isVpf);
    }
  }

  // For an RBM there is one layer pair: the layer-wise objective is VPF's, step for step.
  void layerwiseVpfIsVpfForAnRbm() {
    Rng rng(4);
    const Matrix data = rng.bernoulli(Matrix::Constant(64, 12, 0.3f));
    std::vector<BoltzmannMachine> trained;
    for (Algorithm id : {Algorithm::Vpf, Algorithm::VpfLayerwise}) {
      Rng init(9);
      BoltzmannMachine m = makeMachine(12, parseArchitecture("rbm:5", false), InitOptions(), init);
      TrainingConfig c;
      c.algorithm = id;
      c.batchSize = 8;
      const std::unique_ptr<Trainer> t = makeTrainer(m, data, c);
      for (int i = 0; i < 20; ++i) t->step();
      trained.push_back(m);
    }
    QCOMPARE(trained[0].W[0], trained[1].W[0]);
    QCOMPARE(trained[0].b[1], trained[1].b[1]);
  }

  // For a DBM each weight matrix gets exactly its own pair's MPF gradient and each shared bias the
  // sum of its two pairs' (checked against the two-layer objectives written out separately).
  void layerwiseGradientIsTheSumOfThePairs() {
    Rng rng(5);
    BoltzmannMachine m = makeMachine(10, parseArchitecture("dbm:6,4", false), InitOptions(), rng);
    const Matrix data = rng.bernoulli(Matrix::Constant(16, 10, 0.3f));
    TrainingConfig c;
    c.algorithm = Algorithm::VpfLayerwise;
    c.batchSize = 16;
    struct Probe : VpfLayerwiseTrainer {
      using VpfLayerwiseTrainer::computeGradient;
      using VpfLayerwiseTrainer::prepareEpoch;
      using VpfLayerwiseTrainer::VpfLayerwiseTrainer;
    } trainer(m, data, c);
    trainer.prepareEpoch();
    std::vector<int> rows(16);
    for (int i = 0; i < 16; ++i) rows[std::size_t(i)] = i;
    BoltzmannMachine g = BoltzmannMachine::zeros(m.sizes, false);
    const double k = trainer.computeGradient(rows, g);
    const std::vector<Matrix> y{data, trainer.hiddenStates()[0], trainer.hiddenStates()[1]};
    BoltzmannMachine lower = BoltzmannMachine::zeros({10, 6}, false), upper = BoltzmannMachine::zeros({6, 4}, false);
    BoltzmannMachine gl = lower, gu = upper;
    lower.W = {m.W[0]}, lower.b = {m.b[0], m.b[1]};
    upper.W = {m.W[1]}, upper.b = {m.b[1], m.b[2]};
    const double kl = mpfObjective(lower, std::vector<Matrix>{y[0], y[1]}, &gl);
    const double ku = mpfObjective(upper, std::vector<Matrix>{y[1], y[2]}, &gu);
    QVERIFY(std::abs(k - (kl + ku)) < 1e-5 * k);
    QVERIFY((g.W[0] - gl.W[0]).cwiseAbs().maxCoeff() < 1e-6f);
    QVERIFY((g.W[1] - gu.W[0]).cwiseAbs().maxCoeff() < 1e-6f);
    QVERIFY((g.b[1] - gl.b[1] - gu.b[0]).cwiseAbs().maxCoeff() < 1e-6f);
    QVERIFY((g.b[2] - gu.b[1]).cwiseAbs().maxCoeff() < 1e-6f);
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
