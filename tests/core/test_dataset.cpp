// Dataset loading (image/label pairs, the four-file splits, real MNIST + Fashion-MNIST),
// binarisation, slicing and the corruption masks of the reconstruction experiment.
#include <zlib.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "core/common/error.h"
#include "core/data/corruption.h"
#include "core/data/dataset.h"
#include "tests/support/idx_fixtures.h"

using vpf::testing::Bytes;
using vpf::testing::idxBytes;
using vpf::testing::writeGz;
using vpf::testing::writeRaw;

namespace {

Bytes ramp(std::size_t n, int offset) {
  Bytes out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>((i * 37 + offset) % 256);
  return out;
}

// fn must throw vpf::Error whose message contains every needle.
void expectError(const std::function<void()>& fn, const QStringList& needles) {
  QString message;
  try {
    fn();
  } catch (const vpf::Error& e) {
    message = QString::fromStdString(e.what());
  }
  QVERIFY2(!message.isEmpty(), "expected vpf::Error");
  for (const QString& needle : needles)
    QVERIFY2(message.contains(needle, Qt::CaseInsensitive), qPrintable("message lacks '" + needle + "': " + message));
}

// Writes {prefix}{train,t10k}-{images,labels} with n×rows×cols images; `gz` picks which are gzipped.
void writeSplit(const QString& prefix, int nTrain, int nTest, int rows, int cols, const std::vector<bool>& gz) {
  const QStringList names = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                             "t10k-labels-idx1-ubyte"};
  const std::vector<Bytes> contents = {
      idxBytes({std::uint32_t(nTrain), std::uint32_t(rows), std::uint32_t(cols)}, ramp(nTrain * rows * cols, 1)),
      idxBytes({std::uint32_t(nTrain)}, ramp(nTrain, 2)),
      idxBytes({std::uint32_t(nTest), std::uint32_t(rows), std::uint32_t(cols)}, ramp(nTest * rows * cols, 3)),
      idxBytes({std::uint32_t(nTest)}, ramp(nTest, 4))};
  for (int i = 0; i < 4; ++i) {
    if (gz[i])
      writeGz(prefix + names[i] + ".gz", contents[i]);
    else
      writeRaw(prefix + names[i], contents[i]);
  }
}

QString realDataDirectory() {
  const QByteArray env = qgetenv("VPF_DATA_DIR");
  return env.isEmpty() ? QStringLiteral(VPF_SOURCE_DIR "/data") : QString::fromLocal8Bit(env);
}

int countOnes(const vpf::RowVector& mask) { return static_cast<int>(mask.sum()); }

}  // namespace

