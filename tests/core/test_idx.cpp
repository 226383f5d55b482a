// IDX reader: good raw/gzip files read back exactly; every malformed input throws vpf::Error naming
// the file and the problem, without crashing or allocating what the file cannot justify.
#include <zlib.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "core/common/error.h"
#include "core/data/idx_reader.h"
#include "tests/support/idx_fixtures.h"

using vpf::IdxArray;
using vpf::testing::Bytes;
using vpf::testing::idxBytes;
using vpf::testing::writeGz;
using vpf::testing::writeRaw;

namespace {

Bytes pattern(std::size_t n, std::uint32_t seed = 1) {
  Bytes out(n);
  std::uint32_t x = seed;
  for (auto& b : out) {
    x = x * 1664525u + 1013904223u;
    b = static_cast<std::uint8_t>(x >> 24);
  }
  return out;
}

Bytes readAll(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  const QByteArray data = file.readAll();
  return Bytes(data.begin(), data.end());
}

Bytes gzBytes(const QTemporaryDir& dir, const Bytes& bytes) {
  const QString tmp = dir.filePath("scratch.gz");
  writeGz(tmp, bytes);
  Bytes out = readAll(tmp);
  QFile::remove(tmp);
  return out;
}

// Runs fn, which must throw vpf::Error whose message names the file and contains every keyword.
void expectError(const std::function<void()>& fn, const QString& path, const QStringList& keywords) {
  QString message;
  bool threw = false;
  try {
    fn();
  } catch (const vpf::Error& e) {
    threw = true;
    message = QString::fromStdString(e.what());
  } catch (const std::exception& e) {
    QFAIL(qPrintable("expected vpf::Error, got std::exception: " + QString::fromUtf8(e.what())));
  }
  QVERIFY2(threw, qPrintable("no vpf::Error for " + path));
  const QString name = QFileInfo(path).fileName();
  QVERIFY2(message.contains(name), qPrintable("message does not name '" + name + "': " + message));
  for (const QString& key : keywords)
    QVERIFY2(message.contains(key, Qt::CaseInsensitive), qPrintable("message lacks '" + key + "': " + message));
}

void expectReadError(const QString& path, const QStringList& keywords, std::uint64_t maxBytes = 1ull << 31) {
  expectError([&] { vpf::readIdx(path.toStdString(), maxBytes); }, path, keywords);
}

}  // namespace

