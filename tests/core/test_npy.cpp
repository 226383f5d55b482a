// NumPy .npy encoding/decoding (format 1.0, '<f4', C order) against the spec and hand-written bytes.
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <fstream>
#include <sstream>

#include "core/common/error.h"
#include "core/io/npy.h"

using namespace vpf;

namespace {

std::string bytes(const char* s, std::size_t n) { return std::string(s, n); }

// Builds a v1.0 file around an arbitrary header dict (padded like NumPy) and payload.
std::string rawNpy(const std::string& dict, const std::string& payload, char major = 1) {
  std::string header = dict;
  const std::size_t prelude = major == 1 ? 10 : 12;
  while ((prelude + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::string out = bytes("\x93NUMPY", 6);
  out += major;
  out += '\0';
  out += static_cast<char>(header.size() & 0xFF);
  out += static_cast<char>(header.size() >> 8);
  if (major != 1) out += std::string(2, '\0');
  return out + header + payload;
}

std::string floats(std::initializer_list<float> v) {
  std::string s(v.size() * 4, '\0');
  std::memcpy(s.data(), std::data(v), s.size());
  return s;
}

template <typename F>
QString errorOf(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}

}  // namespace

class TestNpy : public QObject {
  Q_OBJECT

 private slots:
  void matchesHandWrittenBytes() {
    const float data[] = {1.0f, -2.0f};
    const std::string expected = bytes("\x93NUMPY\x01\x00\x76\x00", 10) +
                                 "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }" +
                                 std::string(60, ' ') + "\n" + bytes("\x00\x00\x80\x3f\x00\x00\x00\xc0", 8);
    const std::string encoded = encodeNpy(data, {2});
    QCOMPARE(encoded.size(), expected.size());
    QVERIFY(encoded == expected);
  }

  void headerFollowsSpec() {
    for (const std::vector<std::uint64_t>& shape :
         {std::vector<std::uint64_t>{}, {0}, {7}, {3, 4}, {784, 500}, {2, 3, 4}, {123456789, 0}}) {
      std::uint64_t count = 1;
      for (auto d : shape) count *= d;
      std::vector<float> data(std::min<std::uint64_t>(count, 1000000), 0.25f);
      const std::string s = encodeNpy(data.data(), shape);
      QVERIFY(s.compare(0, 8, bytes("\x93NUMPY\x01\x00", 8)) == 0);
      const std::size_t headerLen = static_cast<unsigned char>(s[8]) | static_cast<unsigned char>(s[9]) << 8;
      QCOMPARE((10 + headerLen) % 64, std::size_t(0));  // aligned data start
      QCOMPARE(s[10 + headerLen - 1], '\n');
      QCOMPARE(s.size(), 10 + headerLen + count * 4);
      const std::string header = s.substr(10, headerLen);
      QVERIFY(header.find("'descr': '<f4'") != std::string::npos);
      QVERIFY(header.find("'fortran_order': False") != std::string::npos);
      const NpyArray a = decodeNpy(s, "test");
      QCOMPARE(a.dtype, std::string("<f4"));
      QVERIFY(a.shape == shape);
      QCOMPARE(a.bytes.size(), count * 4);
    }
    // Python tuple syntax for the shape.
    const float x = 1;
    QVERIFY(encodeNpy(&x, {}).find("'shape': (), }") != std::string::npos);
    QVERIFY(encodeNpy(&x, {1}).find("'shape': (1,), }") != std::string::npos);
    QVERIFY(encodeNpy(&x, {1, 1}).find("'shape': (1, 1), }") != std::string::npos);
  }

  void roundTripsMatrix() {
    Matrix m(3, 5);
    for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(i) * 0.1f - 0.7f;
    m(1, 2) = -0.0f;
    m(2, 4) = 1e-40f;  // subnormal survives byte for byte
    const NpyArray a = decodeNpy(encodeNpy(m.data(), {3, 5}), "m");
    const Matrix back = npyToMatrix(a, "m");
    QCOMPARE(back.rows(), Eigen::Index(3));
    QCOMPARE(back.cols(), Eigen::Index(5));
    QVERIFY(std::memcmp(back.data(), m.data(), sizeof(float) * 15) == 0);
    // C order: element (0, 1) follows (0, 0).
    float second;
    std::memcpy(&second, a.bytes.data() + 4, 4);
    QCOMPARE(second, m(0, 1));

    const Matrix row = npyToMatrix(decodeNpy(encodeNpy(m.data(), {15}), "v"), "v");  // 1-D → 1 × n
    QCOMPARE(row.rows(), Eigen::Index(1));
    QCOMPARE(row.cols(), Eigen::Index(15));
  }

  void encodesUint8() {
    const std::uint8_t data[] = {0, 1, 255};
    const NpyArray a = decodeNpy(encodeNpyU8(data, {3}), "u8");
    QCOMPARE(a.dtype, std::string("|u1"));
    QCOMPARE(a.bytes.size(), std::size_t(3));
    QCOMPARE(a.bytes[2], std::uint8_t(255));
    QVERIFY(errorOf([&] { npyToMatrix(a, "u8 array"); }).contains("u8 array"));
  }

  void acceptsOtherValidHeaders() {
    // Key order, double quotes, no trailing comma, and format 2.0 are all valid NumPy files.
    const std::string payload = floats({1, 2, 3, 4});
    for (const std::string& dict :
         {std::string("{'shape': (2, 2), 'fortran_order': False, 'descr': '<f4'}"),
          std::string("{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (2,2)}"),
          std::string("{'descr':'<f4','fortran_order':False,'shape':(4,),}")}) {
      const NpyArray a = decodeNpy(rawNpy(dict, payload), "ok");
      QCOMPARE(a.bytes.size(), std::size_t(16));
    }
    const NpyArray v2 = decodeNpy(rawNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", payload, 2), "v2");
    QVERIFY(v2.shape == std::vector<std::uint64_t>{4});
  }

  void rejectsFortranOrder() {
    const QString e = errorOf([] {
      decodeNpy(rawNpy("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", floats({1, 2, 3, 4})), "W0.npy");
    });
    QVERIFY2(e.contains("W0.npy") && e.contains("fortran_order"), qPrintable(e));
  }

  void rejectsMalformedBuffers_data() {
    QTest::addColumn<QByteArray>("buffer");
    QTest::addColumn<QString>("expected");
    const std::string good = rawNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", floats({1, 2, 3, 4}));
    auto row = [](const char* name, const std::string& b, const char* expected) {
      QTest::newRow(name) << QByteArray(b.data(), static_cast<int>(b.size())) << QString(expected);
    };
    row("empty", "", "bad magic");
    row("bad magic", "\x93NUMPX" + good.substr(6), "bad magic");
    row("text", "hello world, not numpy", "bad magic");
    row("version 9", good.substr(0, 6) + '\x09' + good.substr(7), "unsupported .npy format version 9");
    row("header cut", good.substr(0, 40), "truncated .npy header");
    row("payload cut", good.substr(0, good.size() - 3), "truncated or corrupt");
    row("payload long", good + "xxxx", "truncated or corrupt");
    row("huge shape", rawNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (4000000000, 4000000000), }", floats({1})),
        "truncated or corrupt");
    row("overflow shape",
        rawNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999999, 1), }", ""),
        "dimension too large");
    row("big endian", rawNpy("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", floats({1})),
        "unsupported dtype '>f4'");
    row("object", rawNpy("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", "12345678"), "unsupported dtype");
    row("missing key", rawNpy("{'descr': '<f4', 'shape': (1,), }", floats({1})), "lacks");
    row("extra key", rawNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': 1}", floats({1})),
        "unexpected key");
    row("bad bool", rawNpy("{'descr': '<f4', 'fortran_order': Maybe, 'shape': (1,), }", floats({1})), "True or False");
    row("bad shape", rawNpy("{'descr': '<f4', 'fortran_order': False, 'shape': [1], }", floats({1})), "expected '('");
    row("negative", rawNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }", floats({1})), "dimension");
    row("unterminated", rawNpy("{'descr': '<f4", ""), "unterminated");
    row("not a dict", rawNpy("[1, 2]", ""), "expected '{'");
  }

