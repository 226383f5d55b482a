// Readers refuse what does not fit in memory before allocating it, naming the size (issue 17 §5):
// the budget (MemAvailable, capped by VPF_MEMORY_LIMIT), the message, and each reader of outside
// files — IDX images, a data set's float32 copy, Boltzmann model files, target-propagation files.
#include <QTemporaryDir>
#include <QTest>

#include "core/common/memory_budget.h"
#include "core/data/dataset.h"
#include "core/data/idx_reader.h"
#include "core/io/model_file.h"
#include "core/targetprop/tp_model_file.h"
#include "tests/support/expect_error.h"
#include "tests/support/idx_fixtures.h"
#include "tests/support/test_models.h"
#include "tests/support/tp_test_models.h"

using namespace vpf;
using vpf::testing::errorOf;

namespace {

// Sets VPF_MEMORY_LIMIT for one scope.
struct MemoryLimit {
  explicit MemoryLimit(const char* value) { qputenv("VPF_MEMORY_LIMIT", value); }
  ~MemoryLimit() { qunsetenv("VPF_MEMORY_LIMIT"); }
};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

class TestMemoryBudget : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;
  std::string path(const char* name) const { return m_dir.filePath(name).toStdString(); }

 private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    qunsetenv("VPF_MEMORY_LIMIT");
  }

  void bytesAreWrittenAsFileManagersShowThem() {
    QCOMPARE(formatBytes(0), std::string("0 bytes"));
    QCOMPARE(formatBytes(999), std::string("999 bytes"));
    QCOMPARE(formatBytes(1500), std::string("1.5 kB"));
    QCOMPARE(formatBytes(3'210'000), std::string("3.2 MB"));
    QCOMPARE(formatBytes(47'000'000'000ull), std::string("47 GB"));
  }

  void theEnvironmentCapsTheBudget() {
    const std::uint64_t machine = availableMemoryBytes();
    QVERIFY(machine > (16u << 20));  // a machine that runs the tests has more than 16 MiB free
    {
      const MemoryLimit limit("8M");
      QCOMPARE(availableMemoryBytes(), std::uint64_t(8) << 20);
    }
    {
      const MemoryLimit limit("123456");
      QCOMPARE(availableMemoryBytes(), std::uint64_t(123456));
    }
    {
      const MemoryLimit unreadable("lots");
      QVERIFY(availableMemoryBytes() > (16u << 20));
    }
  }

  void requireMemoryNamesWhatAndBothSizes() {
    const MemoryLimit limit("1M");
    requireMemory(1000, "a small thing");  // fits: no throw
    const std::string e = errorOf([] { requireMemory(5'000'000, "the big thing"); });
    QVERIFY2(contains(e, "the big thing needs 5.0 MB of memory, but only 1.0 MB is available"), e.c_str());
  }

  void idxImagesBeyondTheBudgetAreRefusedBeforeDecoding() {
    const std::string images = path("images.idx");
    testing::writeRaw(QString::fromStdString(images), testing::idxBytes({200, 28, 28}, testing::Bytes(200 * 784, 7)));
    QCOMPARE(loadIdxPair(images, "").images.rows(), Eigen::Index(200));
    {
      // The bytes fit (157 kB) but not their float32 copy (627 kB).
      const MemoryLimit limit("300K");
      const std::string e = errorOf([&] { loadIdxPair(images, ""); });
      QVERIFY2(contains(e, "as float32 (200 × 28 × 28) needs 627 kB of memory"), e.c_str());
    }
    {
      const MemoryLimit limit("100K");
      const std::string e = errorOf([&] { readIdx(images); });
      QVERIFY2(contains(e, "the IDX file") && contains(e, "(200 x 28 x 28) needs 157 kB of memory"), e.c_str());
    }
  }

  void boltzmannModelsBeyondTheBudgetAreRefusedNamingTheirSizes() {
    Rng rng(3);
    const BoltzmannMachine m = testing::randomMachine<float>({784, 300, 20}, true, rng, 0.1);
    const std::string file = path("dbm.npz");
    saveModel(file, m, modelMeta("mnist", TrainingConfig{}, 0, {}));
    QCOMPARE(loadModel(file).model.sizes, m.sizes);
    // Every weight and bias, as float32 and as its decoded .npy copy.
    std::uint64_t parameters = 0;
    for (const auto& w : m.W) parameters += std::uint64_t(w.size());
    for (const auto& b : m.b) parameters += std::uint64_t(b.size());
    for (const auto& l : m.L) parameters += std::uint64_t(l.size());
    const MemoryLimit limit("1M");
    const std::string e = errorOf([&] { loadModel(file); });
    QVERIFY2(contains(e, "the model 784-300-20 needs " + formatBytes(parameters * 8) +
                             " of memory, but only 1.0 MB is available"),
             e.c_str());
  }

  void targetPropModelsBeyondTheBudgetAreRefusedNamingTheirSizes() {
    const targetprop::TpArchitecture arch = testing::smallArchitecture(784, 400, 50);
    const targetprop::TpModel<float> m = testing::randomTpModel<float>(arch, 5, 0.1);
    targetprop::TpModelMeta meta;
    meta.config.architecture = arch;
    const std::string file = path("tp.npz");
    targetprop::saveTpModel(file, m, meta);
    QCOMPARE(targetprop::loadTpModel(file).model.W1.cols(), Eigen::Index(400));
    // The eight blocks and the prior's μ and v, as float32 and as decoded .npy copies.
    const std::uint64_t parameters = std::uint64_t(m.W1.size() + m.W2.size() + m.V1.size() + m.V2.size() + m.b1.size() +
                                                   m.b2.size() + m.c1.size() + m.c2.size() + 2 * arch.hidden2);
    const MemoryLimit limit("1M");
    const std::string e = errorOf([&] { targetprop::loadTpModel(file); });
    QVERIFY2(contains(e, "model 784-400-50 needs " + formatBytes(parameters * 8) + " of memory"), e.c_str());
  }
};

QTEST_APPLESS_MAIN(TestMemoryBudget)
#include "test_memory_budget.moc"
