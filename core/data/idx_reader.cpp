#include "core/data/idx_reader.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <memory>
#include <sstream>
#include <system_error>

#include "core/common/error.h"
#include "core/common/memory_budget.h"

namespace vpf {

namespace {

constexpr std::size_t kChunk = 1 << 18;  // 256 KiB: read/inflate granularity
// deflate cannot expand data by more than ~1032:1, so a gzip file of n bytes cannot justify more
// than this many decompressed bytes; used to cap the up-front reservation for bogus headers.
constexpr std::uint64_t kMaxDeflateRatio = 1032;

[[noreturn]] void fail(const std::string& path, const std::string& problem) {
  throw Error("IDX file '" + path + "': " + problem);
}

std::string hexByte(std::uint8_t b) {
  char text[8];
  std::snprintf(text, sizeof text, "0x%02X", b);
  return text;
}

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

// A byte stream over the decompressed contents. read() returns fewer than n bytes only at the end
// of the data and throws on I/O errors or corrupt compressed data.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual std::size_t read(std::uint8_t* dst, std::size_t n) = 0;
  // Counts (and discards) everything left; used to report trailing garbage.
  std::uint64_t drain() {
    std::array<std::uint8_t, 1 << 14> sink;
    std::uint64_t total = 0;
    for (std::size_t got; (got = read(sink.data(), sink.size())) > 0;) total += got;
    return total;
  }
};

class RawSource : public ByteSource {
 public:
  RawSource(std::FILE* file, std::string path) : m_file(file), m_path(std::move(path)) {}
  std::size_t read(std::uint8_t* dst, std::size_t n) override {
    const std::size_t got = std::fread(dst, 1, n, m_file);
    if (got < n && std::ferror(m_file)) fail(m_path, std::string("read error: ") + std::strerror(errno));
    return got;
  }

 private:
  std::FILE* m_file;
  std::string m_path;
};

// Streaming inflate (not gzopen) so corrupt streams, truncation and trailing junk after the gzip
// data are all detected and reported precisely. Concatenated gzip members are accepted like gzip(1).
class GzipSource : public ByteSource {
 public:
  GzipSource(std::FILE* file, std::string path) : m_file(file), m_path(std::move(path)), m_in(kChunk) {
    if (inflateInit2(&m_stream, 15 + 16) != Z_OK) fail(m_path, "cannot initialise zlib");
  }
  ~GzipSource() override { inflateEnd(&m_stream); }
  GzipSource(const GzipSource&) = delete;
  GzipSource& operator=(const GzipSource&) = delete;

  std::size_t read(std::uint8_t* dst, std::size_t n) override {
    std::size_t produced = 0;
    while (produced < n && !m_finished) {
      if (m_stream.avail_in == 0 && !refill())
        fail(m_path, "truncated gzip stream (compressed data ends before the end of the stream)");
      m_stream.next_out = dst + produced;
      m_stream.avail_out = static_cast<uInt>(std::min<std::size_t>(n - produced, 1u << 30));
      const uInt before = m_stream.avail_out;
      const int ret = inflate(&m_stream, Z_NO_FLUSH);
      produced += before - m_stream.avail_out;
      if (ret == Z_STREAM_END) {
        nextMember();
      } else if (ret == Z_DATA_ERROR || ret == Z_NEED_DICT || ret == Z_STREAM_ERROR) {
        fail(m_path, std::string("corrupt gzip stream (") + (m_stream.msg ? m_stream.msg : "invalid data") + ")");
      } else if (ret == Z_MEM_ERROR) {
        fail(m_path, "out of memory while decompressing");
      }
      // Z_OK / Z_BUF_ERROR: keep going; an empty input buffer is refilled (or reported) above.
    }
    return produced;
  }

 private:
  bool refill() {
    if (m_eof) return false;
    const std::size_t got = std::fread(m_in.data(), 1, m_in.size(), m_file);
    if (got < m_in.size()) {
      if (std::ferror(m_file)) fail(m_path, std::string("read error: ") + std::strerror(errno));
      m_eof = true;
    }
    m_stream.next_in = m_in.data();
    m_stream.avail_in = static_cast<uInt>(got);
    return got > 0;
  }

