// vpf info: a model file's architecture, training settings and metric history (Boltzmann machines
// here, target-propagation files in tp_info.cpp, told apart by meta.json's kind).
#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/tp_commands.h"
#include "core/io/model_file.h"
#include "core/io/model_kind.h"
#include "core/metrics/weight_stats.h"

namespace vpf::cli {

namespace {

void runInfo(const std::string& path, bool json) {
  if (isTargetPropKind(modelFileKind(path))) return printTpInfo(path, json);
  const ModelFile f = loadModel(path);
  const auto& c = f.meta.config;
  nlohmann::json j;
  j["file"] = path;
  j["kind"] = machineKind(f.model);
  j["sizes"] = f.model.sizes;
  j["parameters"] = f.model.parameterCount();
  j["algorithm"] = algorithmName(c);
  j["dataset"] = f.meta.dataset;
  j["epochs"] = f.meta.epochsDone;
  j["batch_size"] = c.batchSize;
  j["learning_rate"] = c.learningRate;
  j["weight_decay"] = c.weightDecay;
  j["seed"] = c.seed;
  j["binarize_threshold"] = c.binarizeThreshold;
  j["checkpoint"] = f.trainerState.has_value();
  std::vector<double> rho, w2;
  for (const auto& w : f.model.W) {
    rho.push_back(weightSparsity(w));
    w2.push_back(squaredWeight(w));
  }
  j["sparsity"] = rho;
  j["squared_weight"] = w2;
  if (!f.meta.history.empty()) j["final_objective"] = f.meta.history.back().objective;
  if (json) {
    std::cout << j.dump(2) << "\n";
    return;
  }
  std::cout << "file            " << path << "\nmodel           " << j["kind"].get<std::string>() << " ";
  for (std::size_t l = 0; l < f.model.sizes.size(); ++l) std::cout << (l ? "-" : "") << f.model.sizes[l];
  std::cout << " (" << f.model.parameterCount() << " parameters)\n"
            << "trained by      " << algorithmName(c) << " on " << f.meta.dataset << " (binarised at "
            << c.binarizeThreshold << "), " << f.meta.epochsDone << " epochs, batch " << c.batchSize << ", lr "
            << c.learningRate << ", weight decay " << c.weightDecay << ", seed " << c.seed << "\n"
            << "resumable       " << (f.trainerState ? "yes (checkpoint)" : "no") << "\n";
  for (std::size_t l = 0; l < rho.size(); ++l)
    std::cout << "W" << l << "              rho " << rho[l] << ", w2 " << w2[l] << "\n";
  if (!f.meta.history.empty()) std::cout << "final objective " << f.meta.history.back().objective << "\n";
}

}  // namespace

void addInfoCommand(CLI::App& app) {
  auto path = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand("info", "Summarise a model file");
  cmd->add_option("model", *path, "model file (.npz)")->required();
  cmd->add_flag("--json", *json, "print JSON");
  cmd->callback([path, json] { runInfo(*path, *json); });
}

}  // namespace vpf::cli
