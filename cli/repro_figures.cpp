#include "cli/repro_figures.h"

#include <qcustomplot.h>

#include <QImage>
#include <QPainter>
#include <algorithm>
#include <numeric>

#include "cli/repro_experiments.h"
#include "cli/repro_targetprop.h"
#include "core/common/error.h"
#include "core/data/corruption.h"
#include "core/io/csv_writer.h"
#include "core/io/npy.h"
#include "core/metrics/activations.h"
#include "core/sampling/confabulation.h"
#include "core/sampling/reconstruction.h"
#include "core/targetprop/inpaint.h"
#include "figures/figure_export.h"
#include "figures/filter_grid.h"
#include "figures/sampling_figures.h"
#include "figures/tp_figures.h"
#include "figures/training_plots.h"

namespace vpf::cli {

namespace {

const FigureSize kPlotSize{760, 460, 150};

QString figurePath(ReproContext& ctx, const std::string& id, const char* suffix) {
  return QString::fromStdString(ctx.path("figures/" + id + "." + suffix));
}

void savePlotFigure(ReproContext& ctx, QCustomPlot& plot, const std::string& id) {
  for (const char* suffix : {"png", "pdf"}) savePlot(plot, figurePath(ctx, id, suffix), kPlotSize);
}

// A greyscale image grid under a title (Figs. 4–6), drawn by the sampling tabs' figure code at
// an integer pixel scale.
void saveTitledImage(ReproContext& ctx, const QImage& image, const QString& title, const std::string& id) {
  const ImageStripFigure figure{title, {{image, QString()}}, {}};
  const PaintFunction paint = [&figure](QPainter& p, const QRectF& rect) { paintImageStrip(p, rect, figure); };
  for (const char* suffix : {"png", "pdf"})
    savePainted(paint, figurePath(ctx, id, suffix), naturalImageStripSize(figure));
}

void filterFigures(ReproContext& ctx, std::vector<ReproFigure>& out) {
  const ReproSettings& s = ctx.settings();
  for (int hidden : s.rbmHidden) {
    const ModelFile f = ctx.model(rbmSpec(ctx, "mnist", hidden));
    // 25 randomly selected filters, as in the paper's Fig. 2.
    std::vector<int> units(static_cast<std::size_t>(hidden));
    std::iota(units.begin(), units.end(), 0);
    Rng rng(s.seed + 25);
    for (int i = hidden - 1; i > 0; --i)
      std::swap(units[static_cast<std::size_t>(i)], units[rng.below(static_cast<std::uint32_t>(i + 1))]);
    const int n = std::min(25, hidden);
    Matrix filters(f.model.sizes[0], n);
    for (int j = 0; j < n; ++j) filters.col(j) = f.model.W[0].col(units[static_cast<std::size_t>(j)]);
    FilterGridOptions options;
    options.columns = 5;
    options.colormap = FilterColormap::Grey;
    const QImage grid = renderFilterGrid(filters, 28, 28, options);
    const std::string id = "fig2-filters-rbm" + std::to_string(hidden);
    const QString title =
        QString("RBM(%1) by VPF: 25 random filters after %2 epochs").arg(hidden).arg(f.meta.epochsDone);
    const PaintFunction paint = [&](QPainter& p, const QRectF& r) { paintFilterFigure(p, r, grid, title, options); };
    for (const char* suffix : {"png", "pdf"})
      savePainted(paint, figurePath(ctx, id, suffix), FigureSize{520, 600, 150});
    saveNpy(ctx.path("figures/" + id + ".npy"), Matrix(filters.transpose()));
    out.push_back({id, "Fig. 2 — " + title.toStdString() + " (grey: each filter scaled by its own max |w|)", "rbm"});
  }
}

void trainingPlots(ReproContext& ctx, std::vector<ReproFigure>& out) {
  const ReproSettings& s = ctx.settings();
  QCustomPlot plot;
  plot.resize(kPlotSize.width, kPlotSize.height);
  std::vector<ObjectiveCurve> curves;
  std::vector<EpochStats> largestHistory;
  BoltzmannMachine largest;
  for (int hidden : s.rbmHidden) {
    const ModelFile f = ctx.model(rbmSpec(ctx, "mnist", hidden));
    curves.push_back({QString("RBM(%1)").arg(hidden), f.meta.history, {}, 0, 0});
    saveCsv(objectiveCsv(f.meta.history),
            QString::fromStdString(ctx.path("figures/fig3a-objective-rbm" + std::to_string(hidden) + ".csv")));
    largestHistory = f.meta.history;
    largest = f.model;
  }
  plotObjective(plot, curves, QStringLiteral("MPF objective K (mean per sample)"));
  setPlotTitle(plot, QStringLiteral("Fig. 3a — training objective of the RBMs (VPF)"));
  savePlotFigure(ctx, plot, "fig3a-objective");
  out.push_back({"fig3a-objective", "Fig. 3a — MPF objective per epoch of RBM(100), RBM(196), RBM(400)", "rbm"});

  const int hidden = s.rbmHidden.back();
  const LoadedData& d = ctx.data("mnist");
  const auto act = meanHiddenActivations(largest, d.train.topRows(std::min<Eigen::Index>(10000, d.train.rows())));
  QCustomPlot hist;
  hist.resize(kPlotSize.width, kPlotSize.height);
  plotActivationHistogram(hist, act[0], 20,
                          QString("Fig. 3b — mean activations of RBM(%1) over %2 training images")
                              .arg(hidden)
                              .arg(std::min<Eigen::Index>(10000, d.train.rows())));
  savePlotFigure(ctx, hist, "fig3b-activations");
  saveCsv(activationsCsv(act), QString::fromStdString(ctx.path("figures/fig3b-activations.csv")));
  out.push_back({"fig3b-activations",
                 "Fig. 3b — histogram of the mean hidden activations of RBM(" + std::to_string(hidden) +
                     "), overall mean marked (paper: 0.26)",
                 "rbm"});

  QCustomPlot weights;
  weights.resize(kPlotSize.width, kPlotSize.height);
  plotWeightStats(weights, largestHistory);
  setPlotTitle(weights, QString("Fig. 3c — weight sparsity ρ and squared weight w² of RBM(%1) per epoch").arg(hidden));
  savePlotFigure(ctx, weights, "fig3c-weights");
  saveCsv(weightStatsCsv(largestHistory), QString::fromStdString(ctx.path("figures/fig3c-weights.csv")));
  out.push_back({"fig3c-weights",
                 "Fig. 3c — weight sparsity ρ (solid) and squared weight w² (dashed) of RBM(" + std::to_string(hidden) +
                     ") (paper: ρ falls to about 0.15 while w² grows)",
                 "rbm"});
}

void reconstructionFigure(ReproContext& ctx, const nlohmann::json& results, std::vector<ReproFigure>& out) {
  const ReproSettings& s = ctx.settings();
  std::string start = "noise";
  for (const auto& m : results["table1"])
    if (m["algo"] == "vpf") start = m["start"];
  const ModelFile f = ctx.model(table1Spec(ctx, "vpf", s.table1Seeds.front()));
  const Matrix& test = ctx.data("mnist").test;
  const int n = static_cast<int>(std::min<Eigen::Index>(10, test.rows()));
  const Matrix originals = test.topRows(n);
  Matrix rows(12 * n, test.cols());
  const std::vector<CorruptionPattern> patterns{CorruptionPattern::Top, CorruptionPattern::Bottom,
                                                CorruptionPattern::Left, CorruptionPattern::Right};
  Rng rng(s.seed + 4);
  for (int p = 0; p < 4; ++p) {
    const RowVector mask = corruptionMask(patterns[static_cast<std::size_t>(p)], 28, 28, s.table1Rows);
    Matrix corrupted = originals;
    for (int i = 0; i < n; ++i)
      corrupted.row(i) = corrupted.row(i).cwiseProduct(RowVector::Ones(mask.size()) - mask) + 0.5f * mask;
    const Matrix rec = reconstruct(f.model, originals, mask, s.vpfTransitions, rng, parseCorruptionStart(start));
    rows.middleRows((3 * p) * n, n) = originals;
    rows.middleRows((3 * p + 1) * n, n) = corrupted;
    rows.middleRows((3 * p + 2) * n, n) = rec;
  }
  const QImage grid = sampleGrid(rows, 28, 28, n);
  saveTitledImage(ctx, grid,
                  QString("Fig. 4 — RBM(196) by VPF, %1 transitions: Top, Bottom, Left, Right").arg(s.vpfTransitions),
                  "fig4-reconstructions");
  saveNpy(ctx.path("figures/fig4-reconstructions.npy"), rows);
  out.push_back({"fig4-reconstructions",
                 "Fig. 4 — for each pattern (Top, Bottom, Left, Right) three rows: original test digits, corrupted "
                 "pixels (grey), reconstruction p(v|h) after " +
                     std::to_string(s.vpfTransitions) + " transitions (corrupted pixels start as " + start + ")",
                 "table1"});
}

void confabulationFigures(ReproContext& ctx, std::vector<ReproFigure>& out) {
  const ReproSettings& s = ctx.settings();
  for (const std::string& dataset : s.datasets) {
    const LoadedData& d = ctx.data(dataset);
    for (bool intra : {false, true}) {
      const ModelFile f = ctx.model(dbmSpec(ctx, dataset, intra));
      const auto means =
          meanBottomUpActivations(f.model, d.train.topRows(std::min<Eigen::Index>(10000, d.train.rows())));
      for (const char* prior : {"R", "P"}) {
        Rng rng(s.seed * 77 + (prior[0] == 'P'));
        const Matrix samples = confabulate(f.model, s.gridSamples, parsePrior(prior), s.confabSteps, rng, &means);
        const std::string model = intra ? "DBM2" : "DBM1";
        const std::string id = "fig5-" + dataset + "-" + (intra ? "dbm2" : "dbm1") + "-" + prior;
        const QImage grid = sampleGrid(samples, 28, 28);
        saveTitledImage(ctx, grid,
                        QString::fromStdString((dataset == "mnist" ? "Fig. 5 — " : "Fig. 6 — ") + model + "-" + prior +
                                               " on " + dataset + ", r = " + std::to_string(s.confabSteps)),
                        id);
        saveNpy(ctx.path("figures/" + id + ".npy"), samples);
        out.push_back({id,
                       (dataset == "mnist" ? "Fig. 5 — " : "Fig. 6 — ") + model + "-" + prior + " confabulations on " +
                           dataset + " (prior " + (prior[0] == 'R' ? "uniform" : "mean bottom-up activation") +
                           ", not cherry-picked; greyscale p(v|h1))",
                       "dbm"});
      }
    }
  }
}

// Bengio et al. 2015's Figs. 3–5 for the targetprop model of repro_targetprop (section 4 of the report).
void targetPropFigures(ReproContext& ctx, const nlohmann::json& results, std::vector<ReproFigure>& out) {
  using namespace targetprop;
  const nlohmann::json& tp = results.value("targetprop", nlohmann::json::object());
  if (!tp.contains("kappa_choice") || !tp.contains("inference")) return;
  const ReproSettings& s = ctx.settings();
  const TpModelFile f = reproTpModel(ctx);
  const double kappa = tp["kappa_choice"]["chosen"].get<double>();
  const QString model = QString("%1-%2-%3, %4 epoch%5")
                            .arg(f.model.arch.visible)
                            .arg(f.model.arch.hidden1)
                            .arg(f.model.arch.hidden2)
                            .arg(f.meta.epochsDone)
                            .arg(f.meta.epochsDone == 1 ? "" : "s");

  // Fig. 3: GENERATE samples, not cherry-picked.
  Rng sampleRng(s.seed * 77 + 15);
  const Matrix samples =
      generate(f.model, s.tp.gridSamples, tpGenerateSettings(f, kappa, GenerateMode::Alg2), sampleRng);
  saveTitledImage(ctx, sampleGrid(samples, 28, 28, 10),
                  QString("Bengio et al. 2015, Fig. 3 — GENERATE (Alg. 2), %1, κ = %2").arg(model).arg(kappa),
                  "tp-fig3-samples");
  saveNpy(ctx.path("figures/tp-fig3-samples.npy"), samples);
  out.push_back({"tp-fig3-samples",
                 "Bengio et al. 2015, Fig. 3 — " + std::to_string(samples.rows()) +
                     " GENERATE samples (Alg. 2: 3 rounds of INFERENCE at α 0.3, κ = " +
                     QString::number(kappa).toStdString() + "; grey means g1(h1), not cherry-picked)",
                 "targetprop"});

  // Fig. 4: ℓ(x, h) over INFERENCE, targetprop against gradient moves, without and with the prior term.
  const nlohmann::json& inf = tp["inference"];
  for (const bool prior : {false, true}) {
    TpInferencePlot figure;
    figure.title = QString("Bengio et al. 2015, Fig. 4 — ℓ(x, h) %1 the prior term, %2 validation images")
                       .arg(prior ? "with" : "without")
                       .arg(inf["images"].get<int>());
    for (const char* mode : {"tp", "gradient"}) {
      const nlohmann::json& m = inf["modes"][mode];
      TpInferenceCurve c;
      c.name = mode[0] == 't' ? QStringLiteral("targetprop") : QStringLiteral("gradient");
      c.curve.mean = m[prior ? "mean_with_prior" : "mean"].get<std::vector<double>>();
      c.curve.standardError = m[prior ? "se_with_prior" : "se"].get<std::vector<double>>();
      c.individual = m[prior ? "individual_with_prior" : "individual"].get<std::vector<std::vector<double>>>();
      figure.curves.push_back(std::move(c));
    }
    QCustomPlot plot;
    plot.resize(kPlotSize.width, kPlotSize.height);
    plotTpInference(plot, figure);
    const std::string id = prior ? "tp-fig4-inference-prior" : "tp-fig4-inference";
    savePlotFigure(ctx, plot, id);
    saveCsv(tpInferenceCsv(figure), QString::fromStdString(ctx.path("figures/" + id + ".csv")));
    out.push_back({id,
                   "Bengio et al. 2015, Fig. 4 — ℓ(x, h) " + std::string(prior ? "with" : "without") +
                       " log p(h2) over " + std::to_string(inf["iterations"].get<int>()) + " INFERENCE iterations (δ " +
                       QString::number(inf["delta"].get<double>()).toStdString() + ", α " +
                       QString::number(inf["alpha"].get<double>()).toStdString() + "): mean ± s.e. over " +
                       std::to_string(inf["images"].get<int>()) + " validation images from " +
                       std::to_string(inf["first_image"].get<int>()) + ", " + std::to_string(kTpIndividualCurves) +
                       " of them dashed; targetprop (Eq. 12) against the exact gradient of the same terms",
                   "targetprop"});
  }

  // Fig. 5: inpainting of test images, half of the pixels missing (a fresh random mask per image).
  const Dataset& testSet = ctx.data("mnist").splits.test;
  const Matrix x = testSet.images.topRows(std::min<Eigen::Index>(s.tp.inpaintImages, testSet.images.rows()));
  Rng maskRng(s.seed * 77 + 16);
  Matrix masks(x.rows(), x.cols());
  for (Eigen::Index i = 0; i < x.rows(); ++i) masks.row(i) = randomPixelMask(28, 28, 0.5, maskRng);
  InpaintSettings settings;  // 20 outer steps; N, δ, α of training; missing pixels start U(0, 1)
  settings.inference = f.meta.config.inference;
  const InpaintResult<float> r = inpaint(f.model, x, masks, settings, maskRng, true);
  const ImageStripFigure strip =
      tpInpaintingStrip(x, r.frames.front(), r.images, masks, 28, 28,
                        QString("Bengio et al. 2015, Fig. 5 — inpainting, %1 outer steps").arg(settings.steps), {});
  const PaintFunction paint = [&strip](QPainter& p, const QRectF& rect) { paintImageStrip(p, rect, strip); };
  for (const char* suffix : {"png", "pdf"})
    savePainted(paint, figurePath(ctx, "tp-fig5-inpainting", suffix), naturalImageStripSize(strip));
  const std::vector<double> l1 = missingPixelL1(x, r.images, masks);
  double meanL1 = 0;
  for (double v : l1) meanL1 += v / static_cast<double>(l1.size());
  out.push_back({"tp-fig5-inpainting",
                 "Bengio et al. 2015, Fig. 5 — the first " + std::to_string(x.rows()) +
                     " test digits with a random half of their pixels missing: original, start (missing pixels "
                     "U(0, 1)), result after " +
                     std::to_string(settings.steps) + " encode/decode steps; mean L1 over the missing pixels " +
                     QString::number(meanL1, 'f', 3).toStdString(),
                 "targetprop"});
}

}  // namespace

std::vector<ReproFigure> renderReproFigures(ReproContext& ctx, const nlohmann::json& results) {
  std::vector<ReproFigure> out;
  filterFigures(ctx, out);
  trainingPlots(ctx, out);
  reconstructionFigure(ctx, results, out);
  confabulationFigures(ctx, out);
  targetPropFigures(ctx, results, out);
  return out;
}

}  // namespace vpf::cli
