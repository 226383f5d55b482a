#pragma once
// The Bengio et al. 2015 experiment of `vpf repro` (spec A5–A7, C1): the target-propagation model
// trained on grey training images 0–49,999 (models/<key>.npz, resumable), its prior fitted, κ chosen
// on validation images 50,000+, then Table 2's Parzen rows on the test set (Alg. 2 and directed) and
// the data of Fig. 4. Results go to results["targetprop"] and two rows of results["table2"].
#include <vector>

#include "cli/repro_experiments.h"
#include "core/targetprop/generate.h"
#include "core/targetprop/tp_model_file.h"

namespace vpf::cli {

/// "Bengio et al. 2015 (targetprop)" / "… (directed)": Table 2's model names of the two rows.
std::string tpTable2Label(bool directed);
/// Model file key of the settings, e.g. "mnist-tp784-1000-100-rmsprop-lr1e-05-e20-b100-s1-n50000".
std::string tpModelKey(const ReproSettings& s);
/// The trained model with its prior (trained, resumed or loaded from models/<key>.npz).
targetprop::TpModelFile reproTpModel(ReproContext& ctx);
/// GENERATE as the paper runs it (core/targetprop/validation_parzen.h) at prior scale κ, in `mode`.
targetprop::GenerateSettings tpGenerateSettings(const targetprop::TpModelFile& f, double kappa,
                                                targetprop::GenerateMode mode);
/// Fig. 4: dashed individual curves kept per mode.
inline constexpr int kTpIndividualCurves = 10;

/// Appends the experiment's tasks to the plan.
void planTargetPropExperiments(ReproContext& ctx, nlohmann::json& results, std::vector<ReproTask>& plan);

}  // namespace vpf::cli
