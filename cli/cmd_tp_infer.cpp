// vpf tp infer: Bengio et al. 2015's Fig. 4 — the joint log-density ℓ(x, h) at every INFERENCE
// iteration t = 0 … N, as the mean ± s.e. over validation images (50,000+), for the targetprop moves
// (Eq. 12) and/or the exact gradient moves of the same terms; with and without the prior term, which
// the paper leaves open (spec A7 (7)); --figure draws it as the Target prop tab does (figures/tp_figures.h).
#include <qcustomplot.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/figure_application.h"
#include "cli/tp_commands.h"
#include "cli/tp_support.h"
#include "core/io/csv_writer.h"
#include "core/targetprop/joint_density.h"
#include "figures/figure_export.h"
#include "figures/tp_figures.h"

namespace vpf::cli {

namespace {

using namespace targetprop;

struct TpInferOptions {
  std::string model, mode = "both", out, figure, dataset;
  int iterations = 20, images = 1000, priorImages = tp::kPriorImages;
  double delta = 0, alpha = -1;  // unset: the file's training INFERENCE settings
  bool json = false, figurePrior = false;
};

struct ModeCurves {
  InferenceMode mode;
  MeanCurve withoutPrior, withPrior;
  std::vector<std::vector<double>> individual;  // the figure's dashed curves
};

constexpr int kIndividualCurves = 10;

// Fig. 4 as the Target prop tab and `vpf repro` draw it (figures/tp_figures.h), in the format of the suffix.
void saveInferenceFigure(const std::vector<ModeCurves>& curves, bool withPrior, int images, const std::string& path) {
  const FigureApplication app;
  TpInferencePlot figure;
  figure.title = QString("ℓ(x, h) %1 the prior term over INFERENCE, %2 validation images (Bengio et al. 2015, Fig. 4)")
                     .arg(withPrior ? "with" : "without")
                     .arg(images);
  for (const ModeCurves& c : curves)
    figure.curves.push_back(
        {c.mode == InferenceMode::TargetProp ? QStringLiteral("targetprop") : QStringLiteral("gradient"),
         withPrior ? c.withPrior : c.withoutPrior, c.individual});
  QCustomPlot plot;
  plot.resize(760, 460);
  plotTpInference(plot, figure);
  savePlot(plot, QString::fromStdString(path), FigureSize{760, 460, 150});
}

void runTpInfer(const TpInferOptions& o) {
  TpModelFile file = loadTpModel(o.model);
  const DataSplits splits = tp::loadTpSplits(tp::datasetOf(o.dataset, file.meta));
  tp::ensurePrior(file, splits, o.priorImages);
  const protocol::RowRange range = tp::validationRange(splits, o.images);
  const Matrix x = tp::pixelRows(splits.train.images, range, file.meta.config.binarised);
  InferenceSettings settings = file.meta.config.inference;
  settings.iterations = o.iterations;
  if (o.delta > 0) settings.delta = o.delta;
  if (o.alpha >= 0) settings.alpha = o.alpha;

  std::vector<InferenceMode> modes;
  if (o.mode != "gradient") modes.push_back(InferenceMode::TargetProp);
  if (o.mode != "tp") modes.push_back(InferenceMode::Gradient);
  std::vector<ModeCurves> curves;
  for (const InferenceMode mode : modes) {
    settings.mode = mode;
    std::cerr << "tp infer: " << inferenceModeName(mode) << " INFERENCE on " << x.rows() << " validation images ("
              << range.begin << "–" << range.begin + range.count - 1 << ")\n";
    const JointTrajectory t = jointTrajectory(file.model, x, settings);
    curves.push_back({mode, meanCurve(t.withoutPrior), meanCurve(t.withPrior),
                      sampleTrajectories(o.figurePrior ? t.withPrior : t.withoutPrior, kIndividualCurves)});
  }

  CsvWriter csv({"mode", "t", "mean", "se", "mean_with_prior", "se_with_prior"});
  for (const ModeCurves& c : curves)
    for (int t = 0; t <= o.iterations; ++t)
      csv.addRow(std::vector<std::string>{
          inferenceModeName(c.mode), std::to_string(t), CsvWriter::number(c.withoutPrior.mean[t]),
          CsvWriter::number(c.withoutPrior.standardError[t]), CsvWriter::number(c.withPrior.mean[t]),
          CsvWriter::number(c.withPrior.standardError[t])});
  if (!o.out.empty()) csv.save(o.out);
  if (!o.figure.empty()) saveInferenceFigure(curves, o.figurePrior, static_cast<int>(x.rows()), o.figure);

  if (o.json) {
    nlohmann::json j{{"model", o.model},           {"images", x.rows()},      {"first_image", range.begin},
                     {"iterations", o.iterations}, {"delta", settings.delta}, {"alpha", settings.alpha}};
    for (const ModeCurves& c : curves)
      j["modes"][inferenceModeName(c.mode)] = {{"mean", c.withoutPrior.mean},
                                               {"se", c.withoutPrior.standardError},
                                               {"mean_with_prior", c.withPrior.mean},
                                               {"se_with_prior", c.withPrior.standardError}};
    std::cout << j.dump(2) << "\n";
    return;
  }
  std::printf("ℓ(x, h) without / with the prior term, mean ± s.e. over %d validation images (δ %g, α %g)\n",
              static_cast<int>(x.rows()), settings.delta, settings.alpha);
  std::printf("%4s", "t");
  for (const ModeCurves& c : curves) std::printf("  %-44s", inferenceModeName(c.mode).c_str());
  std::printf("\n");
  for (int t = 0; t <= o.iterations; ++t) {
    std::printf("%4d", t);
    for (const ModeCurves& c : curves)
      std::printf("  %10.2f ± %-6.2f / %10.2f ± %-6.2f", c.withoutPrior.mean[t], c.withoutPrior.standardError[t],
                  c.withPrior.mean[t], c.withPrior.standardError[t]);
    std::printf("\n");
  }
  if (!o.out.empty()) std::printf("saved %s\n", o.out.c_str());
  if (!o.figure.empty()) std::printf("saved %s\n", o.figure.c_str());
}

}  // namespace

void addTpInferCommand(CLI::App& tp) {
  auto o = std::make_shared<TpInferOptions>();
  CLI::App* cmd = tp.add_subcommand("infer", "ℓ(x, h) over INFERENCE iterations on validation images (Fig. 4)");
  cmd->add_option("--model", o->model, "target-propagation model file (.npz)")->required();
  cmd->add_option("--iterations", o->iterations, "INFERENCE iterations N (Fig. 4: 20)")
      ->capture_default_str()
      ->check(CLI::Range(0, 10000));
  cmd->add_option("--mode", o->mode, "tp (Eq. 12) | gradient | both")
      ->capture_default_str()
      ->check(CLI::IsMember({"tp", "gradient", "both"}));
  cmd->add_option("--out", o->out, "CSV: mode,t,mean,se,mean_with_prior,se_with_prior");
  cmd->add_option("--figure", o->figure,
                  "Fig. 4 as PNG, SVG or PDF (by the suffix): mean ± s.e. bands, dashed examples");
  cmd->add_flag("--figure-prior", o->figurePrior, "draw ℓ with the prior term log p(h2) (default: without)");
  cmd->add_option("--images", o->images, "validation images from 50,000")
      ->capture_default_str()
      ->check(CLI::Range(1, tp::kValidationImages));
  cmd->add_option("--delta", o->delta, "step δ (default: the file's)")->check(CLI::Range(1e-9, 10.0));
  cmd->add_option("--alpha", o->alpha, "α (default: the file's)")->check(CLI::Range(0.0, 10.0));
  cmd->add_option("--prior-images", o->priorImages, "training images to fit a missing prior on (0: all)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--dataset", o->dataset, "data set (default: the model's)");
  cmd->add_flag("--json", o->json, "print JSON");
  cmd->callback([o] { runTpInfer(*o); });
}

}  // namespace vpf::cli
