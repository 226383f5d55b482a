#pragma once
// Reader for the IDX format of MNIST / Fashion-MNIST (LeCun's format: magic 0x0000 08 D,
// big-endian dimension sizes, unsigned-byte payload). Accepts gzip-compressed (.gz, detected by
// its magic bytes, not the name) or raw files. Every malformed input throws vpf::Error naming the
// file and the problem, before allocating more than the file can justify.
#include <cstdint>
#include <string>
#include <vector>

namespace vpf {

struct IdxArray {
  std::vector<std::uint32_t> dims;   // e.g. {60000, 28, 28} or {60000}
  std::vector<std::uint8_t> values;  // row-major payload, product(dims) bytes
  std::uint64_t count() const { return dims.empty() ? 0 : dims[0]; }
};

/// Reads an unsigned-byte IDX file. `maxBytes` bounds the decompressed payload.
IdxArray readIdx(const std::string& path, std::uint64_t maxBytes = 1ull << 31);

}  // namespace vpf
