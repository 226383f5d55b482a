// Model/checkpoint .npz files: exact round trips (RBM, DBM1, DBM2, checkpoints), validation of
// corrupt files with meaningful messages, and atomic saving (a failed save keeps the old file).
#include <QTemporaryDir>
#include <QtTest>

#include <sys/resource.h>

#include <csignal>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/common/error.h"
#include "core/common/rng.h"
#include "tests/support/expect_error.h"
#include "core/io/csv_writer.h"
#include "core/io/model_file.h"
#include "core/io/npy.h"
#include "core/io/zip_archive.h"
#include "tests/support/test_models.h"

using namespace vpf;
using vpf::testing::errorOf;
using Members = std::vector<std::pair<std::string, std::string>>;

namespace {

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

ModelMeta sampleMeta() {
  ModelMeta meta;
  meta.dataset = "fashion, \"quoted\"";
  meta.config.algorithm = Algorithm::Pcd;
  meta.config.k = 10;
  meta.config.batchSize = 20;
  meta.config.learningRate = 0.1;
  meta.config.weightDecay = 0;
  meta.config.optimizer = OptimizerKind::Sgd;
  meta.config.beta1 = 0.8;
  meta.config.beta2 = 0.99;
  meta.config.epsilon = 1e-7;
  meta.config.epochs = 30;
  meta.config.seed = 18446744073709551557ull;  // needs all 64 bits
  meta.config.meanFieldEStep = true;
  meta.config.binarizeThreshold = 0.3;
  meta.epochsDone = 3;
  for (int e = 0; e < 3; ++e) {
    EpochStats s;
    s.epoch = e;
    s.objective = 1.0 / (e + 3);
    s.seconds = 0.1 * e + 1e-9;
    s.sparsity = {0.25 + e, 1.0 / 7};
    s.squaredWeight = {1e-5, 3.0};
    meta.history.push_back(s);
  }
  meta.history[1].objective = std::nan("");  // a diverged epoch: JSON null, read back as NaN
  meta.createdBy = "test_model_file";
  return meta;
}

void compareStats(const std::vector<EpochStats>& a, const std::vector<EpochStats>& b) {
  QCOMPARE(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    QCOMPARE(a[i].epoch, b[i].epoch);
    QVERIFY(a[i].objective == b[i].objective || (std::isnan(a[i].objective) && std::isnan(b[i].objective)));
    QCOMPARE(a[i].seconds, b[i].seconds);
    QVERIFY(a[i].sparsity == b[i].sparsity);
    QVERIFY(a[i].squaredWeight == b[i].squaredWeight);
  }
}

void compareModels(const BoltzmannMachine& a, const BoltzmannMachine& b) {
  QVERIFY(a.sizes == b.sizes);
  QCOMPARE(a.W.size(), b.W.size());
  for (std::size_t l = 0; l < a.W.size(); ++l) QVERIFY(a.W[l] == b.W[l]);
  QCOMPARE(a.b.size(), b.b.size());
  for (std::size_t l = 0; l < a.b.size(); ++l) QVERIFY(a.b[l] == b.b[l]);
  for (int l = 0; l < a.layerCount(); ++l) {
    QCOMPARE(a.hasIntra(l), b.hasIntra(l));
    if (a.hasIntra(l)) QVERIFY(a.L[l] == b.L[l]);
  }
  QCOMPARE(a.init.scheme, b.init.scheme);
  QCOMPARE(a.init.weightScale, b.init.weightScale);
  QCOMPARE(a.init.visibleBiasFromData, b.init.visibleBiasFromData);
}

void compareMeta(const ModelMeta& a, const ModelMeta& b) {
  QCOMPARE(a.formatVersion, b.formatVersion);
  QCOMPARE(a.dataset, b.dataset);
  QVERIFY(a.config.algorithm == b.config.algorithm);
  QCOMPARE(a.config.k, b.config.k);
  QCOMPARE(a.config.batchSize, b.config.batchSize);
  QCOMPARE(a.config.learningRate, b.config.learningRate);
  QCOMPARE(a.config.weightDecay, b.config.weightDecay);
  QVERIFY(a.config.optimizer == b.config.optimizer);
  QCOMPARE(a.config.beta1, b.config.beta1);
  QCOMPARE(a.config.beta2, b.config.beta2);
  QCOMPARE(a.config.epsilon, b.config.epsilon);
  QCOMPARE(a.config.epochs, b.config.epochs);
  QCOMPARE(a.config.seed, b.config.seed);
  QCOMPARE(a.config.meanFieldEStep, b.config.meanFieldEStep);
  QCOMPARE(a.config.binarizeThreshold, b.config.binarizeThreshold);
  QCOMPARE(a.epochsDone, b.epochsDone);
  compareStats(a.history, b.history);
  QCOMPARE(a.createdBy, b.createdBy);
}

std::vector<float> randomVector(std::size_t n, Rng& rng) {
  std::vector<float> v(n);
  for (auto& x : v) x = static_cast<float>(rng.normal());
  return v;
}

// A checkpoint state with Adam moments for every block, an advanced RNG and two chains.
TrainerState sampleState(const BoltzmannMachine& m, Rng& rng) {
  TrainerState s;
  s.epochsDone = 3;
  Rng advanced(99);
  for (int i = 0; i < 1234; ++i) advanced.uniform();
  s.rngState = advanced.state();
  s.optimizer.step = 123456789012LL;
  BoltzmannMachine copy = m;
  copy.forEachBlock([&](const std::string&, float*, Eigen::Index n, bool) {
    s.optimizer.firstMoment.push_back(randomVector(static_cast<std::size_t>(n), rng));
    auto v = randomVector(static_cast<std::size_t>(n), rng);
    for (auto& x : v) x = x * x;
    s.optimizer.secondMoment.push_back(v);
  });
  s.persistentChains.push_back(rng.bernoulli(Matrix::Constant(5, m.sizes[1], 0.5f)));
  s.persistentChains.push_back(Matrix::Random(2, 3));
  s.history = sampleMeta().history;
  s.history.pop_back();
  return s;
}

Members membersOf(const std::string& path) { return ZipReader(path).readAll(1u << 30); }

std::string& member(Members& members, const std::string& name) {
  for (auto& [n, c] : members)
    if (n == name) return c;
  throw std::runtime_error("no member " + name);
}

void removeMember(Members& members, const std::string& name) {
  std::erase_if(members, [&](const auto& m) { return m.first == name; });
}

void writeArchive(const std::string& path, const Members& members) { writeFile(path, buildZip(members)); }

nlohmann::json metaOf(const Members& members) {
  for (const auto& [n, c] : members)
    if (n == "meta.json") return nlohmann::json::parse(c);
  return {};
}

void setMeta(Members& members, const nlohmann::json& j) { member(members, "meta.json") = j.dump(); }

}  // namespace