class TestDataset : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  QString path(const QString& name) const { return m_dir.filePath(name); }

 private slots:
  void initTestCase() { QVERIFY(m_dir.isValid()); }

  void loadPairScalesAndKeepsLabels() {
    const Bytes pixels = ramp(5 * 3 * 4, 0);
    writeRaw(path("imgs"), idxBytes({5, 3, 4}, pixels));
    const Bytes labels = {3, 1, 4, 1, 5};
    writeGz(path("labels.gz"), idxBytes({5}, labels));
    const vpf::Dataset d = vpf::loadIdxPair(path("imgs").toStdString(), path("labels.gz").toStdString());
    QCOMPARE(d.size(), 5);
    QCOMPARE(d.rows, 3);
    QCOMPARE(d.cols, 4);
    QCOMPARE(d.pixels(), 12);
    QCOMPARE(d.images.rows(), Eigen::Index(5));
    QCOMPARE(d.images.cols(), Eigen::Index(12));
    QCOMPARE(d.name, std::string("imgs"));
    QVERIFY(d.labels == labels);
    for (int i = 0; i < 5; ++i)
      for (int j = 0; j < 12; ++j) QCOMPARE(d.images(i, j), static_cast<float>(pixels[i * 12 + j]) / 255.0f);

    const vpf::Dataset noLabels = vpf::loadIdxPair(path("imgs").toStdString(), "");
    QVERIFY(noLabels.labels.empty());
    QCOMPARE(noLabels.size(), 5);
  }

  void extremesMapToZeroAndOne() {
    writeRaw(path("extremes"), idxBytes({1, 1, 3}, {0, 255, 128}));
    const vpf::Dataset d = vpf::loadIdxPair(path("extremes").toStdString(), "");
    QCOMPARE(d.images(0, 0), 0.0f);
    QCOMPARE(d.images(0, 1), 1.0f);
    QCOMPARE(d.images(0, 2), 128.0f / 255.0f);
  }

  void countMismatchNamesBothFiles() {
    writeRaw(path("imgs7"), idxBytes({7, 2, 2}, ramp(28, 0)));
    writeRaw(path("labels6"), idxBytes({6}, ramp(6, 0)));
    expectError([&] { vpf::loadIdxPair(path("imgs7").toStdString(), path("labels6").toStdString()); },
                {"mismatch", "imgs7", "labels6", "7", "6"});
  }

  void wrongRanksRejected() {
    writeRaw(path("flat-images"), idxBytes({12}, ramp(12, 0)));
    expectError([&] { vpf::loadIdxPair(path("flat-images").toStdString(), ""); }, {"flat-images", "3 dimensions"});
    writeRaw(path("imgs2"), idxBytes({2, 2, 2}, ramp(8, 0)));
    writeRaw(path("labels2d"), idxBytes({2, 1}, ramp(2, 0)));
    expectError([&] { vpf::loadIdxPair(path("imgs2").toStdString(), path("labels2d").toStdString()); },
                {"labels2d", "1 dimension"});
    // Reader errors propagate with the file name.
    expectError([&] { vpf::loadIdxPair(path("imgs2").toStdString(), path("no-such-labels").toStdString()); },
                {"no-such-labels", "does not exist"});
  }

  void splitsFromDirectoryMixedRawAndGzip() {
    QVERIFY(QDir(m_dir.path()).mkpath("split"));
    writeSplit(path("split/"), 6, 4, 3, 5, {true, false, false, true});
    for (const QString& source : {path("split"), path("split/")}) {
      const vpf::DataSplits s = vpf::loadDataSplits(source.toStdString());
      QCOMPARE(s.train.size(), 6);
      QCOMPARE(s.test.size(), 4);
      QCOMPARE(s.train.rows, 3);
      QCOMPARE(s.train.cols, 5);
      QCOMPARE(s.test.pixels(), 15);
      QVERIFY(s.train.labels == ramp(6, 2));
      QVERIFY(s.test.labels == ramp(4, 4));
      QCOMPARE(s.train.images(0, 0), 1.0f / 255.0f);
      QCOMPARE(s.test.images(0, 0), 3.0f / 255.0f);
      QCOMPARE(s.name, source.toStdString());
    }
  }

  void splitsFromPrefix() {
    writeSplit(path("my-"), 2, 3, 2, 2, {false, true, true, false});
    const vpf::DataSplits s = vpf::loadDataSplits(path("my-").toStdString());
    QCOMPARE(s.train.size(), 2);
    QCOMPARE(s.test.size(), 3);
  }

  void splitsByNameUseDataDirectory() {
    QVERIFY(QDir(m_dir.path()).mkpath("datadir/mnist"));
    QVERIFY(QDir(m_dir.path()).mkpath("datadir/fashion"));
    writeSplit(path("datadir/mnist/"), 3, 2, 2, 2, {false, false, false, false});
    writeSplit(path("datadir/fashion/"), 4, 1, 2, 2, {true, true, true, true});
    const QByteArray saved = qgetenv("VPF_DATA_DIR");
    const bool hadSaved = qEnvironmentVariableIsSet("VPF_DATA_DIR");
    qputenv("VPF_DATA_DIR", path("datadir").toLocal8Bit());
    QCOMPARE(QString::fromStdString(vpf::dataDirectory()), path("datadir"));
    const vpf::DataSplits mnist = vpf::loadDataSplits("mnist");
    const vpf::DataSplits fashion = vpf::loadDataSplits("Fashion");
    if (hadSaved)
      qputenv("VPF_DATA_DIR", saved);
    else
      qunsetenv("VPF_DATA_DIR");
    QCOMPARE(mnist.name, std::string("mnist"));
    QCOMPARE(mnist.train.name, std::string("mnist-train"));
    QCOMPARE(mnist.test.name, std::string("mnist-test"));
    QCOMPARE(mnist.train.size(), 3);
    QCOMPARE(fashion.name, std::string("fashion"));
    QCOMPARE(fashion.train.size(), 4);
    QCOMPARE(fashion.test.size(), 1);
  }

  void missingDirectoryExplainsWhereItLooked() {
    const QString missing = path("no-such-data-dir");
    expectError([&] { vpf::loadDataSplits(missing.toStdString()); },
                {"no-such-data-dir", "train-images-idx3-ubyte", "t10k-labels-idx1-ubyte", "scripts/setup"});
    // A directory with only some files lists just the missing ones.
    QVERIFY(QDir(m_dir.path()).mkpath("partial"));
    writeSplit(path("partial/"), 2, 2, 2, 2, {false, false, false, false});
    QVERIFY(QFile::remove(path("partial/t10k-images-idx3-ubyte")));
    expectError([&] { vpf::loadDataSplits(path("partial").toStdString()); }, {"t10k-images-idx3-ubyte", "looked"});
  }

  void binarizeThreshold() {
    vpf::Matrix m(2, 3);
    m << 0.0f, 0.5f, 0.50001f, 1.0f, 0.49f, 0.7f;
    const vpf::Matrix b = vpf::binarize(m);
    vpf::Matrix expected(2, 3);
    expected << 0, 0, 1, 1, 0, 1;
    QVERIFY(b == expected);
    const vpf::Matrix c = vpf::binarize(m, 0.69f);
    expected << 0, 0, 0, 1, 0, 1;
    QVERIFY(c == expected);
    QVERIFY(vpf::binarize(m, 1.0f).isZero());
  }

  void sliceRowsAndLabels() {
    vpf::Dataset d;
    d.name = "toy";
    d.rows = 1;
    d.cols = 2;
    d.images.resize(5, 2);
    for (int i = 0; i < 5; ++i) d.images.row(i) << float(i), float(10 * i);
    d.labels = {0, 1, 2, 3, 4};
    const vpf::Dataset s = vpf::slice(d, 1, 4);
    QCOMPARE(s.size(), 3);
    QCOMPARE(s.images(0, 0), 1.0f);
    QCOMPARE(s.images(2, 1), 30.0f);
    QVERIFY(s.labels == (vpf::Labels{1, 2, 3}));
    QCOMPARE(s.rows, 1);
    QCOMPARE(s.cols, 2);
    QCOMPARE(s.name, std::string("toy"));
    QCOMPARE(vpf::slice(d, -3, 100).size(), 5);  // clamped
    QCOMPARE(vpf::slice(d, 4, 2).size(), 0);     // empty, not negative
    QCOMPARE(vpf::slice(d, 7, 9).size(), 0);
    d.labels.clear();
    QVERIFY(vpf::slice(d, 0, 2).labels.empty());
  }

  void masksHaveExactPixels() {
    using vpf::CorruptionPattern;
    for (auto p :
         {CorruptionPattern::Top, CorruptionPattern::Bottom, CorruptionPattern::Left, CorruptionPattern::Right}) {
      const vpf::RowVector mask = vpf::corruptionMask(p);
      QCOMPARE(mask.size(), Eigen::Index(784));
      QCOMPARE(countOnes(mask), 336);
      QVERIFY(((mask.array() == 0.0f) || (mask.array() == 1.0f)).all());
    }
    const auto at = [](const vpf::RowVector& m, int r, int c) { return m(r * 28 + c); };
    const vpf::RowVector top = vpf::corruptionMask(CorruptionPattern::Top);
    const vpf::RowVector bottom = vpf::corruptionMask(CorruptionPattern::Bottom);
    const vpf::RowVector left = vpf::corruptionMask(CorruptionPattern::Left);
    const vpf::RowVector right = vpf::corruptionMask(CorruptionPattern::Right);
    for (int r = 0; r < 28; ++r)
      for (int c = 0; c < 28; ++c) {
        QCOMPARE(at(top, r, c), r < 12 ? 1.0f : 0.0f);
        QCOMPARE(at(bottom, r, c), r >= 16 ? 1.0f : 0.0f);
        QCOMPARE(at(left, r, c), c < 12 ? 1.0f : 0.0f);
        QCOMPARE(at(right, r, c), c >= 16 ? 1.0f : 0.0f);
      }
    QCOMPARE(countOnes(vpf::corruptionMask(CorruptionPattern::Top, 28, 28, 0)), 0);
    QCOMPARE(countOnes(vpf::corruptionMask(CorruptionPattern::Right, 28, 28, 28)), 784);
    const vpf::RowVector small = vpf::corruptionMask(CorruptionPattern::Right, 3, 5, 2);  // non-square
    QCOMPARE(countOnes(small), 6);
    QCOMPARE(small(3), 1.0f);
    QCOMPARE(small(2), 0.0f);
    QCOMPARE(countOnes(vpf::corruptionMask(CorruptionPattern::Bottom, 3, 5, 2)), 10);

    const vpf::RowVector rect = vpf::rectangleMask(28, 28, 5, 9, 10, 13);
    QCOMPARE(countOnes(rect), 12);
    QCOMPARE(at(rect, 5, 10), 1.0f);
    QCOMPARE(at(rect, 8, 12), 1.0f);
    QCOMPARE(at(rect, 9, 12), 0.0f);
    QCOMPARE(at(rect, 5, 13), 0.0f);
    QCOMPARE(countOnes(vpf::rectangleMask(4, 4, 2, 2, 0, 4)), 0);
  }

  void maskArgumentsValidated() {
    using vpf::CorruptionPattern;
    expectError([] { vpf::corruptionMask(CorruptionPattern::Top, 28, 28, -1); }, {"-1"});
    expectError([] { vpf::corruptionMask(CorruptionPattern::Bottom, 28, 28, 29); }, {"29", "Bottom"});
    expectError([] { vpf::corruptionMask(CorruptionPattern::Left, 28, 10, 11); }, {"11"});
    QCOMPARE(countOnes(vpf::corruptionMask(CorruptionPattern::Top, 28, 10, 20)), 200);  // rows limit, not cols
    expectError([] { vpf::corruptionMask(CorruptionPattern::Top, 0, 28, 0); }, {"image size"});
    expectError([] { vpf::corruptionMask(CorruptionPattern::Top, 28, -5, 1); }, {"image size"});
    expectError([] { vpf::rectangleMask(28, 28, 5, 4, 0, 1); }, {"rectangle"});
    expectError([] { vpf::rectangleMask(28, 28, 0, 29, 0, 1); }, {"rectangle"});
    expectError([] { vpf::rectangleMask(28, 28, 0, 1, -1, 1); }, {"rectangle"});
    expectError([] { vpf::rectangleMask(0, 28, 0, 0, 0, 0); }, {"image size"});
  }

  void patternNames() {
    using vpf::CorruptionPattern;
    QVERIFY(vpf::parseCorruptionPattern("top") == CorruptionPattern::Top);
    QVERIFY(vpf::parseCorruptionPattern("BOTTOM") == CorruptionPattern::Bottom);
    QVERIFY(vpf::parseCorruptionPattern("Left") == CorruptionPattern::Left);
    QVERIFY(vpf::parseCorruptionPattern("rIgHt") == CorruptionPattern::Right);
    for (auto p :
         {CorruptionPattern::Top, CorruptionPattern::Bottom, CorruptionPattern::Left, CorruptionPattern::Right})
      QVERIFY(vpf::parseCorruptionPattern(vpf::patternName(p)) == p);
    QCOMPARE(vpf::patternName(CorruptionPattern::Top), std::string("Top"));
    expectError([] { vpf::parseCorruptionPattern("middle"); }, {"middle", "top"});
    expectError([] { vpf::parseCorruptionPattern(""); }, {"pattern"});
  }

  // The CI always has the data (scripts/test runs scripts/setup first), so missing data FAILS here.
  void realMnistAndFashion() {
    const QString dir = realDataDirectory();
    struct Expected {
      QString name;
      bool gz;
    };
    for (const Expected& e : {Expected{"mnist", false}, Expected{"fashion", true}}) {
      const QString sub = dir + "/" + e.name;
      const QString probe = sub + "/train-images-idx3-ubyte" + (e.gz ? ".gz" : "");
      // scripts/setup stores MNIST raw and Fashion-MNIST as .gz, so both reader paths are exercised.
      QVERIFY2(QFileInfo::exists(probe),
               qPrintable("real data missing in " + sub + ": run scripts/setup (or set VPF_DATA_DIR)"));
      QElapsedTimer timer;
      timer.start();
      vpf::DataSplits s;
      try {
        s = vpf::loadDataSplits(sub.toStdString());
      } catch (const vpf::Error& err) {
        QFAIL(err.what());
      }
      qInfo("%s: loaded in %lld ms", qPrintable(e.name), static_cast<long long>(timer.elapsed()));
      QCOMPARE(s.train.size(), 60000);
      QCOMPARE(s.test.size(), 10000);
      for (const vpf::Dataset* d : {&s.train, &s.test}) {
        QCOMPARE(d->rows, 28);
        QCOMPARE(d->cols, 28);
        QCOMPARE(d->images.cols(), Eigen::Index(784));
        QCOMPARE(d->labels.size(), std::size_t(d->size()));
        QVERIFY(d->images.minCoeff() >= 0.0f);
        QCOMPARE(d->images.maxCoeff(), 1.0f);
        const std::set<int> distinct(d->labels.begin(), d->labels.end());
        QCOMPARE(distinct.size(), std::size_t(10));
        QCOMPARE(*distinct.begin(), 0);
        QCOMPARE(*distinct.rbegin(), 9);
      }
      // Sanity of the grey values: a plausible fraction of pixels is on after binarisation.
      const double on = vpf::binarize(s.test.images).mean();
      QVERIFY2(on > 0.05 && on < 0.7, qPrintable(QString::number(on)));
    }
  }
};

QTEST_APPLESS_MAIN(TestDataset)
#include "test_dataset.moc"
