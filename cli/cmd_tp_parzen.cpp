// vpf tp parzen: the Parzen log-likelihood of the test set under GENERATE (Alg. 2) and directed
// samples — Bengio et al. 2015's 236 and 126 (spec A6: 10,000 samples, 10,000 grey test images,
// σ 0.2 or selected on validation images 50,000–51,000) — one row per mode next to the paper's value.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/cli_support.h"
#include "cli/tp_commands.h"
#include "cli/tp_support.h"
#include "core/common/paper_reference.h"
#include "core/protocols/parzen_protocol.h"
#include "core/targetprop/generate.h"

namespace vpf::cli {

namespace {

using namespace targetprop;

struct TpParzenOptions {
  std::string model, modes = "alg2,directed", testPixels = "grey", dataset, on = "test";
  double sigma = paper::bengio2015::kSigma, alpha = 0.3, priorScale = 0;  // 0: the file's κ
  bool selectSigma = false, json = false;
  int count = protocol::kParzenSamples, testLimit = 0, rounds = 3, priorImages = tp::kPriorImages;
  std::uint64_t seed = 42;
};

std::vector<GenerateMode> parseModes(const std::string& text) {
  std::vector<GenerateMode> modes;
  std::stringstream in(text);
  std::string name;
  while (std::getline(in, name, ',')) tp::asUsageError("--modes", [&] { modes.push_back(parseGenerateMode(name)); });
  if (modes.empty()) throw CLI::ValidationError("--modes", "name at least one of alg2, directed");
  return modes;
}

double paperValue(GenerateMode mode) {
  return mode == GenerateMode::Alg2 ? paper::bengio2015::kParzen : paper::bengio2015::kParzenDirected;
}

void runTpParzen(const TpParzenOptions& o) {
  const std::vector<GenerateMode> modes = parseModes(o.modes);
  TpModelFile file = loadTpModel(o.model);
  const DataSplits splits = tp::loadTpSplits(tp::datasetOf(o.dataset, file.meta));
  if (splits.test.pixels() != file.model.arch.visible)
    throw Error("the model's " + std::to_string(file.model.arch.visible) + " visible units do not match the " +
                std::to_string(splits.test.pixels()) + " pixels of " + splits.name);
  tp::ensurePrior(file, splits, o.priorImages);
  const protocol::TestPixels pixels = protocol::parseTestPixels(o.testPixels);
  // --on validation scores settings (κ, rounds) on images 50,000–59,999, never on the test set.
  const bool onValidation = o.on == "validation";
  const protocol::RowRange heldOut = tp::validationRange(splits, tp::kValidationImages);
  const int available = onValidation ? heldOut.count : splits.test.size();
  const int testImages = o.testLimit > 0 ? std::min(o.testLimit, available) : available;
  const Matrix test = onValidation ? protocol::parzenRows(splits.train.images, heldOut.begin, testImages, pixels, 0.5f)
                                   : protocol::parzenRows(splits.test.images, 0, testImages, pixels, 0.5f);
  const Matrix validation =
      o.selectSigma ? protocol::parzenValidationRows(splits.train.images, pixels, 0.5f) : Matrix();

  GenerateSettings settings;
  settings.rounds = o.rounds;
  settings.priorScale = o.priorScale > 0 ? o.priorScale : file.meta.priorScale;
  settings.inference.iterations = file.meta.config.inference.iterations;
  settings.inference.delta = file.meta.config.inference.delta;
  settings.inference.alpha = o.alpha;
  nlohmann::json rows = nlohmann::json::array();
  for (const GenerateMode mode : modes) {
    settings.mode = mode;
    Rng rng(o.seed);
    std::cerr << "tp parzen: " << o.count << " " << generateModeName(mode) << " samples…\n";
    const Matrix samples = generate(file.model, o.count, settings, rng);
    Progress progress("tp parzen " + generateModeName(mode));
    const ParzenResult r = protocol::scoreParzen(samples, test, o.sigma, o.selectSigma, validation, [&](double f) {
      progress.update(f);
      return true;
    });
    progress.finish();
    rows.push_back({{"mode", generateModeName(mode)},
                    {"sigma", r.sigma},
                    {"sigma_selected", o.selectSigma},
                    {"ll_mean", r.mean},
                    {"ll_se", r.standardError},
                    {"paper", paperValue(mode)},
                    {"difference", r.mean - paperValue(mode)},
                    {"samples", r.samples},
                    {"test_images", r.testImages},
                    {"scored_on", o.on},
                    {"test_pixels", protocol::testPixelsName(pixels)}});
  }
  if (o.json) {
    const nlohmann::json j{{"model", o.model},
                           {"epochs", file.meta.epochsDone},
                           {"prior_scale", settings.priorScale},
                           {"rounds", o.rounds},
                           {"alpha", o.alpha},
                           {"seed", o.seed},
                           {"rows", rows}};
    std::cout << j.dump(2) << "\n";
    return;
  }
  if (onValidation)
    std::printf("scored on validation images %d–%d (the paper's values are test numbers)\n", heldOut.begin,
                heldOut.begin + testImages - 1);
  std::printf("%-9s %7s %18s %7s %8s %8s %6s %s\n", "mode", "sigma", "log-likelihood", "paper", "diff.", "samples",
              "test", "pixels");
  for (const auto& r : rows)
    std::printf("%-9s %7.3g %9.2f ± %6.2f %7.0f %+8.2f %8d %6d %s\n", r["mode"].get<std::string>().c_str(),
                r["sigma"].get<double>(), r["ll_mean"].get<double>(), r["ll_se"].get<double>(),
                r["paper"].get<double>(), r["difference"].get<double>(), r["samples"].get<int>(),
                r["test_images"].get<int>(), r["test_pixels"].get<std::string>().c_str());
}

}  // namespace

void addTpParzenCommand(CLI::App& tp) {
  auto o = std::make_shared<TpParzenOptions>();
  CLI::App* cmd =
      tp.add_subcommand("parzen", "Parzen log-likelihood of the test set, Alg. 2 and directed (paper 236, 126)");
  cmd->add_option("--model", o->model, "target-propagation model file (.npz)")->required();
  cmd->add_option("--count", o->count, "samples per mode")->capture_default_str()->check(CLI::Range(1, 1000000));
  auto* sigma =
      cmd->add_option("--sigma", o->sigma, "kernel width")->capture_default_str()->check(CLI::Range(1e-4, 100.0));
  cmd->add_flag("--select-sigma", o->selectSigma, "choose σ in logspace(−1, 0, 10) on training images 50,000–51,000")
      ->excludes(sigma);
  cmd->add_option("--test-pixels", o->testPixels, "grey (the paper's protocol) | binarised at 0.5")
      ->capture_default_str()
      ->check(CLI::IsMember({"grey", "binarised"}));
  cmd->add_option("--test-limit", o->testLimit, "use only the first N test (or validation) images")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--on", o->on, "test (reported numbers) | validation (images 50,000–59,999, to choose settings)")
      ->capture_default_str()
      ->check(CLI::IsMember({"test", "validation"}))
      ->excludes("--select-sigma");
  cmd->add_option("--modes", o->modes, "alg2,directed or one of them")->capture_default_str();
  cmd->add_option("--rounds", o->rounds, "GENERATE rounds")->capture_default_str()->check(CLI::Range(0, 1000));
  cmd->add_option("--alpha", o->alpha, "α of INFERENCE while generating")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 10.0));
  cmd->add_option("--prior-scale", o->priorScale, "κ (default: the file's)")->check(CLI::Range(1e-6, 1e6));
  cmd->add_option("--prior-images", o->priorImages, "training images to fit a missing prior on (0: all)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--dataset", o->dataset, "data set (default: the model's)");
  cmd->add_option("--seed", o->seed, "random seed")->capture_default_str();
  cmd->add_flag("--json", o->json, "print JSON");
  cmd->callback([o] { runTpParzen(*o); });
}

}  // namespace vpf::cli
