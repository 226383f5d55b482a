#include "cli/repro_targetprop.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>

#include "cli/tp_support.h"
#include "core/common/error.h"
#include "core/common/paper_reference.h"
#include "core/io/atomic_file.h"
#include "core/metrics/parzen.h"
#include "core/protocols/paper_protocol.h"
#include "core/targetprop/joint_density.h"
#include "core/targetprop/tp_meta_json.h"
#include "core/targetprop/tp_run.h"
#include "core/targetprop/validation_parzen.h"
#include "figures/tp_figures.h"

namespace vpf::cli {

namespace fs = std::filesystem;
using namespace targetprop;

namespace {

// Multiply–adds per image (spec A4): the recognition start, N INFERENCE iterations, the M-step.
double startMacs(const TpArchitecture& a) { return double(a.visible) * a.hidden1 + double(a.hidden1) * a.hidden2; }
double iterationMacs(const TpArchitecture& a) { return 2.0 * a.visible * a.hidden1 + 3.0 * a.hidden1 * a.hidden2; }
double inferenceSeconds(const TpArchitecture& a, int iterations, double images) {
  constexpr double kGflops = 55;  // ≈ 59 s per 50,000-image epoch of 784-1000-100 on the reference machine
  return 2 * images * (startMacs(a) + iterations * iterationMacs(a)) / (kGflops * 1e9);
}
double trainingSeconds(const TpConfig& c, double images) {
  const TpArchitecture& a = c.architecture;
  const double mStep = 4.0 * a.visible * a.hidden1 + 4.0 * a.hidden1 * a.hidden2;
  return c.epochs *
         (inferenceSeconds(a, c.inference.iterations, images) + inferenceSeconds(a, 0, images) * mStep / startMacs(a));
}

TpConfig tpConfig(const ReproSettings& s) {
  TpConfig c;  // the reference code's noise, INFERENCE and initialisation (spec A5)
  c.architecture.hidden1 = s.tp.hidden1;
  c.architecture.hidden2 = s.tp.hidden2;
  c.epochs = s.tp.epochs;
  c.batchSize = s.tp.batch;
  c.optimizer.rule = parseUpdateRule(s.tp.optimizer);
  c.optimizer.learningRate = s.tp.learningRate;
  c.binarised = false;  // grey pixels, the reference code's convention
  c.seed = s.seed;
  return c;
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

Matrix trainingRows(const DataSplits& splits, int limit) {
  return tp::pixelRows(splits.train.images, tp::trainingRange(splits, limit), false);
}

double historySeconds(const TpModelFile& f) {
  double seconds = 0;
  for (const TpEpochStats& e : f.meta.history) seconds += e.seconds;
  return seconds;
}

// Fits p(h2) on the settings' training rows; a stopped fit leaves the run's model without a prior.
void fitPriorOrStop(ReproContext& ctx, TpRun& run, const DataSplits& splits) {
  ctx.taskProgress(0.95, "prior p(h2)");
  if (!run.fitPrior(trainingRows(splits, ctx.settings().tp.priorImages), &ctx.stopToken())) ctx.throwIfStopped();
}

}  // namespace

std::string tpTable2Label(bool directed) {
  return directed ? "Bengio et al. 2015 (directed p(x|h)p(h))" : "Bengio et al. 2015 (targetprop)";
}

std::string tpModelKey(const ReproSettings& s) {
  const TpConfig c = tpConfig(s);
  const TpArchitecture& a = c.architecture;
  return "mnist-tp" + std::to_string(a.visible) + "-" + std::to_string(a.hidden1) + "-" + std::to_string(a.hidden2) +
         "-" + s.tp.optimizer + "-lr" + number(s.tp.learningRate) + "-e" + std::to_string(c.epochs) + "-b" +
         std::to_string(c.batchSize) + "-s" + std::to_string(c.seed) + "-n" +
         std::to_string(s.tp.trainImages > 0 ? s.tp.trainImages : protocol::kValidationBegin);
}

TpModelFile reproTpModel(ReproContext& ctx) {
  const ReproSettings& s = ctx.settings();
  const TpConfig config = tpConfig(s);
  const std::string key = tpModelKey(s);
  const std::string file = ctx.path("models/" + key + ".npz");
  const std::string divergedFile = ctx.path("results/diverged-" + key + ".json");
  const DataSplits& splits = ctx.data("mnist").splits;
  std::optional<TpModelFile> existing;
  bool diverged = false;
  if (fs::exists(file)) {
    existing = loadTpModel(file);
    if (fs::exists(divergedFile)) {  // recorded once, not retried on resume (as the Boltzmann models)
      std::ifstream in(divergedFile);
      ctx.recordDiverged(key, nlohmann::json::parse(in));
      diverged = true;
    }
    if ((existing->meta.epochsDone >= config.epochs || diverged) && existing->model.hasPrior()) {
      ctx.recordSeconds(key, historySeconds(*existing));
      return *existing;
    }
    if (!existing->trainerState) existing.reset();  // not resumable: train again
  }
  ctx.markComputed();
  const Matrix train = trainingRows(splits, s.tp.trainImages);
  std::optional<TpRun> run;
  if (existing)
    run = TpRun::resume(*existing, train, config.epochs);
  else
    run = TpRun::fresh("mnist", config, train);
  const double total = static_cast<double>(config.epochs) * run->trainer().batchesPerEpoch();
  while (run->epochsDone() < config.epochs && !diverged) {
    TpBatchStats b;
    try {
      b = run->step();
    } catch (const DivergenceError& e) {
      if (run->epochsDone() == 0) throw Error(key + " diverged before its first epoch finished: " + e.what());
      const nlohmann::json record{
          {"epoch", e.epoch + 1}, {"batch", e.batch + 1}, {"message", e.what()}, {"epochs_kept", run->epochsDone()}};
      writeFileAtomically(divergedFile, record.dump(2) + "\n");
      ctx.recordDiverged(key, record);
      ctx.message("repro: " + key + ": " + e.what() + "; keeping the model after epoch " +
                  std::to_string(run->epochsDone()));
      run = TpRun::resume(loadTpModel(file), train);  // the last completed epoch
      diverged = true;
      break;
    }
    const double done = static_cast<double>(b.epoch) * b.batchesPerEpoch + b.batch + 1;
    const bool go = ctx.taskProgress(0.95 * done / total,
                                     "epoch " + std::to_string(b.epoch + 1) + "/" + std::to_string(config.epochs));
    if (run->atEpochBoundary()) run->save(file);  // no prior yet: it is fitted once, at the end
    if (!go && run->atEpochBoundary()) ctx.throwIfStopped();
  }
  fitPriorOrStop(ctx, *run, splits);
  run->save(file);
  const TpModelFile f = run->checkpoint();
  ctx.recordSeconds(key, historySeconds(f));
  return f;
}

GenerateSettings tpGenerateSettings(const TpModelFile& f, double kappa, GenerateMode mode) {
  GenerateSettings g = samplingSettingsFor(f.meta.config, kappa);
  g.mode = mode;
  return g;
}

void planTargetPropExperiments(ReproContext& ctx, nlohmann::json& results, std::vector<ReproTask>& plan) {
  const ReproSettings& s = ctx.settings();
  const TpConfig config = tpConfig(s);
  const TpArchitecture& arch = config.architecture;
  const std::string key = tpModelKey(s);
  const double trainImages = s.tp.trainImages > 0 ? s.tp.trainImages : protocol::kValidationBegin;
  const int testImages = s.testLimit > 0 ? s.testLimit : 10000;
  // GENERATE: a decode and 3 INFERENCE runs per sample (spec A4).
  const double generateSeconds = 3 * inferenceSeconds(arch, config.inference.iterations, s.parzenSamples);
  const double parzenSeconds = 2.5 * s.parzenSamples / 1e4 * testImages / 1e4;
  results["targetprop"] = nlohmann::json::object();

  plan.push_back(
      {"targetprop model (Bengio et al. 2015)",
       trainingSeconds(config, trainImages) +
           inferenceSeconds(arch, config.inference.iterations, s.tp.priorImages > 0 ? s.tp.priorImages : trainImages),
       [&ctx, &results, key] {
         const TpModelFile f = reproTpModel(ctx);
         nlohmann::json epochs = toJson(f.meta.history);
         results["targetprop"]["model"] = {
             {"key", key},
             {"architecture", toJson(f.model.arch)},
             {"config", toJson(f.meta.config)},
             {"epochs_done", f.meta.epochsDone},
             {"history", epochs},
             {"train_seconds", historySeconds(f)},
             {"training_images", tp::trainingRange(ctx.data("mnist").splits, ctx.settings().tp.trainImages).count},
             {"prior_images", tp::trainingRange(ctx.data("mnist").splits, ctx.settings().tp.priorImages).count}};
       }});

  // κ on the validation slice (never the test set): the Parzen LL (σ 0.2) of Alg. 2 samples.
  plan.push_back(
      {"targetprop prior scale κ (validation)",
       s.tp.priorScales.size() * (generateSeconds + 2.5 * s.parzenSamples / 1e4 * s.tp.validationImages / 1e4),
       [&ctx, &results, key] {
         const ReproSettings& s = ctx.settings();
         const TpModelFile f = reproTpModel(ctx);
         const DataSplits& splits = ctx.data("mnist").splits;
         const protocol::RowRange range = tp::validationRange(splits, s.tp.validationImages);
         const Matrix valid = tp::pixelRows(splits.train.images, range, false);
         nlohmann::json scores = nlohmann::json::array();
         double best = -INFINITY, chosen = s.tp.priorScales.front();
         const double part = 1.0 / static_cast<double>(s.tp.priorScales.size());
         for (std::size_t i = 0; i < s.tp.priorScales.size(); ++i) {
           const double kappa = s.tp.priorScales[i];
           ctx.setTaskPart(i * part, (i + 1) * part);
           const nlohmann::json r = ctx.cached(
               "tp-validation-" + key + "-k" + number(kappa) + "-n" + std::to_string(s.parzenSamples) + "-v" +
                   std::to_string(range.count),
               [&] {
                 Rng rng(s.seed * 1000 + 41);  // the same draws for every κ: the comparison sees κ only
                 const Matrix samples =
                     generate<float>(f.model, s.parzenSamples, tpGenerateSettings(f, kappa, GenerateMode::Alg2), rng,
                                     nullptr, &ctx.stopToken());
                 ctx.throwIfStopped();
                 const ParzenResult p = parzenLogLikelihood(samples, valid, paper::bengio2015::kSigma, [&](double x) {
                   return ctx.taskProgress(0.3 + 0.7 * x, "κ " + number(kappa));
                 });
                 return nlohmann::json{{"kappa", kappa},
                                       {"ll_mean", p.mean},
                                       {"ll_se", p.standardError},
                                       {"sigma", p.sigma},
                                       {"samples", p.samples},
                                       {"validation_images", p.testImages},
                                       {"first_image", range.begin}};
               });
           scores.push_back(r);
           if (r["ll_mean"].get<double>() > best) best = r["ll_mean"].get<double>(), chosen = kappa;
         }
         results["targetprop"]["kappa_choice"] = {{"scores", scores}, {"chosen", chosen}};
         ctx.setChoice("tp-kappa", number(chosen));
         // The file's κ is the one `vpf tp sample|parzen` use: make it the chosen one.
         if (f.meta.priorScale != chosen) {
           TpModelFile updated = f;
           updated.meta.priorScale = chosen;
           saveTpModel(ctx.path("models/" + key + ".npz"), updated.model, updated.meta,
                       updated.trainerState ? &*updated.trainerState : nullptr);
         }
       }});

  // Table 2: the test set, once, with the chosen κ; the estimator and sample count of the VPF rows.
  for (const GenerateMode mode : {GenerateMode::Alg2, GenerateMode::Directed}) {
    const bool directed = mode == GenerateMode::Directed;
    plan.push_back({"targetprop " + generateModeName(mode) + " Parzen (test)",
                    (directed ? generateSeconds / 20 : generateSeconds) + 2 * parzenSeconds,
                    [&ctx, &results, key, mode, directed] {
                      const ReproSettings& s = ctx.settings();
                      const TpModelFile f = reproTpModel(ctx);
                      const double kappa = results["targetprop"]["kappa_choice"]["chosen"].get<double>();
                      const LoadedData& d = ctx.data("mnist");
                      const Matrix test = d.splits.test.images.topRows(d.test.rows());  // grey
                      const protocol::RowRange v = tp::validationRange(d.splits, protocol::kParzenValidationImages);
                      const Matrix valid = tp::pixelRows(d.splits.train.images, v, false);
                      nlohmann::json row =
                          ctx.cached("tp-parzen-" + key + "-" + generateModeName(mode) + "-k" + number(kappa) + "-n" +
                                         std::to_string(s.parzenSamples) + "-t" + std::to_string(test.rows()),
                                     [&] {
                                       Rng rng(s.seed * 1000 + 50 + directed);
                                       const Matrix samples =
                                           generate<float>(f.model, s.parzenSamples, tpGenerateSettings(f, kappa, mode),
                                                           rng, nullptr, &ctx.stopToken());
                                       ctx.throwIfStopped();
                                       return table2Parzen(ctx, samples, test, valid);
                                     });
                      const double paperValue =
                          directed ? paper::bengio2015::kParzenDirected : paper::bengio2015::kParzen;
                      row["dataset"] = "mnist";
                      row["model"] = tpTable2Label(directed);
                      row["kind"] = "targetprop";
                      row["mode"] = generateModeName(mode);
                      row["key"] = key;
                      row["prior"] = "κ " + number(kappa);
                      row["paper"] = paperValue;
                      row["difference"] = row["ll_mean"].get<double>() - paperValue;
                      results["table2"].push_back(row);
                    }});
  }

  // Fig. 4's data: ℓ(x, h) over INFERENCE on validation images, targetprop and gradient moves.
  plan.push_back(
      {"targetprop ℓ(x, h) over INFERENCE (Fig. 4)",
       2 * 1.5 * inferenceSeconds(arch, s.tp.inferenceIterations, s.tp.inferenceImages), [&ctx, &results, key] {
         const ReproSettings& s = ctx.settings();
         const TpModelFile f = reproTpModel(ctx);
         const DataSplits& splits = ctx.data("mnist").splits;
         const protocol::RowRange range = tp::validationRange(splits, s.tp.inferenceImages);
         results["targetprop"]["inference"] =
             ctx.cached("tp-inference-" + key + "-n" + std::to_string(range.count) + "-i" +
                            std::to_string(s.tp.inferenceIterations),
                        [&] {
                          const Matrix x = tp::pixelRows(splits.train.images, range, false);
                          InferenceSettings settings = f.meta.config.inference;
                          settings.iterations = s.tp.inferenceIterations;
                          nlohmann::json j{{"images", range.count},
                                           {"first_image", range.begin},
                                           {"iterations", settings.iterations},
                                           {"delta", settings.delta},
                                           {"alpha", settings.alpha}};
                          for (const InferenceMode mode : {InferenceMode::TargetProp, InferenceMode::Gradient}) {
                            settings.mode = mode;
                            ctx.taskProgress(mode == InferenceMode::TargetProp ? 0 : 0.5, inferenceModeName(mode));
                            const JointTrajectory t = jointTrajectory(f.model, x, settings, &ctx.stopToken());
                            ctx.throwIfStopped();
                            const MeanCurve without = meanCurve(t.withoutPrior), with = meanCurve(t.withPrior);
                            j["modes"][inferenceModeName(mode)] = {
                                {"mean", without.mean},
                                {"se", without.standardError},
                                {"mean_with_prior", with.mean},
                                {"se_with_prior", with.standardError},
                                {"individual", sampleTrajectories(t.withoutPrior, kTpIndividualCurves)},
                                {"individual_with_prior", sampleTrajectories(t.withPrior, kTpIndividualCurves)}};
                          }
                          return j;
                        });
       }});
}

}  // namespace vpf::cli
