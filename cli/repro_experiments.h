#pragma once
// The experiments of `vpf repro` (paper "Experiments"), as a plan of tasks run in order against a
// ReproContext (resumable). The result is one JSON document with every number the report and the
// figures need; it is also written to results.json.
#include <functional>
#include <nlohmann/json.hpp>

#include "cli/repro_context.h"

namespace vpf::cli {

/// One step of the plan: run against the context, cached and resumable inside.
struct ReproTask {
  std::string label;
  double estimate;  // seconds on the reference machine, for the ETA
  std::function<void()> run;
};

/// Key of a Table 1 model, e.g. "mnist-rbm196-cd10-e20-s2".
/// The VPF models' λ follows the choices made on the validation slice (ReproContext::choice).
ModelSpec table1Spec(const ReproContext& ctx, const std::string& method, std::uint64_t seed);
ModelSpec rbmSpec(const ReproContext& ctx, const std::string& dataset, int hidden);
ModelSpec dbmSpec(const ReproContext& ctx, const std::string& dataset, bool intra);
/// "VPF", "CD-10", … as in the paper's Table 1.
std::string methodLabel(const std::string& algo);

/// Table 2's Parzen scores of `samples` (grey images in [0, 1]) against the grey test rows `testGrey`:
/// at σ = parzenSigma, and at the σ selectParzenSigma picks on the grey validation rows `validation`
/// (the "selected σ" column). Progress goes to the current task part (0.1 … 0.8).
nlohmann::json table2Parzen(ReproContext& ctx, const Matrix& samples, const Matrix& testGrey, const Matrix& validation);

/// Runs every experiment (training, Table 1, Table 2 with σ selection); returns the results.
nlohmann::json runReproExperiments(ReproContext& ctx);

}  // namespace vpf::cli
