#pragma once
// The experiments of `vpf repro` (paper "Experiments"), as a plan of tasks run in order against a
// ReproContext (resumable). The result is one JSON document with every number the report and the
// figures need; it is also written to results.json.
#include <nlohmann/json.hpp>

#include "cli/repro_context.h"

namespace vpf::cli {

/// Key of a Table 1 model, e.g. "mnist-rbm196-cd10-e20-s2".
/// The VPF models' λ follows the choices made on the validation slice (ReproContext::choice).
ModelSpec table1Spec(const ReproContext& ctx, const std::string& method, std::uint64_t seed);
ModelSpec rbmSpec(const ReproContext& ctx, const std::string& dataset, int hidden);
ModelSpec dbmSpec(const ReproContext& ctx, const std::string& dataset, bool intra);
/// "VPF", "CD-10", … as in the paper's Table 1.
std::string methodLabel(const std::string& algo);

/// Runs every experiment (training, Table 1, Table 2 with σ selection); returns the results.
nlohmann::json runReproExperiments(ReproContext& ctx);

}  // namespace vpf::cli