class TestIdx : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  QString path(const QString& name) const { return m_dir.filePath(name); }

 private slots:
  void initTestCase() { QVERIFY(m_dir.isValid()); }

  void goodRawReadsBackExactly() {
    const Bytes payload = pattern(3 * 4 * 5);
    writeRaw(path("good3d"), idxBytes({3, 4, 5}, payload));
    const IdxArray a = vpf::readIdx(path("good3d").toStdString());
    QCOMPARE(a.dims, (std::vector<std::uint32_t>{3, 4, 5}));
    QCOMPARE(a.count(), std::uint64_t(3));
    QVERIFY(a.values == payload);

    const Bytes labels = {0, 1, 2, 9, 255, 7};
    writeRaw(path("good1d"), idxBytes({6}, labels));
    const IdxArray b = vpf::readIdx(path("good1d").toStdString());
    QCOMPARE(b.dims, (std::vector<std::uint32_t>{6}));
    QVERIFY(b.values == labels);

    const Bytes four = pattern(2 * 3 * 4 * 5, 7);
    writeRaw(path("good4d"), idxBytes({2, 3, 4, 5}, four));
    QVERIFY(vpf::readIdx(path("good4d").toStdString()).values == four);
  }

  void goodGzipReadsBackExactly() {
    // Large enough to need many inflate/read chunks.
    const Bytes payload = pattern(10 * 300 * 400, 3);
    writeGz(path("good.gz"), idxBytes({10, 300, 400}, payload));
    const IdxArray a = vpf::readIdx(path("good.gz").toStdString());
    QCOMPARE(a.dims, (std::vector<std::uint32_t>{10, 300, 400}));
    QVERIFY(a.values == payload);
  }

  void gzipDetectedByMagicNotName() {
    const Bytes payload = pattern(2 * 2 * 2, 5);
    writeGz(path("compressed-without-suffix"), idxBytes({2, 2, 2}, payload));
    QVERIFY(vpf::readIdx(path("compressed-without-suffix").toStdString()).values == payload);
    writeRaw(path("raw-named.gz"), idxBytes({2, 2, 2}, payload));
    QVERIFY(vpf::readIdx(path("raw-named.gz").toStdString()).values == payload);
  }

  void concatenatedGzipMembers() {
    const Bytes whole = idxBytes({4, 5}, pattern(20, 9));
    Bytes first(whole.begin(), whole.begin() + 11), second(whole.begin() + 11, whole.end());
    Bytes joined = gzBytes(m_dir, first);
    const Bytes tail = gzBytes(m_dir, second);
    joined.insert(joined.end(), tail.begin(), tail.end());
    writeRaw(path("members.gz"), joined);
    QVERIFY(vpf::readIdx(path("members.gz").toStdString()).values == pattern(20, 9));
  }

  void zeroDimensionIsFineWhenConsistent() {
    writeRaw(path("zero"), idxBytes({0, 28, 28}, {}));
    const IdxArray a = vpf::readIdx(path("zero").toStdString());
    QCOMPARE(a.dims, (std::vector<std::uint32_t>{0, 28, 28}));
    QCOMPARE(a.count(), std::uint64_t(0));
    QVERIFY(a.values.empty());
    writeGz(path("zero.gz"), idxBytes({5, 0}, {}));
    QVERIFY(vpf::readIdx(path("zero.gz").toStdString()).values.empty());
    // A zero factor makes the product 0 even next to huge ones: consistent, no overflow.
    writeRaw(path("zero-huge"), idxBytes({0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0}, {}));
    QVERIFY(vpf::readIdx(path("zero-huge").toStdString()).values.empty());

    writeRaw(path("zero-extra"), idxBytes({0, 28, 28}, {1, 2, 3}));
    expectReadError(path("zero-extra"), {"3 extra bytes"});
  }

  void emptyFiles() {
    writeRaw(path("empty"), {});
    expectReadError(path("empty"), {"empty"});
    writeGz(path("empty.gz"), {});
    expectReadError(path("empty.gz"), {"empty"});
  }

  void truncatedHeader() {
    writeRaw(path("short-magic"), {0, 0});
    expectReadError(path("short-magic"), {"truncated", "header"});
    Bytes partial = idxBytes({60000, 28, 28}, {});
    partial.resize(9);  // magic + 5 of the 12 dimension bytes
    writeRaw(path("short-dims"), partial);
    expectReadError(path("short-dims"), {"truncated", "header"});
    writeGz(path("short-dims.gz"), partial);
    expectReadError(path("short-dims.gz"), {"truncated", "header"});
  }

  void truncatedPayload() {
    Bytes bytes = idxBytes({10, 28, 28}, pattern(10 * 28 * 28));
    bytes.erase(bytes.end() - 100, bytes.end());
    writeRaw(path("short-payload"), bytes);
    expectReadError(path("short-payload"), {"truncated"});
    writeGz(path("short-payload.gz"), bytes);
    expectReadError(path("short-payload.gz"), {"truncated"});
  }

  void wrongMagic() {
    writeRaw(path("float-idx"), idxBytes({2, 2}, pattern(16), 0x0D));
    expectReadError(path("float-idx"), {"magic", "0x0D", "float"});
    writeGz(path("int-idx.gz"), idxBytes({2}, pattern(8), 0x0C));
    expectReadError(path("int-idx.gz"), {"magic", "0x0C"});
    writeRaw(path("random"), pattern(1000, 42));
    expectReadError(path("random"), {"magic"});
    writeRaw(path("text"), Bytes{'h', 'e', 'l', 'l', 'o', '\n'});
    expectReadError(path("text"), {"magic"});
  }

  void badDimensionCount() {
    writeRaw(path("ndims0"), idxBytes({}, {}));
    expectReadError(path("ndims0"), {"0 dimensions"});
    writeRaw(path("ndims5"), idxBytes({1, 1, 1, 1, 1}, {7}));
    expectReadError(path("ndims5"), {"5 dimensions"});
  }

  void oversizedHeaders() {
    // Product of four 2^32−1 dimensions overflows 64 bits.
    writeRaw(path("overflow"), idxBytes({0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu}, {}));
    expectReadError(path("overflow"), {"overflow"});
    writeGz(path("overflow.gz"), idxBytes({0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu}, {}));
    expectReadError(path("overflow.gz"), {"overflow"});
    // 10^10 bytes > the default 2 GiB limit.
    writeRaw(path("huge"), idxBytes({100000, 100000}, pattern(10)));
    expectReadError(path("huge"), {"too large"});
    // Explicit small limit.
    writeRaw(path("limit"), idxBytes({10, 10}, pattern(100)));
    expectReadError(path("limit"), {"too large", "limit"}, 99);
    QCOMPARE(vpf::readIdx(path("limit").toStdString(), 100).values.size(), std::size_t(100));
  }

  void bogusSizeFailsWithoutHugeAllocation() {
    // No limit: 10^12 claimed bytes must be rejected from the file size / the decoded stream alone.
    const auto unlimited = std::numeric_limits<std::uint64_t>::max();
    writeRaw(path("bogus"), idxBytes({1000000, 1000, 1000}, pattern(100)));
    expectReadError(path("bogus"), {"truncated"}, unlimited);
    writeGz(path("bogus.gz"), idxBytes({1000000, 1000, 1000}, pattern(100)));
    expectReadError(path("bogus.gz"), {"truncated"}, unlimited);
    // Within the default limit (1.5 GB) but the gzip holds almost nothing.
    writeGz(path("bogus-small.gz"), idxBytes({1500, 1000, 1000}, pattern(1000)));
    expectReadError(path("bogus-small.gz"), {"truncated"});
  }

  void trailingGarbage() {
    Bytes bytes = idxBytes({4, 4}, pattern(16));
    bytes.insert(bytes.end(), {1, 2, 3, 4, 5});
    writeRaw(path("trailing"), bytes);
    expectReadError(path("trailing"), {"5 extra bytes"});
    writeGz(path("trailing.gz"), bytes);
    expectReadError(path("trailing.gz"), {"5 extra bytes"});
    // Junk after the gzip stream itself.
    Bytes gz = gzBytes(m_dir, idxBytes({4, 4}, pattern(16)));
    gz.insert(gz.end(), {'j', 'u', 'n', 'k'});
    writeRaw(path("after-gzip.gz"), gz);
    expectReadError(path("after-gzip.gz"), {"4 extra bytes", "gzip"});
  }

  void missingAndDirectory() {
    expectReadError(path("does-not-exist-idx"), {"does not exist"});
    QVERIFY(QDir(m_dir.path()).mkpath("a-directory"));
    expectReadError(path("a-directory"), {"directory"});
  }

  void corruptGzip() {
    const Bytes good = gzBytes(m_dir, idxBytes({50, 40}, pattern(2000, 11)));
    QVERIFY(good.size() > 60);

    Bytes flipped = good;  // damage the deflate data
    for (std::size_t i = 12; i < 40; ++i) flipped[i] ^= 0x5A;
    writeRaw(path("flipped.gz"), flipped);
    expectReadError(path("flipped.gz"), {});  // any clear error (may be corrupt or size-related)
    QString message;
    try {
      vpf::readIdx(path("flipped.gz").toStdString());
    } catch (const vpf::Error& e) {
      message = e.what();
    }
    QVERIFY2(message.contains("corrupt") || message.contains("magic") || message.contains("truncated") ||
                 message.contains("extra"),
             qPrintable(message));

    Bytes badCrc = good;  // the last 8 bytes are CRC-32 and size
    badCrc[badCrc.size() - 6] ^= 0xFF;
    writeRaw(path("bad-crc.gz"), badCrc);
    expectReadError(path("bad-crc.gz"), {"corrupt", "gzip"});

    Bytes cut(good.begin(), good.end() - 20);
    writeRaw(path("cut.gz"), cut);
    expectReadError(path("cut.gz"), {"truncated"});

    Bytes headerOnly(good.begin(), good.begin() + 5);  // inside the gzip header
    writeRaw(path("gzip-header-only.gz"), headerOnly);
    expectReadError(path("gzip-header-only.gz"), {"truncated"});

    Bytes badMethod = good;
    badMethod[2] = 7;  // compression method must be 8 (deflate)
    writeRaw(path("bad-method.gz"), badMethod);
    expectReadError(path("bad-method.gz"), {"corrupt"});
  }
};

QTEST_APPLESS_MAIN(TestIdx)
#include "test_idx.moc"
