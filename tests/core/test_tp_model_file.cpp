// Target-propagation model files (spec C1 test 9): models and checkpoints round-trip bit for bit
// (settings, history, prior, optimizer moments, RNG state), truncated or inconsistent archives are
// refused naming the file and the problem, and each loader refuses the other family naming its kind.
#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/io/model_file.h"
#include "core/io/model_kind.h"
#include "core/io/npy.h"
#include "core/io/zip_archive.h"
#include "core/learning/block_optimizer.h"
#include "core/targetprop/tp_model_file.h"
#include "tests/support/expect_error.h"
#include "tests/support/test_models.h"
#include "tests/support/tp_test_models.h"

using namespace vpf;
using namespace vpf::targetprop;
using vpf::testing::errorOf;

namespace {

using Members = std::vector<std::pair<std::string, std::string>>;

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void writeFile(const std::string& path, const std::string& contents) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << contents;
}

TpModel<float> sampleModel(bool prior) {
  TpArchitecture arch = vpf::testing::smallArchitecture(6, 5, 3);
  arch.g2 = Activation::Identity;
  TpModel<float> m = vpf::testing::randomTpModel<float>(arch, 31);
  if (prior) {
    m.priorMean = RowVector::Constant(3, 0.25f);
    m.priorVar = RowVector::LinSpaced(3, 0.01f, 0.03f);
  }
  return m;
}

TpModelMeta sampleMeta(const TpModel<float>& m) {
  TpModelMeta meta;
  meta.dataset = "mnist";
  meta.config.architecture = m.arch;
  meta.config.epochs = 7;
  meta.config.batchSize = 50;
  meta.config.optimizer.learningRate = 3e-5;
  meta.config.inference = {12, 0.2, 0.01, InferenceMode::Gradient};
  meta.config.corruption = {0.4, 0.2, 0.6, 5};
  meta.config.shuffle = false;
  meta.config.binarised = true;
  meta.config.seed = 18446744073709551557ull;  // needs all 64 bits
  meta.epochsDone = 2;
  meta.history = {{0, {0.5, 0.4, 0.3, 0.2, 30}, 1.5}, {1, {0.45, 0.35, 0.25, 0.15, 25}, 1.25}};
  meta.priorScale = kCodePriorScale;
  meta.createdBy = "test_tp_model_file";
  return meta;
}

TpTrainerState sampleState(const TpModel<float>& m, bool rms) {
  TpTrainerState s;
  s.epochsDone = 2;
  Rng rng(77);
  rng.uniform();
  s.rngState = rng.state();
  s.optimizer.step = 40;
  TpModel<float> copy = m;
  copy.forEachBlock([&](const char*, float*, Eigen::Index size) {
    std::vector<float> v(static_cast<std::size_t>(size));
    for (auto& x : v) x = rng.uniform();
    s.optimizer.firstMoment.push_back(v);
    s.optimizer.secondMoment.push_back(std::vector<float>(v.rbegin(), v.rend()));
    if (rms) s.optimizer.momentum.push_back(std::vector<float>(v.size(), -0.5f));
  });
  s.history = sampleMeta(m).history;
  return s;
}

void compareModels(const TpModel<float>& a, const TpModel<float>& b) {
  QVERIFY(a.arch == b.arch);
  QVERIFY(a.W1 == b.W1 && a.W2 == b.W2 && a.V1 == b.V1 && a.V2 == b.V2);
  QVERIFY(a.b1 == b.b1 && a.b2 == b.b2 && a.c1 == b.c1 && a.c2 == b.c2);
  QVERIFY(a.priorMean == b.priorMean && a.priorVar == b.priorVar);
}

void compareHistory(const std::vector<TpEpochStats>& a, const std::vector<TpEpochStats>& b) {
  QCOMPARE(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    QCOMPARE(a[i].epoch, b[i].epoch);
    QCOMPARE(a[i].seconds, b[i].seconds);
    QCOMPARE(a[i].losses.g1, b[i].losses.g1);
    QCOMPARE(a[i].losses.f2, b[i].losses.f2);
    QCOMPARE(a[i].losses.reconstruction, b[i].losses.reconstruction);
  }
}

}  // namespace

