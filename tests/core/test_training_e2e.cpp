// End to end on 2,000 real MNIST images: the VPF objective decreases, a trained RBM reconstructs
// better than an untrained one, and a checkpoint written to disk and resumed gives exactly the
// parameters of an uninterrupted run (VPF, DBM2 and PCD, whose chains are part of the state).
#include <QTemporaryDir>
#include <QtTest>

#include "core/data/corruption.h"
#include "core/data/dataset.h"
#include "core/io/model_file.h"
#include "core/learning/trainer.h"
#include "core/sampling/reconstruction.h"

using namespace vpf;

namespace {

Matrix mnistSubset(int n) {
  static const DataSplits splits = loadDataSplits("mnist");
  return binarize(splits.train.images.topRows(n), 0.5f);
}

BoltzmannMachine freshMachine(const std::string& arch, bool intra, int visible) {
  Rng rng(123);
  return makeMachine(visible, parseArchitecture(arch, intra), InitOptions{}, rng);
}

bool identical(const BoltzmannMachine& a, const BoltzmannMachine& b) {
  for (std::size_t l = 0; l < a.W.size(); ++l)
    if (a.W[l] != b.W[l]) return false;
  for (std::size_t l = 0; l < a.b.size(); ++l)
    if (a.b[l] != b.b[l]) return false;
  for (std::size_t l = 0; l < a.L.size(); ++l)
    if (a.L[l] != b.L[l]) return false;
  return true;
}

void checkResumeIsExact(const std::string& algo, const std::string& arch, bool intra) {
  const Matrix data = mnistSubset(400);
  TrainingConfig c;
  parseAlgorithm(algo, c);
  c.epochs = 3;
  c.seed = 77;
  BoltzmannMachine straight = freshMachine(arch, intra, 784);
  makeTrainer(straight, data, c)->run();

  QTemporaryDir dir;
  const std::string path = dir.filePath("ckpt.npz").toStdString();
  BoltzmannMachine first = freshMachine(arch, intra, 784);
  {
    TrainingConfig c1 = c;
    c1.epochs = 2;
    auto t = makeTrainer(first, data, c1);
    t->run();
    ModelMeta meta;
    meta.config = c;
    meta.epochsDone = t->epochsDone();
    const TrainerState s = t->state();
    saveModel(path, first, meta, &s);
  }
  ModelFile loaded = loadModel(path);
  QVERIFY(loaded.trainerState.has_value());
  auto resumed = makeTrainer(loaded.model, data, c);
  resumed->restore(*loaded.trainerState);
  QCOMPARE(resumed->epochsDone(), 2);
  resumed->run();
  QCOMPARE(resumed->epochsDone(), 3);
  QCOMPARE(int(resumed->history().size()), 3);
  QVERIFY2(identical(loaded.model, straight), (algo + " " + arch + ": resumed run differs").c_str());
}

}  // namespace

class TestTrainingE2e : public QObject {
  Q_OBJECT
 private slots:
  void vpfObjectiveDecreasesAndReconstructionImproves() {
    const Matrix data = mnistSubset(2000);
    BoltzmannMachine m = freshMachine("rbm:100", false, 784);
    const BoltzmannMachine untrained = m;
    TrainingConfig c;
    c.epochs = 15;
    auto t = makeTrainer(m, data, c);
    t->run();
    const auto& h = t->history();
    qInfo("VPF objective, epochs 1, 5, 10, 15: %.1f %.1f %.1f %.1f", h[0].objective, h[4].objective, h[9].objective,
          h[14].objective);
    QVERIFY(h.back().objective < 0.8 * h.front().objective);
    for (std::size_t e = 1; e < h.size(); ++e) QVERIFY(h[e].objective < h[e - 1].objective);

    const DataSplits splits = loadDataSplits("mnist");
    const Matrix test = binarize(splits.test.images.topRows(500), 0.5f);
    const RowVector mask = corruptionMask(CorruptionPattern::Top);
    const double trained = evaluateReconstruction(m, test, mask, 10, 1).mean;
    const double before = evaluateReconstruction(untrained, test, mask, 10, 1).mean;
    qInfo("Top reconstruction error: untrained %.1f, trained %.1f", before, trained);
    // Each mean over 500 images has a standard error of about 0.5: a 8-point gap is far outside noise.
    QVERIFY(trained < before - 8);
  }

  void sameSeedSameModel() {
    const Matrix data = mnistSubset(200);
    TrainingConfig c;
    c.epochs = 2;
    BoltzmannMachine a = freshMachine("dbm:20,10", true, 784), b = a;
    makeTrainer(a, data, c)->run();
    makeTrainer(b, data, c)->run();
    QVERIFY(identical(a, b));
    c.seed = 43;
    BoltzmannMachine d = freshMachine("dbm:20,10", true, 784);
    makeTrainer(d, data, c)->run();
    QVERIFY(!identical(a, d));
  }

  void resumeVpfRbmIsExact() { checkResumeIsExact("vpf", "rbm:50", false); }
  void resumeVpfDbm2IsExact() { checkResumeIsExact("vpf", "dbm:30,20", true); }
  void resumePcdIsExact() { checkResumeIsExact("pcd:2", "rbm:30", false); }
  void resumeCdIsExact() { checkResumeIsExact("cd:1", "rbm:30", false); }
};

QTEST_APPLESS_MAIN(TestTrainingE2e)
#include "test_training_e2e.moc"
