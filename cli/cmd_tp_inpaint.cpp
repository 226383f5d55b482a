// vpf tp inpaint: INPAINT of Bengio et al. 2015 (Fig. 5) — the missing pixels of each image filled in
// by `steps` encode/decode steps — with the L1 error (mean ± sd over images) per pixel over all pixels
// and over the missing ones, and the per-image sum; a PNG of original | start | result for the first
// images. Validation images (50,000+) by default, as spec A7 scores inpainting choices there.
#include <CLI/CLI.hpp>
#include <QImage>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/tp_commands.h"
#include "cli/tp_support.h"
#include "core/data/corruption.h"
#include "core/targetprop/inpaint.h"
#include "figures/figure_export.h"
#include "figures/filter_grid.h"

namespace vpf::cli {

namespace {

using namespace targetprop;

struct TpInpaintOptions {
  std::string model, mask = "random:0.5", split = "validation", start = "uniform", out, dataset;
  int steps = 20, images = 1000, show = 8, rows = protocol::kTable1CorruptedRows;
  double alpha = -1;  // unset: the file's training α
  std::uint64_t seed = 42;
  bool json = false;
};

/// N × n0 masks (1 = missing): a fresh random fraction per image, or one edge pattern for all.
Matrix buildMasks(const std::string& spec, int count, int height, int width, int edgeRows, Rng& rng) {
  Matrix masks(count, height * width);
  if (spec.rfind("random:", 0) == 0) {
    double fraction = 0;
    try {
      fraction = std::stod(spec.substr(7));
    } catch (const std::exception&) {
      fraction = -1;
    }
    if (!(fraction > 0 && fraction <= 1)) throw CLI::ValidationError("--mask", "random:F needs a fraction F in (0, 1]");
    for (int i = 0; i < count; ++i) masks.row(i) = randomPixelMask(height, width, fraction, rng);
    return masks;
  }
  CorruptionPattern pattern{};
  tp::asUsageError("--mask", [&] { pattern = parseCorruptionPattern(spec); });
  if (edgeRows < 1 || edgeRows >= std::min(height, width))
    throw CLI::ValidationError("--rows", "the masked rows must leave part of the image known");
  masks.rowwise() = corruptionMask(pattern, height, width, edgeRows);
  return masks;
}

struct Spread {
  double mean = 0, sd = 0;
};
Spread spread(const Eigen::VectorXd& v) {
  const double mean = v.mean();
  const double sd = v.size() > 1 ? std::sqrt((v.array() - mean).square().sum() / double(v.size() - 1)) : 0;
  return {mean, sd};
}

void runTpInpaint(const TpInpaintOptions& o) {
  TpModelFile file = loadTpModel(o.model);
  const DataSplits splits = tp::loadTpSplits(tp::datasetOf(o.dataset, file.meta));
  const bool binarised = file.meta.config.binarised;
  const bool test = o.split == "test";
  const protocol::RowRange range =
      test ? protocol::RowRange{0, std::min(o.images, splits.test.size())} : tp::validationRange(splits, o.images);
  const Matrix x = tp::pixelRows(test ? splits.test.images : splits.train.images, range, binarised);
  const auto [height, width] = tp::imageShape(splits, file.model.arch.visible);
  if (height * width != x.cols()) throw Error("the model does not match the images of " + splits.name);
  Rng rng(o.seed);
  const Matrix masks = buildMasks(o.mask, static_cast<int>(x.rows()), height, width, o.rows, rng);

  InpaintSettings settings;
  settings.steps = o.steps;
  settings.inference = file.meta.config.inference;
  if (o.alpha >= 0) settings.inference.alpha = o.alpha;
  settings.start = parseMissingStart(o.start);
  // The shown images keep their first frame; the rest need no frames (they would cost steps × N × n0).
  const Eigen::Index shown = std::min<Eigen::Index>(o.show, x.rows());
  std::cerr << "tp inpaint: " << x.rows() << " " << (test ? "test" : "validation") << " images from " << range.begin
            << ", mask " << o.mask << ", " << o.steps << " steps\n";
  const InpaintResult<float> head =
      inpaint(file.model, Matrix(x.topRows(shown)), Matrix(masks.topRows(shown)), settings, rng, true);
  Matrix result(x.rows(), x.cols());
  result.topRows(shown) = head.images;
  if (x.rows() > shown)
    result.bottomRows(x.rows() - shown) = inpaint(file.model, Matrix(x.bottomRows(x.rows() - shown)),
                                                  Matrix(masks.bottomRows(x.rows() - shown)), settings, rng)
                                              .images;

  const Eigen::VectorXd l1 = (result - x).cwiseAbs().rowwise().sum().cast<double>();
  const Eigen::VectorXd missing = masks.rowwise().sum().cast<double>();
  const Spread sum = spread(l1), all = spread(l1 / double(x.cols())), onMissing = spread(l1.cwiseQuotient(missing));

  if (!o.out.empty()) {
    Matrix tiles(3 * shown, x.cols());
    for (Eigen::Index i = 0; i < shown; ++i) {
      tiles.row(3 * i) = x.row(i);
      tiles.row(3 * i + 1) = head.frames.front().row(i);
      tiles.row(3 * i + 2) = result.row(i);
    }
    const QImage grid = renderImageGrid(tiles, width, height, 3);
    const QImage scaled = grid.scaled(grid.size() * 2, Qt::KeepAspectRatio, Qt::FastTransformation);
    saveImageFile(scaled, QString::fromStdString(o.out));
  }
  const nlohmann::json j{{"model", o.model},
                         {"images", x.rows()},
                         {"split", o.split},
                         {"first_image", range.begin},
                         {"mask", o.mask},
                         {"steps", o.steps},
                         {"start", missingStartName(settings.start)},
                         {"alpha", settings.inference.alpha},
                         {"pixels", binarised ? "binarised" : "grey"},
                         {"l1_all_mean", all.mean},
                         {"l1_all_sd", all.sd},
                         {"l1_missing_mean", onMissing.mean},
                         {"l1_missing_sd", onMissing.sd},
                         {"l1_sum_mean", sum.mean},
                         {"l1_sum_sd", sum.sd},
                         {"out", o.out}};
  if (o.json) {
    std::cout << j.dump(2) << "\n";
    return;
  }
  std::printf("L1 error per pixel, all pixels      %.4f ± %.4f (sd over %d images)\n", all.mean, all.sd,
              static_cast<int>(x.rows()));
  std::printf("L1 error per pixel, missing pixels  %.4f ± %.4f\n", onMissing.mean, onMissing.sd);
  std::printf("L1 error per image (sum)            %.2f ± %.2f\n", sum.mean, sum.sd);
  if (!o.out.empty()) std::printf("saved %s (original | start | result)\n", o.out.c_str());
}

}  // namespace

void addTpInpaintCommand(CLI::App& tp) {
  auto o = std::make_shared<TpInpaintOptions>();
  CLI::App* cmd = tp.add_subcommand("inpaint", "Fill in missing pixels by INPAINT (Fig. 5); L1 errors and a PNG");
  cmd->add_option("--model", o->model, "target-propagation model file (.npz)")->required();
  cmd->add_option("--mask", o->mask, "random:F (a fresh fraction F per image) | top | bottom | left | right")
      ->capture_default_str();
  cmd->add_option("--rows", o->rows, "rows or columns an edge mask covers")->capture_default_str();
  cmd->add_option("--steps", o->steps, "outer encode/decode steps (paper 20)")
      ->capture_default_str()
      ->check(CLI::Range(0, 10000));
  cmd->add_option("--images", o->images, "images to inpaint")->capture_default_str()->check(CLI::Range(1, 10000));
  cmd->add_option("--split", o->split, "validation (images 50,000+) | test (report once, for chosen settings)")
      ->capture_default_str()
      ->check(CLI::IsMember({"validation", "test"}));
  cmd->add_option("--start", o->start, "missing pixels start as uniform (U(0,1)) | bernoulli | zeros")
      ->capture_default_str()
      ->check(CLI::IsMember({"uniform", "bernoulli", "zeros"}));
  cmd->add_option("--alpha", o->alpha, "α of each INFERENCE (default: the file's)")->check(CLI::Range(0.0, 10.0));
  cmd->add_option("--out", o->out, "PNG of original | start | result");
  cmd->add_option("--show", o->show, "images in the PNG")->capture_default_str()->check(CLI::Range(1, 1000));
  cmd->add_option("--dataset", o->dataset, "data set (default: the model's)");
  cmd->add_option("--seed", o->seed, "random seed (masks and starts)")->capture_default_str();
  cmd->add_flag("--json", o->json, "print JSON");
  cmd->callback([o] { runTpInpaint(*o); });
}

}  // namespace vpf::cli
