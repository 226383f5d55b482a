#include "core/io/npy.h"

#include <bit>
#include <cctype>
#include <cstring>
#include <limits>

#include "core/common/error.h"
#include "core/io/atomic_file.h"
#include "core/io/csv_writer.h"

namespace vpf {

// The payload is copied byte for byte; NumPy's '<' means little-endian, so a big-endian host would
// need swapping (none of the supported platforms is big-endian).
static_assert(std::endian::native == std::endian::little, "npy I/O assumes a little-endian host");

namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr std::size_t kMagicSize = 6;
constexpr std::size_t kPreludeV1 = 10;  // magic + 2 version bytes + uint16 header length

std::string shapeRepr(const std::vector<std::uint64_t>& shape) {
  // Python tuple syntax: "()", "(5,)", "(3, 4)".
  std::string s = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i > 0) s += ", ";
    s += std::to_string(shape[i]);
  }
  if (shape.size() == 1) s += ",";
  return s + ")";
}

std::string encode(const void* data, std::size_t itemSize, const std::string& descr,
                   const std::vector<std::uint64_t>& shape) {
  std::uint64_t count = 1;
  for (auto d : shape) {
    if (d != 0 && count > std::numeric_limits<std::uint64_t>::max() / itemSize / d)
      throw Error("npy: array shape " + shapeRepr(shape) + " is too large");
    count *= d;
  }
  std::string dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeRepr(shape) + ", }";
  // Format 1.0: pad with spaces so that prelude + header (ending in '\n') is a multiple of 64.
  std::size_t total = kPreludeV1 + dict.size() + 1;
  const std::size_t padded = (total + 63) / 64 * 64;
  dict.append(padded - total, ' ');
  dict += '\n';
  if (dict.size() > 0xFFFF) throw Error("npy: header too long for format 1.0");
  std::string out;
  out.reserve(padded + count * itemSize);
  out.append(kMagic, kMagicSize);
  out += '\x01';
  out += '\x00';
  out += static_cast<char>(dict.size() & 0xFF);
  out += static_cast<char>((dict.size() >> 8) & 0xFF);
  out += dict;
  if (count > 0) out.append(static_cast<const char*>(data), count * itemSize);
  return out;
}

// A tiny parser for the Python dict literal of the header, e.g.
// {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }
class HeaderParser {
 public:
  HeaderParser(const std::string& text, const std::string& what) : m_s(text), m_what(what) {}

  void parse(std::string& descr, bool& fortran, std::vector<std::uint64_t>& shape) {
    bool haveDescr = false, haveFortran = false, haveShape = false;
    expect('{');
    while (true) {
      skipSpace();
      if (peek() == '}') {
        ++m_pos;
        break;
      }
      const std::string key = parseString();
      expect(':');
      if (key == "descr") {
        descr = parseString();
        haveDescr = true;
      } else if (key == "fortran_order") {
        fortran = parseBool();
        haveFortran = true;
      } else if (key == "shape") {
        shape = parseShape();
        haveShape = true;
      } else {
        fail("unexpected key '" + key + "' in the header");
      }
      skipSpace();
      if (peek() == ',')
        ++m_pos;
      else if (peek() != '}')
        fail("expected ',' or '}' in the header");
    }
    skipSpace();
    if (m_pos != m_s.size()) fail("trailing characters after the header dictionary");
    if (!haveDescr || !haveFortran || !haveShape) fail("header lacks one of 'descr', 'fortran_order', 'shape'");
  }

 private:
  [[noreturn]] void fail(const std::string& why) const { throw Error(m_what + ": malformed .npy header: " + why); }
  char peek() const { return m_pos < m_s.size() ? m_s[m_pos] : '\0'; }
  void skipSpace() {
    while (m_pos < m_s.size() && std::isspace(static_cast<unsigned char>(m_s[m_pos]))) ++m_pos;
  }
  void expect(char c) {
    skipSpace();
    if (peek() != c) fail(std::string("expected '") + c + "'");
    ++m_pos;
  }
  std::string parseString() {
    skipSpace();
    const char q = peek();
    if (q != '\'' && q != '"') fail("expected a quoted string");
    const auto end = m_s.find(q, m_pos + 1);
    if (end == std::string::npos) fail("unterminated string");
    std::string out = m_s.substr(m_pos + 1, end - m_pos - 1);
    m_pos = end + 1;
    return out;
  }
  bool parseBool() {
    skipSpace();
    if (m_s.compare(m_pos, 4, "True") == 0) {
      m_pos += 4;
      return true;
    }
    if (m_s.compare(m_pos, 5, "False") == 0) {
      m_pos += 5;
      return false;
    }
    fail("expected True or False for 'fortran_order'");
  }
  std::vector<std::uint64_t> parseShape() {
    std::vector<std::uint64_t> shape;
    expect('(');
    while (true) {
      skipSpace();
      if (peek() == ')') {
        ++m_pos;
        return shape;
      }
      if (!std::isdigit(static_cast<unsigned char>(peek()))) fail("expected a dimension in 'shape'");
      std::uint64_t v = 0;
      while (std::isdigit(static_cast<unsigned char>(peek()))) {
        const unsigned digit = static_cast<unsigned>(peek() - '0');
        if (v > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) fail("dimension too large");
        v = v * 10 + digit;
        ++m_pos;
      }
      // NumPy may write Python 2 longs as "3L".
      if (peek() == 'L') ++m_pos;
      shape.push_back(v);
      if (shape.size() > 32) fail("too many dimensions");
      skipSpace();
      if (peek() == ',')
        ++m_pos;
      else if (peek() != ')')
        fail("expected ',' or ')' in 'shape'");
    }
  }

