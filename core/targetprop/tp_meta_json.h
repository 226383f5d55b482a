#pragma once
// meta.json of target-propagation model files (spec C1 "Model file"): the training settings (without
// the architecture, which the file states once at the top level), the per-epoch losses and the
// trainer state. Readers check types and ranges and throw vpf::Error("meta.json: <key>: …").
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/targetprop/tp_trainer.h"

namespace vpf::targetprop {

nlohmann::json toJson(const TpArchitecture& arch);  // {"sizes": […], "activations": {f1, f2, g1, g2}}
nlohmann::json toJson(const TpConfig& config);      // everything but the architecture
nlohmann::json toJson(const TpLosses& losses);
nlohmann::json toJson(const std::vector<TpEpochStats>& history);

/// `j` is the whole meta.json (sizes and activations at its top level).
TpArchitecture tpArchitectureFromJson(const nlohmann::json& j);
TpConfig tpConfigFromJson(const nlohmann::json& j, const std::string& where, const TpArchitecture& arch);
std::vector<TpEpochStats> tpHistoryFromJson(const nlohmann::json& j, const std::string& where);

}  // namespace vpf::targetprop
