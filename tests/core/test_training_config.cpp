// Hyper-parameter and architecture validation: absurd values are refused with a message naming
// the parameter, before anything large is allocated.
#include <QtTest>

#include "tests/support/expect_error.h"

#include "core/common/error.h"
#include "core/learning/trainer.h"
#include "core/model/boltzmann_machine.h"

using namespace vpf;

namespace {
QString refusal(const TrainingConfig& c, const std::vector<int>& sizes, std::size_t n = 100) {
  try {
    c.validate(sizes, n);
  } catch (const vpf::Error& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}
}  // namespace

class TestTrainingConfig : public QObject {
  Q_OBJECT
 private slots:
  void defaultsAreThePapers() {
    TrainingConfig c;
    QCOMPARE(c.batchSize, 40);
    QCOMPARE(c.learningRate, 1e-3);
    QCOMPARE(c.weightDecay, 1e-4);
    QCOMPARE(c.beta1, 0.9);
    QCOMPARE(c.beta2, 0.999);
    QVERIFY(refusal(c, {784, 196}).isEmpty());
  }
  void refusesAbsurdValues() {
    TrainingConfig c;
    c.batchSize = 0;
    QVERIFY(refusal(c, {784, 196}).contains("batch size"));
    c = {};
    c.learningRate = -0.1;
    QVERIFY(refusal(c, {784, 196}).contains("learning rate"));
    c.learningRate = std::nan("");
    QVERIFY(refusal(c, {784, 196}).contains("learning rate"));
    c = {};
    QVERIFY(refusal(c, {784, 0}).contains("at least one unit"));
    c.weightDecay = -1;
    QVERIFY(refusal(c, {784, 10}).contains("weight decay"));
    c = {};
    QVERIFY(refusal(c, {784, 10}, 0).contains("empty"));
    c.algorithm = Algorithm::Cd;
    QVERIFY(refusal(c, {784, 10, 10}).contains("RBMs only"));
  }
  void refusesModelsLargerThanMemory() {
    TrainingConfig c;
    // 784-1,000,000-1,000,000 would need terabytes: refused before any allocation.
    const QString why = refusal(c, {784, 1000000, 1000000}, 60000);
    QVERIFY2(why.contains("this model needs about") && why.contains(" TB of memory, but only ") &&
                 why.contains("use fewer or smaller layers"),
             qPrintable(why));
  }
  void parsesAlgorithmsAndArchitectures() {
    TrainingConfig c;
    parseAlgorithm("pcd:10", c);
    QCOMPARE(c.algorithm, Algorithm::Pcd);
    QCOMPARE(c.k, 10);
    QCOMPARE(QString::fromStdString(algorithmName(c)), QString("PCD-10"));
    QVERIFY(vpf::testing::errorOf([&] { parseAlgorithm("cd:0", c); }) != "<no error>");
    QVERIFY(vpf::testing::errorOf([&] { parseAlgorithm("cd:x", c); }) != "<no error>");
    QVERIFY(vpf::testing::errorOf([&] { parseAlgorithm("sgd", c); }) != "<no error>");
    const Architecture a = parseArchitecture("dbm:196,196,64", true);
    QCOMPARE(int(a.hidden.size()), 3);
    QCOMPARE(QString::fromStdString(a.describe(784)), QString("DBM2 784-196-196-64"));
    QVERIFY(vpf::testing::errorOf([&] { parseArchitecture("rbm:0", false); }) != "<no error>");
    QVERIFY(vpf::testing::errorOf([&] { parseArchitecture("rbm:10,10", false); }) != "<no error>");
    QVERIFY(vpf::testing::errorOf([&] { parseArchitecture("rbm:10", true); }) != "<no error>");
    QVERIFY(vpf::testing::errorOf([&] { parseArchitecture("mlp:10", false); }) != "<no error>");
    QVERIFY(vpf::testing::errorOf([&] { parseArchitecture("dbm:", false); }) != "<no error>");
    QVERIFY(vpf::testing::errorOf([&] { parseArchitecture("dbm:99999999999", false); }) != "<no error>");
  }
  void trainerRefusesMismatchedData() {
    Rng rng(1);
    BoltzmannMachine m = makeMachine(10, parseArchitecture("rbm:3", false), {}, rng);
    Matrix data = Matrix::Zero(20, 12);
    QVERIFY(vpf::testing::errorOf([&] { makeTrainer(m, data, TrainingConfig{}); }) != "<no error>");
  }
  void divergenceRestoresLastGoodParameters() {
    Rng rng(1);
    BoltzmannMachine m = makeMachine(10, parseArchitecture("rbm:3", false), {}, rng);
    Matrix data = rng.bernoulli(Matrix::Constant(40, 10, 0.5f));
    TrainingConfig c;
    c.batchSize = 10;
    auto trainer = makeTrainer(m, data, c);
    trainer->step();
    const BoltzmannMachine good = m;
    m.W[0](0, 0) = std::numeric_limits<float>::quiet_NaN();  // poison: next update is non-finite
    bool threw = false;
    try {
      trainer->step();
    } catch (const DivergenceError& e) {
      threw = true;
      QCOMPARE(e.epoch, 0);
      QCOMPARE(e.batch, 1);
      QVERIFY(QString(e.what()).contains("diverged"));
    }
    QVERIFY(threw);
    QVERIFY(std::isnan(m.W[0](0, 0)));  // restored to the state before the bad batch (the poisoned one)
    m.W[0](0, 0) = good.W[0](0, 0);
    QVERIFY(m.allFinite());
    QCOMPARE((m.W[0] - good.W[0]).cwiseAbs().maxCoeff(), 0.0f);
  }
};

QTEST_APPLESS_MAIN(TestTrainingConfig)
#include "test_training_config.moc"