class TestTpModelFile : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  std::string path(const char* name) const { return m_dir.filePath(name).toStdString(); }

  std::string savedCheckpoint(const char* name) {
    const TpModel<float> m = sampleModel(true);
    TpModelMeta meta = sampleMeta(m);
    meta.config.optimizer = referenceRmsprop();
    const TpTrainerState s = sampleState(m, true);
    const std::string p = path(name);
    saveTpModel(p, m, meta, &s);
    return p;
  }

  template <typename Edit>
  void expectLoadError(const std::string& p, Edit&& edit, const char* needle) {
    Members members = ZipReader(p).readAll(1 << 24);
    edit(members);
    const std::string corrupt = p + ".corrupt.npz";
    writeFile(corrupt, buildZip(members));
    const std::string e = errorOf([&] { loadTpModel(corrupt); });
    QVERIFY2(e.rfind(corrupt + ": ", 0) == 0, e.c_str());
    QVERIFY2(e.find(needle) != std::string::npos, (e + "  [expected: " + needle + "]").c_str());
  }

  static std::string& member(Members& members, const std::string& name) {
    for (auto& [n, c] : members)
      if (n == name) return c;
    throw std::runtime_error("no member " + name);
  }
  static void editMeta(Members& members, const std::function<void(nlohmann::json&)>& f) {
    nlohmann::json j = nlohmann::json::parse(member(members, "meta.json"));
    f(j);
    member(members, "meta.json") = j.dump();
  }

 private slots:
  void initTestCase() { QVERIFY(m_dir.isValid()); }

  void roundTripsModels() {
    for (bool prior : {false, true}) {
      const TpModel<float> m = sampleModel(prior);
      const TpModelMeta meta = sampleMeta(m);
      const std::string p = path("model.npz");
      saveTpModel(p, m, meta);
      QCOMPARE(modelFileKind(p), std::string(kTargetPropKind));
      const TpModelFile f = loadTpModel(p);
      compareModels(f.model, m);
      QVERIFY(!f.trainerState);
      const TpConfig& c = f.meta.config;
      QCOMPARE(c.epochs, 7);
      QCOMPARE(c.batchSize, 50);
      QCOMPARE(c.optimizer.rule, UpdateRule::CentredRmsprop);
      QCOMPARE(c.optimizer.learningRate, 3e-5);
      QVERIFY(c.inference == meta.config.inference);
      QVERIFY(c.corruption == meta.config.corruption);
      QCOMPARE(c.shuffle, false);
      QCOMPARE(c.binarised, true);
      QCOMPARE(c.seed, 18446744073709551557ull);
      QCOMPARE(f.meta.epochsDone, 2);
      QCOMPARE(f.meta.priorScale, kCodePriorScale);
      QCOMPARE(f.meta.dataset, std::string("mnist"));
      compareHistory(f.meta.history, meta.history);
    }
  }

  void roundTripsCheckpoints() {
    for (UpdateRule rule : {UpdateRule::CentredRmsprop, UpdateRule::Adam, UpdateRule::Sgd}) {
      const TpModel<float> m = sampleModel(false);
      TpModelMeta meta = sampleMeta(m);
      meta.config.optimizer.rule = rule;
      TpTrainerState s = sampleState(m, rule == UpdateRule::CentredRmsprop);
      if (rule == UpdateRule::Sgd) s.optimizer = {40, {}, {}, {}};
      const std::string p = path("ckpt.npz");
      saveTpModel(p, m, meta, &s);
      const TpModelFile f = loadTpModel(p);
      QVERIFY(f.trainerState);
      const TpTrainerState& t = *f.trainerState;
      QCOMPARE(t.epochsDone, 2);
      QCOMPARE(t.rngState, s.rngState);
      QCOMPARE(t.optimizer.step, 40LL);
      QVERIFY(t.optimizer.firstMoment == s.optimizer.firstMoment);
      QVERIFY(t.optimizer.secondMoment == s.optimizer.secondMoment);
      QVERIFY(t.optimizer.momentum == s.optimizer.momentum);
      compareHistory(t.history, s.history);
    }
  }

  void rejectsTruncatedFiles() {
    const std::string p = savedCheckpoint("trunc-src.npz");
    const std::string full = readFile(p);
    const std::string cut = path("trunc.npz");
    for (std::size_t n :
         {std::size_t(1), std::size_t(30), full.size() / 3, full.size() / 2, full.size() - 23, full.size() - 1}) {
      writeFile(cut, full.substr(0, n));
      const std::string e = errorOf([&] { loadTpModel(cut); });
      QVERIFY2(e.rfind(cut + ": ", 0) == 0, (std::to_string(n) + ": " + e).c_str());
    }
  }

  void rejectsMismatchedFiles() {
    const std::string p = savedCheckpoint("bad-src.npz");
    expectLoadError(
        p, [](Members& m) { editMeta(m, [](nlohmann::json& j) {
                              j["sizes"] = {6, 4, 3};
                            }); },
        "member W1.npy has shape (6, 5) but meta.json sizes need (6, 4)");
    expectLoadError(
        p, [](Members& m) { std::erase_if(m, [](const auto& x) { return x.first == "V2.npy"; }); },
        "missing member V2.npy");
    expectLoadError(
        p, [](Members& m) { editMeta(m, [](nlohmann::json& j) { j["activations"]["g1"] = "tanh"; }); },
        "activations.g1: unknown activation \"tanh\"");
    expectLoadError(
        p, [](Members& m) { editMeta(m, [](nlohmann::json& j) { j["prior"] = false; }); },
        "unexpected member prior_mean.npy");
    expectLoadError(
        p, [](Members& m) { editMeta(m, [](nlohmann::json& j) { j["config"]["optimizer"]["rule"] = "adam"; }); },
        "unexpected member momentum_W1.npy");
    expectLoadError(
        p, [](Members& m) { editMeta(m, [](nlohmann::json& j) { j["formatVersion"] = 2; }); },
        "unsupported formatVersion 2");
    expectLoadError(
        p, [](Members& m) { editMeta(m, [](nlohmann::json& j) { j["trainerState"]["rngState"] = "x"; }); },
        "not a valid random-generator state");
    expectLoadError(
        p,
        [](Members& m) {
          const RowVector v = RowVector::Constant(3, -1.0f);
          member(m, "prior_var.npy") = encodeNpy(v.data(), {3});
        },
        "prior_var has a negative variance");
    expectLoadError(
        p,
        [](Members& m) {
          RowVector v = RowVector::Zero(5);
          v(2) = std::nanf("");
          member(m, "b1.npy") = encodeNpy(v.data(), {5});
        },
        "member b1.npy contains a non-finite value at index 2");
  }

  // A tp file is refused by the Boltzmann loader naming its kind, and a Boltzmann file by the tp
  // loader; both kinds are readable through modelFileKind, so front ends can dispatch.
  void eachLoaderRefusesTheOtherKind() {
    const std::string tp = savedCheckpoint("tp.npz");
    const std::string e = errorOf([&] { loadModel(tp); });
    QVERIFY2(e.rfind(tp + ": is a bengio2015-tp model", 0) == 0, e.c_str());

    Rng rng(3);
    const BoltzmannMachine rbm = vpf::testing::randomMachine<float>({6, 4}, false, rng);
    const std::string boltzmann = path("rbm.npz");
    saveModel(boltzmann, rbm, ModelMeta{});
    QCOMPARE(modelFileKind(boltzmann), std::string("RBM"));
    const std::string f = errorOf([&] { loadTpModel(boltzmann); });
    QVERIFY2(f.find("is a Boltzmann machine model (kind \"RBM\"), not a bengio2015-tp") != std::string::npos,
             f.c_str());
    QVERIFY(loadModel(boltzmann).model.W[0] == rbm.W[0]);
  }

  void refusesToSaveInvalidModels() {
    TpModel<float> m = sampleModel(false);
    TpModelMeta meta = sampleMeta(m);
    m.V1(0, 0) = std::numeric_limits<float>::infinity();
    QVERIFY(errorOf([&] { saveTpModel(path("bad.npz"), m, meta); }).find("V1 contains a non-finite") !=
            std::string::npos);
    m = sampleModel(false);
    meta.config.architecture.hidden2 = 4;
    QVERIFY(errorOf([&] { saveTpModel(path("bad.npz"), m, meta); }).find("differ") != std::string::npos);
    QVERIFY(!QFile::exists(QString::fromStdString(path("bad.npz"))));
  }
};

QTEST_APPLESS_MAIN(TestTpModelFile)
#include "test_tp_model_file.moc"