  void rejectsMalformedBuffers() {
    QFETCH(QByteArray, buffer);
    QFETCH(QString, expected);
    const QString e = errorOf([&] { decodeNpy(buffer.toStdString(), "member X.npy"); });
    QVERIFY2(e.startsWith("member X.npy: "), qPrintable(e));
    QVERIFY2(e.contains(expected), qPrintable(e));
  }

  void matrixConversionChecksDtypeAndRank() {
    NpyArray a = decodeNpy(rawNpy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", std::string(8, '\0')), "d");
    QVERIFY(errorOf([&] { npyToMatrix(a, "double array"); }).contains("'<f8'"));
    const float data[8] = {};
    a = decodeNpy(encodeNpy(data, {2, 2, 2}), "3d");
    QVERIFY(errorOf([&] { npyToMatrix(a, "cube"); }).contains("1-D or 2-D"));
  }

  void savesFileAtomically() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath("m.npy").toStdString();
    Matrix m = Matrix::Random(4, 3);
    saveNpy(path, m);
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const Matrix back = npyToMatrix(decodeNpy(ss.str(), path), path);
    QVERIFY(back == m);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);  // no temp file left

    const std::string bad = dir.filePath("no/such/dir/m.npy").toStdString();
    const QString e = errorOf([&] { saveNpy(bad, m); });
    QVERIFY2(e.contains(QString::fromStdString(bad)), qPrintable(e));
  }
};

QTEST_APPLESS_MAIN(TestNpy)
#include "test_npy.moc"
