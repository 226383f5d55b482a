#pragma once
// What a model-file fuzz target checks once a loader has accepted a file: the model can be saved
// again and the saved file loads. A loader that accepts what the writer then refuses (or the other
// way round) is a finding, so those errors abort instead of counting as a clean refusal.
#include <cstdio>
#include <cstdlib>

#include "core/io/model_file.h"
#include "core/io/model_kind.h"
#include "core/targetprop/tp_model_file.h"
#include "tests/fuzz/fuzz_input.h"

namespace vpf::fuzz {

template <typename Body>
void mustSucceed(const char* what, Body&& body) {
  try {
    body();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s failed on an accepted model: %s\n", what, e.what());
    std::abort();
  }
}

/// Every loader the app and the CLI call on a model file, on `path`.
inline void loadEveryWay(const std::string& path) {
  expectAcceptedOrRefused([&] { modelFileKind(path); });
  try {
    const ModelFile f = loadModel(path);
    mustSucceed("save + load of a Boltzmann model", [&] {
      const std::string copy = (scratchFolder() / "copy.npz").string();
      saveModel(copy, f.model, f.meta, f.trainerState ? &*f.trainerState : nullptr);
      loadModel(copy);
    });
  } catch (const Error&) {
  }
  try {
    const targetprop::TpModelFile f = targetprop::loadTpModel(path);
    mustSucceed("save + load of a targetprop model", [&] {
      const std::string copy = (scratchFolder() / "copy-tp.npz").string();
      targetprop::saveTpModel(copy, f.model, f.meta, f.trainerState ? &*f.trainerState : nullptr);
      targetprop::loadTpModel(copy);
    });
  } catch (const Error&) {
  }
}

}  // namespace vpf::fuzz
