// Writes the seed corpora of tests/fuzz/corpus/<target>/ from the real writers (small, valid files
// of every format, plus a few near misses); run after a format change: fuzz_make_corpus <folder>.
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/io/npy.h"
#include "tests/fuzz/fuzz_models.h"

namespace {

namespace fs = std::filesystem;
using namespace vpf;

fs::path g_root;

void put(const std::string& target, const std::string& name, const std::string& bytes) {
  fs::create_directories(g_root / target);
  std::ofstream out(g_root / target / name, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string gzip(const std::string& raw) {
  z_stream z{};
  deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);  // 16: gzip wrapper
  std::string out(deflateBound(&z, raw.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(raw.data()));
  z.avail_in = static_cast<uInt>(raw.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string idx(const std::vector<std::uint32_t>& dims, std::uint8_t seed) {
  std::string s = {0, 0, 0x08, static_cast<char>(dims.size())};
  std::size_t count = 1;
  for (const std::uint32_t d : dims) {
    for (int shift = 24; shift >= 0; shift -= 8) s.push_back(static_cast<char>((d >> shift) & 0xff));
    count *= d;
  }
  for (std::size_t i = 0; i < count; ++i) s.push_back(static_cast<char>((seed + 37 * i) % 256));
  return s;
}

std::string labels(std::uint32_t n) {
  std::string s = idx({n}, 0);
  for (std::uint32_t i = 0; i < n; ++i) s[8 + i] = static_cast<char>(i % 10);
  return s;
}

// FuzzedDataProvider::ConsumeRandomLengthString's framing: "\\" is a backslash, "\\" + other ends.
std::string framed(const std::string& s) {
  std::string out;
  for (const char c : s) {
    out.push_back(c);
    if (c == '\\') out.push_back('\\');
  }
  return out + "\\;";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: fuzz_make_corpus <tests/fuzz/corpus>\n");
    return 2;
  }
  g_root = argv[1];

  const std::string images = idx({3, 4, 4}, 1), testImages = idx({2, 4, 4}, 9);
  put("idx", "images", images);
  put("idx", "images.gz", gzip(images));
  put("idx", "labels", labels(3));
  put("idx", "labels.gz", gzip(labels(3)));
  put("idx", "truncated", images.substr(0, images.size() - 5));
  put("dataset", "raw", framed(images) + framed(labels(3)) + framed(testImages) + labels(2));
  put("dataset", "gzip", framed(gzip(images)) + framed(gzip(labels(3))) + framed(gzip(testImages)) + gzip(labels(2)));

  const float values[6] = {0.5f, -1.0f, 2.0f, 0.0f, 1e-3f, 3.0f};
  const std::uint8_t bytes[6] = {0, 1, 2, 3, 4, 255};
  put("npy", "f4-2x3.npy", encodeNpy(values, {2, 3}));
  put("npy", "f4-6.npy", encodeNpy(values, {6}));
  put("npy", "u1-3x2.npy", encodeNpyU8(bytes, {3, 2}));

  const std::vector<fuzz::BaseModelFile> bases = fuzz::makeBaseModelFiles();
  for (std::size_t i = 0; i < bases.size(); ++i) {
    put("model_file", bases[i].name + ".npz", buildZip(bases[i].members));
    for (const auto& [name, contents] : bases[i].members)
      if (name == "meta.json") put("meta_json", bases[i].name, std::string(1, static_cast<char>(i)) + contents);
  }

  const char* specs[][2] = {
      {"\x00", "rbm:196"}, {"\x01", "dbm:196,196,64"}, {"\x02", "pcd:10"},    {"\x02", "vpf"},
      {"\x03", "top"},     {"\x04", "weak:0.5"},       {"\x05", "hard"},      {"\x06", "grey"},
      {"\x07", "P"},       {"\x08", "noise"},          {"\x09", "uniform"},   {"\x0a", "softplus"},
      {"\x0b", "alg2"},    {"\x0c", "gradient"},       {"\x0d", "bernoulli"}, {"\x0e", "adam"}};
  for (std::size_t i = 0; i < std::size(specs); ++i)
    put("specs", "spec" + std::to_string(i), std::string(1, specs[i][0][0]) + specs[i][1]);

  put("bipoo_csv", "header", "dt_ms,dw,stderr\n-40,-0.1,0.02\n# note\n10,0.5,0.1\n\n25;0.3\n");
  put("bipoo_csv", "tabs", "5\t0.6\n-5\t-0.2\n");
  std::printf("corpus written to %s\n", argv[1]);
  return 0;
}
