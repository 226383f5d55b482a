// meta.json, the part of a model file people edit by hand: the input's first byte picks one of
// the valid base files (fuzz_models.h), the rest replaces its meta.json, and the file goes through
// every loader (model_round_trip.h). Seeds: tests/fuzz/corpus/meta_json (fuzz_make_corpus).
#include "tests/fuzz/fuzz_models.h"
#include "tests/fuzz/model_round_trip.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace vpf::fuzz;
  static const std::vector<BaseModelFile> bases = makeBaseModelFiles();
  if (size == 0) return 0;
  Members members = bases[data[0] % bases.size()].members;
  for (auto& [name, contents] : members)
    if (name == "meta.json") contents = asString(data + 1, size - 1);
  loadEveryWay(writeScratchFile("input.npz", vpf::buildZip(members)));
  return 0;
}
