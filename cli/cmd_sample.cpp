// vpf sample: confabulations by paper Alg. 2 (prior R or P) to an image grid (.png) or .npy.
#include <CLI/CLI.hpp>
#include <QImage>
#include <iostream>

#include "cli/cli_support.h"
#include "cli/commands.h"
#include "core/common/error.h"
#include "core/io/model_file.h"
#include "core/io/npy.h"
#include "core/protocols/paper_protocol.h"
#include "core/sampling/confabulation.h"
#include "figures/figure_export.h"
#include "figures/filter_grid.h"

namespace vpf::cli {

namespace {

struct SampleOptions {
  std::string model, prior = "random", out, dataset;
  int count = 100, steps = 5, columns = 0;
  std::uint64_t seed = 42;
};

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

void runSample(const SampleOptions& o) {
  const ModelFile file = loadModel(o.model);
  const ConfabulationPrior prior = parsePrior(o.prior);
  std::vector<RowVector> means;
  int rows = 28, cols = 28;
  if (prior == ConfabulationPrior::Mean) {
    const std::string dataset = o.dataset.empty() ? file.meta.dataset : o.dataset;
    LoadedData data = loadData(dataset.empty() ? "mnist" : dataset, protocol::kStatisticsImages, 1,
                               static_cast<float>(file.meta.config.binarizeThreshold));
    means = meanBottomUpActivations(file.model, data.train);
    rows = data.splits.train.rows;
    cols = data.splits.train.cols;
  }
  if (rows * cols != file.model.sizes[0]) {  // non-28×28 models: square if possible, else one row
    const int side = static_cast<int>(std::lround(std::sqrt(file.model.sizes[0])));
    rows = side * side == file.model.sizes[0] ? side : 1;
    cols = file.model.sizes[0] / rows;
  }
  Rng rng(o.seed);
  const Matrix samples =
      confabulate(file.model, o.count, prior, o.steps, rng, prior == ConfabulationPrior::Mean ? &means : nullptr);
  if (endsWith(o.out, ".npy")) {
    saveNpy(o.out, samples);
  } else {
    const QImage grid = renderImageGrid(samples, cols, rows, o.columns);
    const QImage scaled = grid.scaled(grid.size() * 2, Qt::KeepAspectRatio, Qt::FastTransformation);
    saveImageFile(scaled, QString::fromStdString(o.out));
  }
  std::cerr << "sample: " << o.count << " confabulations (prior " << (prior == ConfabulationPrior::Random ? "R" : "P")
            << ", r = " << o.steps << ", seed " << o.seed << ")\n";
  std::cout << o.out << "\n";
}

}  // namespace

void addSampleCommand(CLI::App& app) {
  auto o = std::make_shared<SampleOptions>();
  CLI::App* cmd = app.add_subcommand("sample", "Generate confabulations (paper Alg. 2) as an image grid or .npy");
  cmd->add_option("--model", o->model, "model file (.npz)")->required();
  cmd->add_option("--prior", o->prior, "random (R) | mean (P)")
      ->check(CLI::IsMember({"random", "mean", "R", "P", "r", "p"}))
      ->capture_default_str();
  cmd->add_option("--count", o->count, "number of samples")->capture_default_str()->check(CLI::Range(1, 1000000));
  cmd->add_option("--steps", o->steps, "r, Gibbs steps per layer")->capture_default_str()->check(CLI::Range(1, 100000));
  cmd->add_option("--out", o->out, "grid.png | samples.npy")->required();
  cmd->add_option("--columns", o->columns, "grid columns (default: near-square)");
  cmd->add_option("--dataset", o->dataset, "data for prior P (default: the model's)");
  cmd->add_option("--seed", o->seed, "random seed")->capture_default_str();
  cmd->callback([o] { runSample(*o); });
}

}  // namespace vpf::cli
