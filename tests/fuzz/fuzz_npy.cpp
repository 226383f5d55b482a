// .npy decoding (the members of every model file): decodeNpy and npyToMatrix accept a well-formed
// buffer or refuse it with vpf::Error; an accepted array's payload matches its shape and dtype.
#include "core/io/npy.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string buffer = vpf::fuzz::asString(data, size);
  vpf::fuzz::expectAcceptedOrRefused([&] {
    const vpf::NpyArray a = vpf::decodeNpy(buffer, "input.npy");
    std::uint64_t count = 1;
    for (const std::uint64_t d : a.shape) count *= d;
    const std::uint64_t itemSize = a.dtype == "<f8" ? 8 : a.dtype == "<f4" ? 4 : 1;
    if (count * itemSize != a.bytes.size()) std::abort();
    const vpf::Matrix m = vpf::npyToMatrix(a, "input.npy");
    if (static_cast<std::uint64_t>(m.size()) != count) std::abort();
  });
  return 0;
}
