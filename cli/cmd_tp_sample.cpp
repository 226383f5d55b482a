// vpf tp sample: GENERATE of Bengio et al. 2015 (Alg. 2, Fig. 3) — H2 from the fitted prior, decoded,
// then `rounds` INFERENCE/decode rounds with α = 0.3; or the directed p(x|h)p(h) baseline — to a PNG
// grid and optionally .npy.
#include <CLI/CLI.hpp>
#include <QImage>
#include <iostream>

#include "cli/tp_commands.h"
#include "cli/tp_support.h"
#include "core/io/npy.h"
#include "core/targetprop/generate.h"
#include "figures/figure_export.h"
#include "figures/filter_grid.h"

namespace vpf::cli {

namespace {

using namespace targetprop;

struct TpSampleOptions {
  std::string model, mode = "alg2", out, npy, dataset;
  int count = 100, rounds = 3, columns = 0, priorImages = tp::kPriorImages;
  double alpha = 0.3, priorScale = 0;  // 0: the file's κ
  std::uint64_t seed = 42;
};

void runTpSample(const TpSampleOptions& o) {
  TpModelFile file = loadTpModel(o.model);
  const DataSplits splits = tp::loadTpSplits(tp::datasetOf(o.dataset, file.meta));
  tp::ensurePrior(file, splits, o.priorImages);
  GenerateSettings settings;
  settings.mode = parseGenerateMode(o.mode);
  settings.rounds = o.rounds;
  settings.priorScale = o.priorScale > 0 ? o.priorScale : file.meta.priorScale;
  settings.inference.iterations = file.meta.config.inference.iterations;
  settings.inference.delta = file.meta.config.inference.delta;
  settings.inference.alpha = o.alpha;
  Rng rng(o.seed);
  const Matrix samples = generate(file.model, o.count, settings, rng);
  if (!o.npy.empty()) saveNpy(o.npy, samples);
  const auto [height, width] = tp::imageShape(splits, file.model.arch.visible);
  const QImage grid = renderImageGrid(samples, width, height, o.columns);
  const QImage scaled = grid.scaled(grid.size() * 2, Qt::KeepAspectRatio, Qt::FastTransformation);
  saveImageFile(scaled, QString::fromStdString(o.out));
  std::cerr << "tp sample: " << o.count << " " << generateModeName(settings.mode) << " samples (";
  if (settings.mode == GenerateMode::Alg2) std::cerr << o.rounds << " rounds, α " << o.alpha << ", ";
  std::cerr << "κ " << settings.priorScale << ", seed " << o.seed << ")\n";
  std::cout << o.out << "\n";
  if (!o.npy.empty()) std::cout << o.npy << "\n";
}

}  // namespace

void addTpSampleCommand(CLI::App& tp) {
  auto o = std::make_shared<TpSampleOptions>();
  CLI::App* cmd = tp.add_subcommand("sample", "GENERATE samples (Alg. 2, Fig. 3) or directed ones, as a PNG grid");
  cmd->add_option("--model", o->model, "target-propagation model file (.npz)")->required();
  cmd->add_option("--count", o->count, "number of samples")->capture_default_str()->check(CLI::Range(1, 1000000));
  cmd->add_option("--mode", o->mode, "alg2 (GENERATE) | directed (p(x|h)p(h), the paper's 126 baseline)")
      ->capture_default_str()
      ->check(CLI::IsMember({"alg2", "directed"}));
  cmd->add_option("--rounds", o->rounds, "INFERENCE/decode rounds after the first decode")
      ->capture_default_str()
      ->check(CLI::Range(0, 1000));
  cmd->add_option("--alpha", o->alpha, "α of INFERENCE while generating (paper 0.3)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 10.0));
  cmd->add_option("--prior-scale", o->priorScale, "κ of the prior's variance (default: the file's; paper 4, code 16)")
      ->check(CLI::Range(1e-6, 1e6));
  cmd->add_option("--out", o->out, "grid.png")->required();
  cmd->add_option("--npy", o->npy, "the samples as count × n0 float32 .npy");
  cmd->add_option("--columns", o->columns, "grid columns (default: near-square)")->check(CLI::Range(0, 10000));
  cmd->add_option("--dataset", o->dataset, "data for the image shape and a missing prior (default: the model's)");
  cmd->add_option("--prior-images", o->priorImages, "training images to fit a missing prior on (0: all)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--seed", o->seed, "random seed")->capture_default_str();
  cmd->callback([o] { runTpSample(*o); });
}

}  // namespace vpf::cli