  const std::string& m_s;
  const std::string& m_what;
  std::size_t m_pos = 0;
};

std::size_t itemSizeOf(const std::string& descr) {
  if (descr == "<f4") return 4;
  if (descr == "<f8") return 8;
  if (descr == "|u1" || descr == "<u1" || descr == "u1") return 1;
  return 0;
}

}  // namespace

std::string encodeNpy(const float* data, const std::vector<std::uint64_t>& shape) {
  return encode(data, sizeof(float), "<f4", shape);
}

std::string encodeNpyU8(const std::uint8_t* data, const std::vector<std::uint64_t>& shape) {
  return encode(data, 1, "|u1", shape);
}

NpyArray decodeNpy(const std::string& buffer, const std::string& what) {
  if (buffer.size() < kPreludeV1 || buffer.compare(0, kMagicSize, kMagic, kMagicSize) != 0)
    throw Error(what + ": not a NumPy .npy array (bad magic bytes)");
  const auto major = static_cast<unsigned char>(buffer[6]);
  const auto byte = [&](std::size_t i) { return static_cast<std::uint64_t>(static_cast<unsigned char>(buffer[i])); };
  std::uint64_t headerLen = 0;
  std::size_t prelude = 0;
  if (major == 1) {
    headerLen = byte(8) | byte(9) << 8;
    prelude = kPreludeV1;
  } else if (major == 2 || major == 3) {  // 2.0/3.0: uint32 header length (3.0: UTF-8 header)
    if (buffer.size() < 12) throw Error(what + ": truncated .npy header");
    headerLen = byte(8) | byte(9) << 8 | byte(10) << 16 | byte(11) << 24;
    prelude = 12;
  } else {
    throw Error(what + ": unsupported .npy format version " + std::to_string(major) + "." +
                std::to_string(static_cast<unsigned char>(buffer[7])));
  }
  if (headerLen > buffer.size() - prelude)
    throw Error(what + ": truncated .npy header (" + std::to_string(headerLen) + " header bytes announced, " +
                std::to_string(buffer.size() - prelude) + " present)");
  const std::string header = buffer.substr(prelude, headerLen);

  NpyArray array;
  bool fortran = false;
  HeaderParser(header, what).parse(array.dtype, fortran, array.shape);
  if (fortran) throw Error(what + ": Fortran-ordered arrays (fortran_order True) are not supported");
  const std::size_t itemSize = itemSizeOf(array.dtype);
  if (itemSize == 0) throw Error(what + ": unsupported dtype '" + array.dtype + "' (expected '<f4')");

  // The payload size must be exactly what the shape announces — checked before allocating, so a
  // corrupt header cannot make us allocate an absurd amount.
  const std::uint64_t payload = buffer.size() - prelude - headerLen;
  bool empty = false, tooLarge = false;
  for (auto d : array.shape) empty = empty || d == 0;
  std::uint64_t count = empty ? 0 : 1;
  for (auto d : array.shape) {
    if (empty) break;
    if (count > payload / itemSize / d) {  // more elements than the payload can hold
      tooLarge = true;
      break;
    }
    count *= d;
  }
  if (tooLarge || count * itemSize != payload)
    throw Error(what + ": shape " + shapeRepr(array.shape) + " of dtype " + array.dtype + " needs " +
                (tooLarge ? "more than " + std::to_string(payload) : std::to_string(count * itemSize)) +
                " data bytes but the array has " + std::to_string(payload) + " (truncated or corrupt)");
  array.bytes.assign(buffer.begin() + static_cast<std::ptrdiff_t>(prelude + headerLen), buffer.end());
  return array;
}

Matrix npyToMatrix(const NpyArray& array, const std::string& what) {
  if (array.dtype != "<f4") throw Error(what + ": dtype is '" + array.dtype + "', expected '<f4' (float32)");
  Eigen::Index rows = 0, cols = 0;
  const auto maxIndex = static_cast<std::uint64_t>(std::numeric_limits<int>::max());
  if (array.shape.size() == 2) {
    if (array.shape[0] > maxIndex || array.shape[1] > maxIndex) throw Error(what + ": array too large");
    rows = static_cast<Eigen::Index>(array.shape[0]);
    cols = static_cast<Eigen::Index>(array.shape[1]);
  } else if (array.shape.size() == 1) {
    if (array.shape[0] > maxIndex) throw Error(what + ": array too large");
    rows = 1;
    cols = static_cast<Eigen::Index>(array.shape[0]);
  } else {
    throw Error(what + ": expected a 1-D or 2-D array, got shape " + shapeRepr(array.shape));
  }
  if (static_cast<std::uint64_t>(rows) * static_cast<std::uint64_t>(cols) * sizeof(float) != array.bytes.size())
    throw Error(what + ": payload size does not match shape " + shapeRepr(array.shape));
  Matrix m(rows, cols);
  if (m.size() > 0) std::memcpy(m.data(), array.bytes.data(), array.bytes.size());
  return m;
}

void saveNpy(const std::string& path, const Matrix& m) {
  // Matrix is row-major, so its storage already is C order.
  writeFileAtomically(
      path, encodeNpy(m.data(), {static_cast<std::uint64_t>(m.rows()), static_cast<std::uint64_t>(m.cols())}));
}

}  // namespace vpf
