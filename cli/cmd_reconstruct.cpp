// vpf reconstruct: the paper's Table 1 for one model — mean L1 reconstruction error of corrupted
// test images (Top/Bottom/Left/Right, 12 rows/cols) after clamped Gibbs transitions.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/cli_support.h"
#include "cli/commands.h"
#include "core/common/error.h"
#include "core/common/paper_reference.h"
#include "core/data/corruption.h"
#include "core/io/model_file.h"
#include "core/protocols/table1.h"

namespace vpf::cli {

namespace {

struct ReconstructOptions {
  std::string model, pattern = "all", dataset, start = "noise";
  int gibbs = 0, testLimit = 0, rows = protocol::kTable1CorruptedRows;
  std::uint64_t seed = 42;
  bool json = false;
};

void runReconstruct(const ReconstructOptions& o) {
  const ModelFile file = loadModel(o.model);
  const std::string algo = algorithmName(file.meta.config);
  const int gibbs = o.gibbs > 0 ? o.gibbs : protocol::reconstructionTransitions(file.meta.config);
  const std::string dataset = o.dataset.empty() ? file.meta.dataset : o.dataset;
  LoadedData data = loadData(dataset.empty() ? "mnist" : dataset, 1, o.testLimit,
                             static_cast<float>(file.meta.config.binarizeThreshold));
  if (data.test.cols() != file.model.sizes[0])
    throw Error("the model has " + std::to_string(file.model.sizes[0]) + " visible units but " + dataset +
                " images have " + std::to_string(data.test.cols()) + " pixels");

  const std::vector<CorruptionPattern> patterns =
      o.pattern == "all" ? protocol::table1Patterns() : std::vector{parseCorruptionPattern(o.pattern)};
  protocol::Table1Settings settings;
  settings.imageRows = data.splits.test.rows;
  settings.imageCols = data.splits.test.cols;
  settings.corruptedRows = o.rows;
  settings.transitions = gibbs;
  settings.seed = o.seed;
  settings.start = parseCorruptionStart(o.start);
  Progress progress("reconstruct");
  const auto scores = protocol::evaluateTable1(
      file.model, data.test, settings,
      [&](double f, CorruptionPattern p) {
        progress.update(f, patternName(p));
        return true;
      },
      patterns);
  progress.finish();

  nlohmann::json out = nlohmann::json::array();
  for (const auto& [p, s] : scores) {
    out.push_back({{"pattern", patternName(p)},
                   {"error_mean", s.mean},
                   {"error_std", s.stddev},
                   {"gibbs", gibbs},
                   {"images", s.images},
                   {"start", o.start},
                   {"paper", paper::table1(static_cast<int>(p), algo)}});
  }
  if (o.json) {
    std::cout << out.dump(2) << "\n";
    return;
  }
  std::cout << "Reconstruction error (L1, Σ|x − x̂| per image), " << machineKind(file.model) << " ";
  for (std::size_t l = 0; l < file.model.sizes.size(); ++l) std::cout << (l ? "-" : "") << file.model.sizes[l];
  std::cout << " by " << algo << ", " << out[0]["images"].get<int>() << " test images binarised at "
            << file.meta.config.binarizeThreshold << ", " << o.rows << " rows/cols corrupted, " << gibbs
            << " Gibbs transitions, corrupted pixels start as " << o.start << ", seed " << o.seed << "\n";
  std::cout << "Corruption   error_mean   error_std   paper (" << algo << ", RBM(196))\n";
  for (const auto& row : out) {
    char line[160];
    const double paperValue = row["paper"].get<double>();
    std::snprintf(line, sizeof line, "%-10s %12.2f %11.2f   %s\n", row["pattern"].get<std::string>().c_str(),
                  row["error_mean"].get<double>(), row["error_std"].get<double>(),
                  paperValue >= 0 ? std::to_string(paperValue).substr(0, 4).c_str() : "-");
    std::cout << line;
  }
}

}  // namespace

void addReconstructCommand(CLI::App& app) {
  auto o = std::make_shared<ReconstructOptions>();
  CLI::App* cmd = app.add_subcommand("reconstruct", "Reconstruction error of corrupted test images (paper Table 1)");
  cmd->add_option("--model", o->model, "model file (.npz)")->required();
  cmd->add_option("--pattern", o->pattern, "top | bottom | left | right | all")
      ->check(CLI::IsMember({"top", "bottom", "left", "right", "all"}, CLI::ignore_case))
      ->capture_default_str();
  cmd->add_option("--gibbs", o->gibbs, "Gibbs transitions (default 2 for VPF models, 1000 for CD/PCD)")
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--test-limit", o->testLimit, "use only the first N test images")->check(CLI::NonNegativeNumber);
  cmd->add_option("--rows", o->rows, "corrupted rows/columns")->capture_default_str()->check(CLI::Range(0, 10000));
  cmd->add_option("--dataset", o->dataset, "data set (default: the model's)");
  cmd->add_option("--start", o->start, "corrupted pixels start as Bernoulli(1/2) noise (DESIGN §6) or zeros")
      ->check(CLI::IsMember({"noise", "zeros"}))
      ->capture_default_str();
  cmd->add_option("--seed", o->seed, "random seed (pattern p of top, bottom, left, right uses seed + p)")
      ->capture_default_str();
  cmd->add_flag("--json", o->json, "print a JSON list");
  cmd->callback([o] {
    ReconstructOptions opts = *o;
    std::transform(opts.pattern.begin(), opts.pattern.end(), opts.pattern.begin(), ::tolower);
    runReconstruct(opts);
  });
}

}  // namespace vpf::cli