class TestModelFile : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  std::string path(const char* name) const { return m_dir.filePath(name).toStdString(); }

  // Saves a DBM2 checkpoint and returns its path; corruption tests start from it.
  std::string savedCheckpoint(const char* name, BoltzmannMachine* out = nullptr) {
    Rng rng(5);
    BoltzmannMachine m = vpf::testing::randomMachine<float>({6, 4, 3}, true, rng);
    const TrainerState s = sampleState(m, rng);
    const std::string p = path(name);
    saveModel(p, m, sampleMeta(), &s);
    if (out) *out = m;
    return p;
  }

  // Rewrites the archive at `p` after `edit`, then checks loading fails mentioning all `needles`.
  template <typename Edit>
  void expectLoadError(const std::string& p, Edit&& edit, std::initializer_list<const char*> needles) {
    Members members = membersOf(p);
    edit(members);
    const std::string corrupt = p + ".corrupt.npz";
    writeArchive(corrupt, members);
    const std::string e = errorOf([&] { loadModel(corrupt); });
    QVERIFY2(e.rfind(corrupt + ": ", 0) == 0, e.c_str());  // names the file first
    for (const char* n : needles) QVERIFY2(e.find(n) != std::string::npos, (e + "  [expected: " + n + "]").c_str());
  }

 private slots:
  void initTestCase() { QVERIFY(m_dir.isValid()); }

  void roundTripsModels_data() {
    QTest::addColumn<QString>("arch");
    QTest::newRow("RBM") << "6-4";
    QTest::newRow("DBM1") << "7-5-3-2";
    QTest::newRow("DBM2") << "7-5-3-2+intra";
    QTest::newRow("RBM+intra") << "5-4+intra";
  }

  void roundTripsModels() {
    QFETCH(QString, arch);
    const bool intra = arch.endsWith("+intra");
    std::vector<int> sizes;
    for (const auto& s : arch.section('+', 0, 0).split('-')) sizes.push_back(s.toInt());
    Rng rng(17);
    BoltzmannMachine m = vpf::testing::randomMachine<float>(sizes, intra, rng);
    m.b[0](0) = -0.0f;
    m.W[0](0, 0) = 1e-42f;  // subnormals and signed zeros survive
    m.init.scheme = "zero";
    m.init.weightScale = 0.123;
    m.init.visibleBiasFromData = true;
    const ModelMeta meta = sampleMeta();
    const std::string p = path("model.npz");
    saveModel(p, m, meta);

    const ModelFile f = loadModel(p);
    compareModels(m, f.model);
    QCOMPARE(std::signbit(f.model.b[0](0)), true);
    compareMeta(meta, f.meta);
    QVERIFY(!f.trainerState.has_value());
    QCOMPARE(static_cast<int>(f.model.L.size()), f.model.layerCount());  // 0×0 where absent

    // The archive has exactly the documented members; biases are 1-D, weights 2-D, <f4.
    ZipReader zip(p);
    std::set<std::string> names(zip.names().begin(), zip.names().end());
    std::set<std::string> expected{"meta.json"};
    for (std::size_t l = 0; l + 1 < sizes.size(); ++l) expected.insert("W" + std::to_string(l) + ".npy");
    for (std::size_t l = 0; l < sizes.size(); ++l) expected.insert("b" + std::to_string(l) + ".npy");
    if (intra)
      for (std::size_t l = 1; l < sizes.size(); ++l) expected.insert("L" + std::to_string(l) + ".npy");
    QVERIFY(names == expected);
    const NpyArray b1 = decodeNpy(zip.read("b1.npy", 1 << 20), "b1");
    QVERIFY(b1.shape == std::vector<std::uint64_t>{static_cast<std::uint64_t>(sizes[1])});
    const NpyArray w0 = decodeNpy(zip.read("W0.npy", 1 << 20), "W0");
    QVERIFY((w0.shape == std::vector<std::uint64_t>{std::uint64_t(sizes[0]), std::uint64_t(sizes[1])}));
    QCOMPARE(w0.dtype, std::string("<f4"));

    // meta.json carries the documented fields.
    const auto j = nlohmann::json::parse(zip.read("meta.json", 1 << 20));
    QCOMPARE(j["formatVersion"].get<int>(), 1);
    QCOMPARE(j["kind"].get<std::string>(), machineKind(m));
    QVERIFY(j["sizes"].get<std::vector<int>>() == sizes);
    QCOMPARE(j["intra"].size(), sizes.size());
    QCOMPARE(j["config"]["algorithm"].get<std::string>(), std::string("pcd:10"));
    QCOMPARE(j["config"]["optimizer"].get<std::string>(), std::string("sgd"));
    QCOMPARE(j["config"]["seed"].get<std::uint64_t>(), meta.config.seed);
    QCOMPARE(j["history"].size(), std::size_t(3));
    QVERIFY(j["history"][1]["objective"].is_null());
    QCOMPARE(j["history"][2]["sparsity"][1].get<double>(), 1.0 / 7);
    QCOMPARE(j["checkpoint"].get<bool>(), false);
    QCOMPARE(j["init"]["scheme"].get<std::string>(), std::string("zero"));
    QCOMPARE(j["createdBy"].get<std::string>(), std::string("test_model_file"));
  }

  void kindNames() {
    Rng rng(1);
    QCOMPARE(machineKind(vpf::testing::randomMachine<float>({4, 3}, false, rng)), std::string("RBM"));
    QCOMPARE(machineKind(vpf::testing::randomMachine<float>({4, 3, 2}, false, rng)), std::string("DBM1"));
    QCOMPARE(machineKind(vpf::testing::randomMachine<float>({4, 3, 2}, true, rng)), std::string("DBM2"));
  }

  void algorithmSpecs() {
    Rng rng(2);
    const BoltzmannMachine m = vpf::testing::randomMachine<float>({4, 3}, false, rng);
    for (auto [algorithm, k, spec] : {std::tuple{Algorithm::Vpf, 1, "vpf"}, std::tuple{Algorithm::Cd, 1, "cd:1"},
                                      std::tuple{Algorithm::Pcd, 7, "pcd:7"}}) {
      ModelMeta meta;
      meta.config.algorithm = algorithm;
      meta.config.k = k;
      const std::string p = path("alg.npz");
      saveModel(p, m, meta);
      QCOMPARE(metaOf(membersOf(p))["config"]["algorithm"].get<std::string>(), std::string(spec));
      const ModelFile f = loadModel(p);
      QVERIFY(f.meta.config.algorithm == algorithm);
      QCOMPARE(f.meta.config.k, k);
      QVERIFY(f.meta.config.optimizer == OptimizerKind::Adam);
      QCOMPARE(f.meta.config.learningRate, 1e-3);
    }
  }

  void roundTripsCheckpoint() {
    Rng rng(23);
    for (bool intra : {false, true}) {
      BoltzmannMachine m = vpf::testing::randomMachine<float>({8, 5, 4}, intra, rng);
      const TrainerState s = sampleState(m, rng);
      const ModelMeta meta = sampleMeta();
      const std::string p = path("ckpt.npz");
      saveModel(p, m, meta, &s);

      const ModelFile f = loadModel(p);
      compareModels(m, f.model);
      compareMeta(meta, f.meta);
      QVERIFY(f.trainerState.has_value());
      const TrainerState& t = *f.trainerState;
      QCOMPARE(t.epochsDone, s.epochsDone);
      QCOMPARE(t.rngState, s.rngState);
      QCOMPARE(t.optimizer.step, s.optimizer.step);
      QVERIFY(t.optimizer.firstMoment == s.optimizer.firstMoment);
      QVERIFY(t.optimizer.secondMoment == s.optimizer.secondMoment);
      QCOMPARE(t.persistentChains.size(), s.persistentChains.size());
      for (std::size_t i = 0; i < s.persistentChains.size(); ++i) QVERIFY(t.persistentChains[i] == s.persistentChains[i]);
      compareStats(t.history, s.history);

      // The restored RNG continues the same sequence.
      Rng a(1), b(2);
      a.setState(s.rngState);
      b.setState(t.rngState);
      for (int i = 0; i < 10; ++i) QCOMPARE(a.uniform(), b.uniform());

      ZipReader zip(p);
      QVERIFY(zip.contains("adam_m_W0.npy") && zip.contains("adam_v_b2.npy") && zip.contains("pcd_chain1.npy"));
      QCOMPARE(zip.contains("adam_m_L1.npy"), intra);
      const auto j = nlohmann::json::parse(zip.read("meta.json", 1 << 20));
      QVERIFY(j["checkpoint"].get<bool>());
      QCOMPARE(j["trainerState"]["optimizerStep"].get<long long>(), s.optimizer.step);
      QCOMPARE(j["trainerState"]["rngState"].get<std::string>(), s.rngState);
    }
  }

  void checkpointWithoutMoments() {
    // SGD keeps no moments; a CD run has no persistent chains.
    Rng rng(3);
    const BoltzmannMachine m = vpf::testing::randomMachine<float>({4, 3}, false, rng);
    TrainerState s;
    s.epochsDone = 1;
    s.rngState = Rng(7).state();
    s.optimizer.step = 10;
    const std::string p = path("sgd.npz");
    saveModel(p, m, ModelMeta{}, &s);
    const ModelFile f = loadModel(p);
    QVERIFY(f.trainerState.has_value());
    QVERIFY(f.trainerState->optimizer.firstMoment.empty());
    QVERIFY(f.trainerState->persistentChains.empty());
    QCOMPARE(f.trainerState->optimizer.step, 10LL);
  }

  void checkpointResumesTrainingExactly() {
    // Train 2 epochs straight vs 1 epoch + checkpoint/load/restore + 1 epoch: bit-identical.
    Rng rng(11);
    Matrix data = rng.bernoulli(Matrix::Constant(60, 9, 0.4f));
    for (Algorithm algorithm : {Algorithm::Vpf, Algorithm::Pcd}) {
      TrainingConfig config;
      config.algorithm = algorithm;
      config.k = 2;
      config.batchSize = 10;
      config.epochs = 2;
      config.seed = 5;
      Rng initRng(8);
      const BoltzmannMachine start = vpf::testing::randomMachine<float>({9, 4}, false, initRng, 0.05);

      BoltzmannMachine straight = start;
      makeTrainer(straight, data, config)->run();

      BoltzmannMachine first = start;
      TrainingConfig oneEpoch = config;
      oneEpoch.epochs = 1;
      auto trainer = makeTrainer(first, data, oneEpoch);
      trainer->run();
      const TrainerState state = trainer->state();
      ModelMeta meta;
      meta.config = config;
      meta.epochsDone = trainer->epochsDone();
      meta.history = trainer->history();
      const std::string p = path("resume.npz");
      saveModel(p, first, meta, &state);

      ModelFile f = loadModel(p);
      auto resumed = makeTrainer(f.model, data, f.meta.config);
      resumed->restore(*f.trainerState);
      resumed->run();
      QCOMPARE(resumed->epochsDone(), 2);
      compareModels(straight, f.model);
    }
  }

  void refusesToSaveInvalidModels() {
    Rng rng(4);
    BoltzmannMachine m = vpf::testing::randomMachine<float>({4, 3, 2}, true, rng);
    const std::string p = path("invalid.npz");
    BoltzmannMachine nan = m;
    nan.W[1](1, 0) = std::nanf("");
    std::string e = errorOf([&] { saveModel(p, nan, ModelMeta{}); });
    QVERIFY2(e.find(p) != std::string::npos && e.find("W1") != std::string::npos && e.find("non-finite") != std::string::npos,
             e.c_str());
    BoltzmannMachine asym = m;
    asym.L[1](0, 2) += 1;
    e = errorOf([&] { saveModel(p, asym, ModelMeta{}); });
    QVERIFY2(e.find("not symmetric") != std::string::npos, e.c_str());
    BoltzmannMachine shape = m;
    shape.W[0] = Matrix::Zero(3, 3);
    e = errorOf([&] { saveModel(p, shape, ModelMeta{}); });
    QVERIFY2(e.find("W0") != std::string::npos && e.find("(4, 3)") != std::string::npos, e.c_str());
    TrainerState s;
    s.rngState = Rng().state();
    s.optimizer.firstMoment = {{1.0f}};
    s.optimizer.secondMoment = {{1.0f}};
    e = errorOf([&] { saveModel(p, m, ModelMeta{}, &s); });
    QVERIFY2(e.find("moment") != std::string::npos, e.c_str());
    QVERIFY(!QFileInfo::exists(QString::fromStdString(p)));
  }

  void rejectsNonModelFiles() {
    const std::string missing = path("does-not-exist.npz");
    std::string e = errorOf([&] { loadModel(missing); });
    QVERIFY2(e.find(missing) != std::string::npos && e.find("no such file") != std::string::npos, e.c_str());

    e = errorOf([&] { loadModel(m_dir.path().toStdString()); });
    QVERIFY2(e.find("not a regular file") != std::string::npos, e.c_str());

    const std::string empty = path("empty.npz");
    writeFile(empty, "");
    e = errorOf([&] { loadModel(empty); });
    QVERIFY2(e.find("empty") != std::string::npos, e.c_str());

    const std::string text = path("text.npz");
    writeFile(text, "W0,b0\n1,2\n");
    e = errorOf([&] { loadModel(text); });
    QVERIFY2(e.find(text) != std::string::npos && e.find("not a zip") != std::string::npos, e.c_str());

    const std::string npy = path("single.npz");  // a lone .npy is not a model archive
    const float x = 1;
    writeFile(npy, encodeNpy(&x, {1}));
    e = errorOf([&] { loadModel(npy); });
    QVERIFY2(e.find("not a zip") != std::string::npos, e.c_str());
  }

  void rejectsTruncatedFiles() {
    const std::string p = savedCheckpoint("trunc-src.npz");
    const std::string full = readFile(p);
    const std::string cut = path("trunc.npz");
    std::vector<std::size_t> lengths{1, 4, 22, 30, 100, full.size() / 3, full.size() / 2, full.size() - 100,
                                     full.size() - 23, full.size() - 22, full.size() - 1};
    for (std::size_t n = 0; n < full.size(); n += 97) lengths.push_back(n + 1);
    for (std::size_t n : lengths) {
      writeFile(cut, full.substr(0, n));
      const std::string e = errorOf([&] { loadModel(cut); });
      QVERIFY2(e.rfind(cut + ": ", 0) == 0, (std::to_string(n) + ": " + e).c_str());
    }
  }

  void rejectsFlippedBytes() {
    BoltzmannMachine m;
    const std::string p = savedCheckpoint("flip-src.npz", &m);
    const std::string full = readFile(p);
    const std::string flipped = path("flip.npz");
    int errors = 0, loaded = 0;
    for (std::size_t i = 0; i < full.size(); i += 7) {
      std::string s = full;
      s[i] = static_cast<char>(s[i] ^ 0x5A);
      writeFile(flipped, s);
      try {
        const ModelFile f = loadModel(flipped);
        // A flip the format does not depend on (e.g. a timestamp) must leave the content intact.
        compareModels(m, f.model);
        ++loaded;
      } catch (const Error& e) {
        QVERIFY2(std::string(e.what()).rfind(flipped + ": ", 0) == 0, e.what());
        ++errors;
      }
    }
    QVERIFY(errors > loaded);
    // A flip inside an array payload is caught by the zip CRC.
    const auto pos = full.find(std::string("\x93NUMPY", 6));
    QVERIFY(pos != std::string::npos);
    std::string s = full;
    s[pos + 130] = static_cast<char>(s[pos + 130] ^ 1);
    writeFile(flipped, s);
    const std::string e = errorOf([&] { loadModel(flipped); });
    QVERIFY2(e.find("CRC") != std::string::npos || e.find("corrupt") != std::string::npos ||
                 e.find("inconsistent") != std::string::npos,
             e.c_str());
  }

  void rejectsLyingZipDirectory() {
    // Claim a 4 GB uncompressed size for W0.npy in the central directory: no huge allocation.
    const std::string p = savedCheckpoint("lie-src.npz");
    std::string s = readFile(p);
    std::size_t at = 0;
    bool patched = false;
    while ((at = s.find(std::string("PK\x01\x02", 4), at)) != std::string::npos) {
      const std::uint16_t nameLen = static_cast<unsigned char>(s[at + 28]) | static_cast<unsigned char>(s[at + 29]) << 8;
      if (s.compare(at + 46, nameLen, "W0.npy") == 0) {
        for (int k = 0; k < 4; ++k) s[at + 24 + k] = '\xF0';  // uncompressed size
        patched = true;
      }
      at += 4;
    }
    QVERIFY(patched);
    const std::string lie = path("lie.npz");
    writeFile(lie, s);
    const std::string e = errorOf([&] { loadModel(lie); });
    QVERIFY2(e.rfind(lie + ": ", 0) == 0, e.c_str());
  }

  void rejectsMissingMembers() {
    const std::string p = savedCheckpoint("missing-src.npz");
    for (const char* name : {"W1.npy", "b0.npy", "L2.npy", "adam_m_W0.npy", "adam_v_L1.npy", "pcd_chain1.npy"})
      expectLoadError(p, [&](Members& m) { removeMember(m, name); }, {"missing member", name});
    expectLoadError(p, [](Members& m) { removeMember(m, "meta.json"); }, {"missing member meta.json"});
  }

  void rejectsBadMeta() {
    const std::string p = savedCheckpoint("meta-src.npz");
    expectLoadError(p, [](Members& m) { member(m, "meta.json") = "{\"formatVersion\": 1, "; }, {"meta.json", "not valid JSON"});
    expectLoadError(p, [](Members& m) { member(m, "meta.json") = "[1, 2]"; }, {"meta.json", "expected an object"});
    auto edit = [&](auto&& change, std::initializer_list<const char*> needles) {
      expectLoadError(p, [&](Members& m) {
        auto j = metaOf(m);
        change(j);
        setMeta(m, j);
      }, needles);
    };
    edit([](auto& j) { j["formatVersion"] = 2; }, {"unsupported formatVersion 2", "newer"});
    edit([](auto& j) { j["formatVersion"] = "1"; }, {"formatVersion", "expected an integer"});
    edit([](auto& j) { j.erase("formatVersion"); }, {"missing key 'formatVersion'"});
    edit([](auto& j) { j.erase("sizes"); }, {"missing key 'sizes'"});
    edit([](auto& j) { j["sizes"] = {6}; }, {"sizes", "2 to"});
    edit([](auto& j) { j["sizes"] = {6, 0, 3}; }, {"sizes", "out of range"});
    edit([](auto& j) { j["sizes"] = {6, 4, 3000000000LL}; }, {"sizes", "out of range"});
    edit([](auto& j) { j["intra"] = {false, true}; }, {"intra", "3 booleans"});
    edit([](auto& j) { j["kind"] = "RBM"; }, {"kind", "DBM2"});
    edit([](auto& j) { j["config"]["algorithm"] = "gibbs"; }, {"config.algorithm", "gibbs"});
    edit([](auto& j) { j["config"]["algorithm"] = "cd:3"; }, {"config.k", "disagrees"});
    edit([](auto& j) { j["config"]["optimizer"] = "rmsprop"; }, {"config.optimizer", "rmsprop"});
    edit([](auto& j) { j["config"]["batchSize"] = 0; }, {"config.batchSize", "out of range"});
    edit([](auto& j) { j["config"]["learningRate"] = "fast"; }, {"config.learningRate", "expected a number"});
    edit([](auto& j) { j["config"] = 5; }, {"config", "expected an object"});
    edit([](auto& j) { j["history"][0]["sparsity"] = "x"; }, {"history[0].sparsity"});
    edit([](auto& j) { j["history"][1].erase("epoch"); }, {"history[1].epoch"});
    edit([](auto& j) { j["epochsDone"] = -1; }, {"epochsDone", "out of range"});
    edit([](auto& j) { j["checkpoint"] = false; }, {"trainerState", "checkpoint"});
    edit([](auto& j) { j["trainerState"]["rngState"] = "not a state"; }, {"trainerState.rngState"});
    edit([](auto& j) { j["trainerState"].erase("optimizerStep"); }, {"trainerState.optimizerStep"});
    edit([](auto& j) { j["trainerState"]["optimizerBlocks"] = {"W0", "W1"}; },
         {"trainerState.optimizerBlocks", "inconsistent"});
    edit([](auto& j) { j["trainerState"]["pcdChains"] = 3; }, {"missing member pcd_chain2.npy"});
    edit([](auto& j) { j["trainerState"]["pcdChains"] = 1; }, {"unexpected member pcd_chain1.npy"});
  }

  void rejectsInconsistentCheckpointMembers() {
    const std::string p = savedCheckpoint("ckmembers-src.npz");
    // Optimizer members in a file that says it is not a checkpoint.
    expectLoadError(p, [](Members& m) {
      auto j = metaOf(m);
      j["checkpoint"] = false;
      j.erase("trainerState");
      setMeta(m, j);
    }, {"unexpected member", "not a checkpoint"});
    // An L member for a layer that meta.json says has none.
    expectLoadError(p, [](Members& m) {
      auto j = metaOf(m);
      j["intra"] = {false, false, true};
      j["trainerState"]["optimizerBlocks"] = {"W0", "W1", "b0", "b1", "b2", "L2"};
      setMeta(m, j);
      removeMember(m, "adam_m_L1.npy");
      removeMember(m, "adam_v_L1.npy");
    }, {"unexpected member L1.npy"});
    // A moment vector of the wrong length.
    expectLoadError(p, [](Members& m) {
      const float x[3] = {1, 2, 3};
      member(m, "adam_v_b1.npy") = encodeNpy(x, {3});
    }, {"adam_v_b1.npy", "(3,)", "(4,)"});
    // Non-model members are ignored.
    Members members = membersOf(p);
    members.emplace_back("README.txt", "notes");
    const std::string extra = path("extra.npz");
    writeArchive(extra, members);
    QVERIFY(loadModel(extra).trainerState.has_value());
  }

  void rejectsBadArrays() {
    const std::string p = savedCheckpoint("arrays-src.npz");
    expectLoadError(p, [](Members& m) {
      const std::vector<float> x(12, 0.5f);
      member(m, "W0.npy") = encodeNpy(x.data(), {4, 3});
    }, {"W0.npy", "(4, 3)", "(6, 4)"});
    expectLoadError(p, [](Members& m) {
      const std::vector<float> x(24, 0.5f);
      member(m, "W0.npy") = encodeNpy(x.data(), {24});
    }, {"W0.npy", "(24,)", "(6, 4)"});
    expectLoadError(p, [](Members& m) {
      const std::vector<float> x(4, 0.5f);
      member(m, "b1.npy") = encodeNpy(x.data(), {1, 4});  // biases are 1-D
    }, {"b1.npy", "(1, 4)", "(4,)"});
    expectLoadError(p, [](Members& m) {
      const std::vector<std::uint8_t> x(24, 1);
      member(m, "W0.npy") = encodeNpyU8(x.data(), {6, 4});
    }, {"W0.npy", "dtype", "'|u1'", "<f4"});
    expectLoadError(p, [](Members& m) {
      std::string& s = member(m, "W0.npy");
      s.resize(s.size() - 4);
    }, {"W0.npy", "truncated"});
    expectLoadError(p, [](Members& m) {
      std::string& s = member(m, "W1.npy");
      const auto at = s.find("False");
      s.replace(at, 5, "True ");
    }, {"W1.npy", "fortran_order"});
    expectLoadError(p, [](Members& m) {
      // A header claiming an absurd shape must not allocate it.
      std::string& s = member(m, "W0.npy");
      const auto at = s.find("(6, 4)");
      s.replace(at, 6, "(9999999999999, 4)");
    }, {"W0.npy"});
    expectLoadError(p, [](Members& m) { member(m, "b0.npy") = "garbage"; }, {"b0.npy", "bad magic"});
    expectLoadError(p, [](Members& m) {
      Matrix b = npyToMatrix(decodeNpy(member(m, "b1.npy"), "b1"), "b1");
      b(0, 2) = std::nanf("");
      member(m, "b1.npy") = encodeNpy(b.data(), {4});
    }, {"b1.npy", "non-finite", "[2]"});
    expectLoadError(p, [](Members& m) {
      Matrix w = npyToMatrix(decodeNpy(member(m, "W1.npy"), "W1"), "W1");
      w(3, 1) = INFINITY;
      member(m, "W1.npy") = encodeNpy(w.data(), {4, 3});
    }, {"W1.npy", "non-finite", "(3, 1)"});
    expectLoadError(p, [](Members& m) {
      Matrix l = npyToMatrix(decodeNpy(member(m, "L1.npy"), "L1"), "L1");
      l(0, 3) += 0.5f;
      member(m, "L1.npy") = encodeNpy(l.data(), {4, 4});
    }, {"L1.npy", "not symmetric", "(0, 3)"});
    expectLoadError(p, [](Members& m) {
      Matrix l = npyToMatrix(decodeNpy(member(m, "L2.npy"), "L2"), "L2");
      l(1, 1) = 0.25f;
      member(m, "L2.npy") = encodeNpy(l.data(), {3, 3});
    }, {"L2.npy", "diagonal"});
    expectLoadError(p, [](Members& m) {
      std::vector<float> v(4, 1.0f);
      v[1] = std::nanf("");
      member(m, "adam_m_b1.npy") = encodeNpy(v.data(), {4});
    }, {"adam_m_b1.npy", "non-finite"});
    expectLoadError(p, [](Members& m) {
      const float v[4] = {0, 1, 0, 1};
      member(m, "pcd_chain0.npy") = encodeNpy(v, {4});
    }, {"pcd_chain0.npy", "2-D"});
  }

  void failedSaveKeepsPreviousFile() {
    Rng rng(31);
    const BoltzmannMachine oldModel = vpf::testing::randomMachine<float>({50, 20}, false, rng);
    const BoltzmannMachine newModel = vpf::testing::randomMachine<float>({50, 20}, false, rng);
    QTemporaryDir dir;
    const std::string p = dir.filePath("keep.npz").toStdString();
    saveModel(p, oldModel, ModelMeta{});
    const std::string before = readFile(p);

    // 1. The write itself fails (file-size limit → EFBIG): works even when running as root.
    struct rlimit saved {};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &saved), 0);
    auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit small = saved;
    small.rlim_cur = 1000;
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
    const std::string e = errorOf([&] { saveModel(p, newModel, ModelMeta{}); });
    setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, oldHandler);
    QVERIFY2(e.find("cannot write " + p) != std::string::npos, e.c_str());
    QVERIFY(readFile(p) == before);
    compareModels(oldModel, loadModel(p).model);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"keep.npz"});  // temp removed

    // 2. A read-only directory (only meaningful when not root: root ignores permissions).
    if (geteuid() != 0) {
      QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::ExeOwner);
      const std::string e2 = errorOf([&] { saveModel(p, newModel, ModelMeta{}); });
      QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
      QVERIFY2(e2.find(p) != std::string::npos, e2.c_str());
      compareModels(oldModel, loadModel(p).model);
    }

    // 3. The target's directory does not exist.
    const std::string nowhere = dir.filePath("no/such/dir/m.npz").toStdString();
    const std::string e3 = errorOf([&] { saveModel(nowhere, newModel, ModelMeta{}); });
    QVERIFY2(e3.find(nowhere) != std::string::npos, e3.c_str());

    // 4. A successful save replaces the file.
    saveModel(p, newModel, ModelMeta{});
    compareModels(newModel, loadModel(p).model);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"keep.npz"});
  }
};

QTEST_APPLESS_MAIN(TestModelFile)
#include "test_model_file.moc"
