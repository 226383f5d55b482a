// Whole .npz model files (zip container, members, meta.json, shapes, checkpoint state), through
// every loader (model_round_trip.h). Seeds: tests/fuzz/corpus/model_file (fuzz_make_corpus).
#include "tests/fuzz/model_round_trip.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  vpf::fuzz::loadEveryWay(vpf::fuzz::writeScratchFile("input.npz", vpf::fuzz::asString(data, size)));
  return 0;
}