  // After one gzip member: end of file, another member (1f 8b), or garbage.
  void nextMember() {
    if (m_stream.avail_in == 0) refill();
    if (m_stream.avail_in == 0) {
      m_finished = true;
      return;
    }
    if (m_stream.avail_in == 1 && !m_eof) {  // need two bytes to look at the magic
      const std::uint8_t first = m_stream.next_in[0];
      m_in[0] = first;
      const std::size_t got = std::fread(m_in.data() + 1, 1, m_in.size() - 1, m_file);
      if (got < m_in.size() - 1) m_eof = true;
      m_stream.next_in = m_in.data();
      m_stream.avail_in = static_cast<uInt>(got + 1);
    }
    if (m_stream.avail_in >= 2 && m_stream.next_in[0] == 0x1f && m_stream.next_in[1] == 0x8b) {
      inflateReset(&m_stream);
      return;
    }
    std::uint64_t extra = m_stream.avail_in;
    m_stream.avail_in = 0;
    std::array<std::uint8_t, 1 << 14> sink;
    while (!m_eof) {
      const std::size_t got = std::fread(sink.data(), 1, sink.size(), m_file);
      extra += got;
      if (got < sink.size()) m_eof = true;
    }
    fail(m_path, "file has " + std::to_string(extra) + " extra bytes of garbage after the gzip stream");
  }

  std::FILE* m_file;
  std::string m_path;
  std::vector<std::uint8_t> m_in;
  z_stream m_stream{};
  bool m_eof = false;
  bool m_finished = false;
};

}  // namespace

