// vpf parzen: Parzen-window log-likelihood of the test set under confabulations (paper Table 2).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/cli_support.h"
#include "cli/commands.h"
#include "core/common/error.h"
#include "core/io/model_file.h"
#include "core/metrics/parzen.h"
#include "core/protocols/paper_protocol.h"
#include "core/protocols/parzen_protocol.h"
#include "core/sampling/confabulation.h"

namespace vpf::cli {

namespace {

struct ParzenOptions {
  std::string model, prior = "mean", dataset, testPixels = "grey";
  double sigma = protocol::kParzenSigma;
  bool selectSigma = false, json = false;
  int count = protocol::kParzenSamples, testLimit = 0, steps = 5;
  std::uint64_t seed = 42;
};

void runParzen(const ParzenOptions& o) {
  const ModelFile file = loadModel(o.model);
  const ConfabulationPrior prior = parsePrior(o.prior);
  const std::string dataset =
      !o.dataset.empty() ? o.dataset : (file.meta.dataset.empty() ? "mnist" : file.meta.dataset);
  LoadedData data = loadData(dataset, 0, o.testLimit, static_cast<float>(file.meta.config.binarizeThreshold));
  if (data.test.cols() != file.model.sizes[0]) throw Error("the model does not match the images of " + dataset);
  Rng rng(o.seed);
  std::vector<RowVector> means;
  if (prior == ConfabulationPrior::Mean)
    means = meanBottomUpActivations(
        file.model, data.train.topRows(std::min<Eigen::Index>(protocol::kStatisticsImages, data.train.rows())));
  std::cerr << "parzen: generating " << o.count << " samples…\n";
  const Matrix samples =
      confabulate(file.model, o.count, prior, o.steps, rng, prior == ConfabulationPrior::Mean ? &means : nullptr);
  const protocol::TestPixels pixels = protocol::parseTestPixels(o.testPixels);
  const bool grey = pixels == protocol::TestPixels::Grey;
  const float threshold = static_cast<float>(file.meta.config.binarizeThreshold);
  const Matrix test = protocol::parzenRows(data.splits.test.images, 0, static_cast<int>(data.test.rows()), pixels, threshold);
  const Matrix validation =
      o.selectSigma ? protocol::parzenValidationRows(data.splits.train.images, pixels, threshold) : Matrix();
  Progress progress("parzen");
  const ParzenResult r = protocol::scoreParzen(samples, test, o.sigma, o.selectSigma, validation, [&](double f) {
    progress.update(f);
    return true;
  });
  if (o.selectSigma) {
    const protocol::RowRange v =
        protocol::validationRange(static_cast<int>(data.train.rows()), protocol::kParzenValidationImages);
    progress.message("parzen: selected sigma " + std::to_string(r.sigma) + " on training images " +
                     std::to_string(v.begin) + "–" + std::to_string(v.begin + v.count));
  }
  progress.finish();
  nlohmann::json j{{"ll_mean", r.mean},
                   {"ll_se", r.standardError},
                   {"sigma", r.sigma},
                   {"samples", r.samples},
                   {"test_images", r.testImages},
                   {"prior", prior == ConfabulationPrior::Random ? "R" : "P"},
                   {"test_pixels", grey ? "grey" : "binarised"}};
  if (o.json) {
    std::cout << j.dump(2) << "\n";
    return;
  }
  char line[200];
  std::snprintf(line, sizeof line,
                "Parzen log-likelihood %.2f ± %.2f (σ = %.3g, %d samples, prior %s, %d %s test images)\n", r.mean,
                r.standardError, r.sigma, r.samples, prior == ConfabulationPrior::Random ? "R" : "P", r.testImages,
                grey ? "grey" : "binarised");
  std::cout << line;
}

}  // namespace

void addParzenCommand(CLI::App& app) {
  auto o = std::make_shared<ParzenOptions>();
  CLI::App* cmd = app.add_subcommand("parzen", "Parzen-window log-likelihood of the test set (paper Table 2)");
  cmd->add_option("--model", o->model, "model file (.npz)")->required();
  auto* sigma = cmd->add_option("--sigma", o->sigma, "kernel width")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_flag("--select-sigma", o->selectSigma, "choose σ in logspace(−1, 0, 10) on training images 50,000–51,000")
      ->excludes(sigma);
  cmd->add_option("--count", o->count, "generated samples")->capture_default_str()->check(CLI::Range(1, 1000000));
  cmd->add_option("--test-limit", o->testLimit, "use only the first N test images")->check(CLI::NonNegativeNumber);
  cmd->add_option("--prior", o->prior, "random (R) | mean (P)")->capture_default_str();
  cmd->add_option("--steps", o->steps, "r, Gibbs steps per layer")->capture_default_str()->check(CLI::Range(1, 100000));
  cmd->add_option("--test-pixels", o->testPixels,
                  "grey (the paper's protocol: its reference measure needs grey test images) | binarised")
      ->capture_default_str()
      ->check(CLI::IsMember({"grey", "binarised"}));
  cmd->add_option("--dataset", o->dataset, "data set (default: the model's)");
  cmd->add_option("--seed", o->seed, "random seed")->capture_default_str();
  cmd->add_flag("--json", o->json, "print JSON");
  cmd->callback([o] { runParzen(*o); });
}

}  // namespace vpf::cli
