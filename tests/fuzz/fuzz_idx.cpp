// IDX images/labels, raw or gzip (detected by magic): readIdx must read a well-formed file or
// refuse it with vpf::Error, and never allocate beyond its byte limit.
#include "core/data/idx_reader.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = vpf::fuzz::writeScratchFile("input.idx", vpf::fuzz::asString(data, size));
  vpf::fuzz::expectAcceptedOrRefused([&] {
    const vpf::IdxArray a = vpf::readIdx(path, 16u << 20);
    std::uint64_t product = 1;
    for (const std::uint32_t d : a.dims) product *= d;
    if (a.dims.empty() || product != a.values.size()) std::abort();  // accepted, but inconsistent
  });
  return 0;
}
