#pragma once
// NumPy .npy (format 1.0) encoding/decoding of float32 and uint8 arrays in memory.
#include <cstdint>
#include <string>
#include <vector>

#include "core/common/types.h"

namespace vpf {

struct NpyArray {
  std::string dtype;                  // "<f4", "|u1", "<f8"
  std::vector<std::uint64_t> shape;
  std::vector<std::uint8_t> bytes;    // raw little-endian payload, C order
};

std::string encodeNpy(const float* data, const std::vector<std::uint64_t>& shape);
std::string encodeNpyU8(const std::uint8_t* data, const std::vector<std::uint64_t>& shape);
/// Throws vpf::Error("<what>: …") on a malformed buffer.
NpyArray decodeNpy(const std::string& buffer, const std::string& what);
/// Matrix from a 2-D (or 1-D → 1 × n) float32 array; throws on other dtypes.
Matrix npyToMatrix(const NpyArray& array, const std::string& what);

/// Writes a single matrix (rows × cols float32) as a .npy file (atomically).
void saveNpy(const std::string& path, const Matrix& m);

}  // namespace vpf