IdxArray readIdx(const std::string& path, std::uint64_t maxBytes) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (status.type() == fs::file_type::not_found) fail(path, "does not exist");
  if (ec || !fs::exists(status)) fail(path, "cannot access: " + ec.message());
  if (fs::is_directory(status)) fail(path, "is a directory, not a file");
  if (!fs::is_regular_file(status)) fail(path, "is not a regular file");
  const std::uint64_t fileSize = fs::file_size(path, ec);
  if (ec) fail(path, "cannot determine its size: " + ec.message());
  if (fileSize == 0) fail(path, "is empty (0 bytes)");

  FilePtr file(std::fopen(path.c_str(), "rb"));
  if (!file) fail(path, std::string("cannot open: ") + std::strerror(errno));

  // Gzip is recognised by its magic bytes 1f 8b; an IDX file starts with 00 00, so no ambiguity.
  std::uint8_t sniff[2] = {0, 0};
  const std::size_t sniffed = std::fread(sniff, 1, 2, file.get());
  const bool gzip = sniffed == 2 && sniff[0] == 0x1f && sniff[1] == 0x8b;
  std::rewind(file.get());
  std::unique_ptr<ByteSource> source;
  if (gzip)
    source = std::make_unique<GzipSource>(file.get(), path);
  else
    source = std::make_unique<RawSource>(file.get(), path);
  const std::string what = gzip ? "decompressed data" : "file";

  std::uint8_t magic[4];
  const std::size_t gotMagic = source->read(magic, 4);
  if (gotMagic == 0) fail(path, "is empty (" + what + " has 0 bytes)");
  if (gotMagic < 4)
    fail(path, "truncated header: " + what + " has only " + std::to_string(gotMagic) + " bytes, the magic number needs 4");
  if (magic[0] != 0 || magic[1] != 0) {
    std::ostringstream text;
    text << "bad magic number " << hexByte(magic[0]) << ' ' << hexByte(magic[1]) << ' ' << hexByte(magic[2]) << ' '
         << hexByte(magic[3]) << " (expected 0x00 0x00 0x08 ndims): not an IDX file";
    fail(path, text.str());
  }
  if (magic[2] != 0x08) {
    const char* type = magic[2] == 0x09   ? " (signed byte)"
                       : magic[2] == 0x0B ? " (short)"
                       : magic[2] == 0x0C ? " (int)"
                       : magic[2] == 0x0D ? " (float)"
                       : magic[2] == 0x0E ? " (double)"
                                          : "";
    fail(path, "unsupported data type " + hexByte(magic[2]) + type +
                   " in the magic number; only unsigned byte (0x08) IDX files are supported");
  }
  const int ndims = magic[3];
  if (ndims < 1 || ndims > 4)
    fail(path, "magic number says " + std::to_string(ndims) + " dimensions; expected 1 to 4");

  std::uint8_t dimBytes[16];
  const std::size_t headerDims = 4u * static_cast<std::size_t>(ndims);
  const std::size_t gotDims = source->read(dimBytes, headerDims);
  if (gotDims < headerDims)
    fail(path, "truncated header: " + std::to_string(ndims) + " dimensions need " + std::to_string(headerDims) +
                   " bytes after the magic number, " + what + " has only " + std::to_string(gotDims));

  IdxArray result;
  result.dims.resize(ndims);
  std::uint64_t payload = 1;
  bool overflow = false;
  for (int d = 0; d < ndims; ++d) {
    const std::uint8_t* b = dimBytes + 4 * d;
    result.dims[d] = (std::uint32_t(b[0]) << 24) | (std::uint32_t(b[1]) << 16) | (std::uint32_t(b[2]) << 8) | b[3];
    overflow = __builtin_mul_overflow(payload, std::uint64_t(result.dims[d]), &payload) || overflow;
  }
  auto dimsText = [&] {
    std::string text;
    for (std::size_t d = 0; d < result.dims.size(); ++d) text += (d ? " x " : "") + std::to_string(result.dims[d]);
    return text;
  };
  // A zero dimension makes the product 0 even if another factor overflowed; that is consistent.
  if (overflow && payload != 0)
    fail(path, "dimensions " + dimsText() + " are too large: their product overflows 64 bits");
  if (payload > maxBytes)
    fail(path, "dimensions " + dimsText() + " are too large: " + std::to_string(payload) +
                   " bytes exceed the limit of " + std::to_string(maxBytes) + " bytes");
  const std::string needsMemory = "the IDX file '" + path + "' (" + dimsText() + ")";

  const std::uint64_t headerSize = 4 + headerDims;
  if (!gzip) {
    // Raw: the file size is known, so check it before allocating anything.
    const std::uint64_t available = fileSize - headerSize;
    if (available < payload)
      fail(path, "truncated payload: dimensions " + dimsText() + " need " + std::to_string(payload) +
                     " bytes but the file holds only " + std::to_string(available));
    if (available > payload) fail(path, "file has " + std::to_string(available - payload) + " extra bytes after the payload");
    requireMemory(payload, needsMemory);
    result.values.resize(payload);
    const std::size_t got = source->read(result.values.data(), payload);
    if (got < payload) fail(path, "truncated payload: file shrank while reading");
    if (source->drain() > 0) fail(path, "file has extra bytes after the payload (file grew while reading)");
    return result;
  }

  // Gzip: the decompressed size is unknown up front; reserve only what the compressed size can
  // justify and grow with the data actually decoded. Deflate expands at most 1032:1, so a claim
  // beyond that is a truncated file whatever the memory.
  const std::uint64_t mostDecodable = fileSize * kMaxDeflateRatio + kChunk;
  if (payload > mostDecodable)
    fail(path, "truncated payload: dimensions " + dimsText() + " need " + std::to_string(payload) +
                   " bytes but a gzip file of " + std::to_string(fileSize) + " bytes decodes to at most " +
                   std::to_string(mostDecodable));
  requireMemory(payload, needsMemory);
  result.values.reserve(std::min<std::uint64_t>(payload, mostDecodable));
  std::uint64_t have = 0;
  while (have < payload) {
    const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(payload - have, kChunk));
    result.values.resize(have + want);
    const std::size_t got = source->read(result.values.data() + have, want);
    have += got;
    if (got < want)
      fail(path, "truncated payload: dimensions " + dimsText() + " need " + std::to_string(payload) +
                     " bytes but the decompressed data holds only " + std::to_string(have));
  }
  if (const std::uint64_t extra = source->drain(); extra > 0)
    fail(path, "file has " + std::to_string(extra) + " extra bytes after the payload (decompressed)");
  return result;
}

}  // namespace vpf
