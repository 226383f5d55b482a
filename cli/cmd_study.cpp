// vpf study generative: the validation study of issue 14 — which choices make a DBM's upper layers
// learn, judged on the validation split only (training images 50,000 onward; never the test set).
// Every variant is trained on the first --train-images training images, then scored on the
// validation images: Parzen log-likelihood of Alg. 2 confabulations (σ 0.2, grey, priors R and P),
// the true log-likelihood bound (AIS), the mean |w| of every weight layer, and how much the
// samples change between priors R and P for the same seed (0: the top layer has no effect).
// Resumable like `vpf repro` (models/ and results/ in the output folder; the same ReproContext).
#include <CLI/CLI.hpp>
#include <cmath>
#include <csignal>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/cli_support.h"
#include "cli/commands.h"
#include "cli/repro_context.h"
#include "core/common/error.h"
#include "core/common/rng.h"
#include "core/io/atomic_file.h"
#include "core/likelihood/model_likelihood.h"
#include "core/metrics/parzen.h"
#include "core/protocols/paper_protocol.h"
#include "core/sampling/confabulation.h"

namespace vpf::cli {

namespace {

struct StudyOptions {
  std::string out;
  bool quick = false, quiet = false;
  int epochs = 10, trainImages = 20000, validationImages = 5000, samples = 5000;
  int aisRuns = 100, aisBetas = 2000;
  std::uint64_t seed = 1;
};

struct Variant {
  std::string model;  // "rbm196", "dbm1", "dbm2"
  std::string algo;   // "vpf", "vpf-layerwise"
  std::string decay;  // "per-unit" (λ·units) or "paper" (λ = 1e-4 against K summed over units)
};

std::vector<Variant> variants() {
  std::vector<Variant> v{{"rbm196", "vpf", "per-unit"}};
  for (const char* model : {"dbm1", "dbm2"})
    for (const char* algo : {"vpf", "vpf-layerwise"})
      for (const char* decay : {"per-unit", "paper"}) v.push_back({model, algo, decay});
  return v;
}

ModelSpec specFor(const Variant& v, const StudyOptions& o) {
  constexpr int kPixels = 784;
  const bool rbm = v.model == "rbm196";
  const int units = kPixels + (rbm ? 196 : 196 + 196 + 64);
  ModelSpec s;
  s.dataset = "mnist";
  s.arch = rbm ? "rbm:196" : "dbm:196,196,64";
  s.intra = v.model == "dbm2";
  s.algo = v.algo;
  s.epochs = o.epochs;
  s.seed = o.seed;
  s.weightDecay = v.decay == "per-unit" ? protocol::perUnitWeightDecay(1e-4, units) : 1e-4;
  s.trainRows = o.trainImages;
  s.key = "study-" + v.model + "-" + v.algo + "-" + v.decay + "-e" + std::to_string(o.epochs) + "-n" +
          std::to_string(o.trainImages) + "-s" + std::to_string(o.seed);
  return s;
}

double meanAbs(const Matrix& m) { return m.size() ? m.cwiseAbs().mean() : 0.0; }

nlohmann::json scoreVariant(ReproContext& ctx, const ModelSpec& spec, const StudyOptions& o) {
  ctx.setTaskPart(0, 0.6);
  const ModelFile f = ctx.model(spec);
  ctx.setTaskPart(0.6, 0.8);
  return ctx.cached(
      "score-" + spec.key + "-v" + std::to_string(o.validationImages) + "-m" + std::to_string(o.samples) + "-r" +
          std::to_string(o.aisRuns) + "-b" + std::to_string(o.aisBetas),
      [&] {
        const LoadedData& d = ctx.data("mnist");
        const int rows = static_cast<int>(d.train.rows());
        const int begin = protocol::validationRange(rows, o.validationImages).begin;
        const int n = std::min(o.validationImages, rows - begin);
        const Matrix validGrey = d.splits.train.images.middleRows(begin, n);
        const Matrix validBinary = d.train.middleRows(begin, n);
        const Matrix statistics = d.train.topRows(std::min(protocol::kStatisticsImages, o.trainImages));
        const auto means = meanBottomUpActivations(f.model, statistics);
        nlohmann::json j{{"weight_decay", spec.weightDecay}, {"validation_images", n}};
        Matrix samples[2];
        for (int p = 0; p < 2; ++p) {
          Rng rng(o.seed * 1000 + 17);  // the same seed for R and P: their difference is the prior's
          samples[p] = confabulate(f.model, o.samples, p ? ConfabulationPrior::Mean : ConfabulationPrior::Random, 5,
                                   rng, &means);
          const ParzenResult r = parzenLogLikelihood(samples[p], validGrey, protocol::kParzenSigma, [&](double x) {
            return ctx.taskProgress(0.5 * p + 0.5 * x, "Parzen");
          });
          ctx.throwIfStopped();
          j[p ? "parzen_P" : "parzen_R"] = r.mean;
          j[p ? "parzen_P_se" : "parzen_R_se"] = r.standardError;
        }
        j["prior_effect"] = (samples[0] - samples[1]).cwiseAbs().mean();
        LikelihoodSettings ais;
        ais.runs = o.aisRuns;
        ais.betas = o.aisBetas;
        ais.seed = o.seed;
        ctx.setTaskPart(0.8, 1);
        const LikelihoodEstimate e = estimateLogLikelihood(f.model, statistics, validBinary, ais,
                                                           [&](double x) { return ctx.taskProgress(x, "AIS"); });
        ctx.throwIfStopped();
        j["loglik"] = e.testLogLikelihood.mean;
        j["loglik_se"] = e.testLogLikelihood.standardError;
        j["loglik_method"] = e.method();
        j["log_z_spread"] = e.logZ.logZHigh - e.logZ.logZLow;
        nlohmann::json weights = nlohmann::json::array();
        for (const Matrix& w : f.model.W) weights.push_back(meanAbs(w));
        j["mean_abs_w"] = weights;
        j["train_seconds"] = [&] {
          double s = 0;
          for (const auto& h : f.meta.history) s += h.seconds;
          return s;
        }();
        return j;
      });
}

std::string number(const nlohmann::json& v, int digits = 1) {
  if (!v.is_number()) return "–";
  std::ostringstream s;
  s.setf(std::ios::fixed);
  s.precision(digits);
  s << v.get<double>();
  return s.str();
}

void writeStudyReport(const std::string& path, const nlohmann::json& study, const StudyOptions& o) {
  std::ostringstream r;
  r << "# Generative study (issue 14) — validation split only\n\n";
  r << "Each variant trains on MNIST training images 0–" << o.trainImages - 1 << " for " << o.epochs << " epochs (seed "
    << o.seed << ", Adam 1e-3, batch 40) and is scored on " << study["validation_images"]
    << " validation images from 50,000: Parzen (σ = 0.2, grey, " << o.samples
    << " Alg. 2 confabulations, r = 5), the test log-likelihood on the binarised validation images (RBM exact given "
       "log Z; DBM the mean-field lower bound ≥; log Z by AIS, "
    << o.aisRuns << " runs × " << o.aisBetas
    << " β), the mean |w| per weight layer, and the prior effect: mean |sample_R − sample_P| per pixel for the same "
       "random numbers (0: the top layer's start does not change the samples). λ per unit = 1e-4 × units; paper = "
       "1e-4 against K summed over the units (DESIGN §4). `vpf-layerwise` is VPF with one MPF objective per layer "
       "pair (not in the paper; DESIGN §17).\n\n";
  r << "| model | algorithm | λ | Parzen R | Parzen P | prior effect | log p(v) | mean abs w per layer | training |\n";
  r << "|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& v : study["variants"]) {
    const auto& s = v["score"];
    std::string w;
    for (const auto& x : s["mean_abs_w"]) w += (w.empty() ? "" : " / ") + number(x, 4);
    const bool bound = s["loglik_method"].get<std::string>().find("meanfield") != std::string::npos;
    r << "| " << v["model"].get<std::string>() << " | " << v["algo"].get<std::string>() << " | "
      << v["decay"].get<std::string>() << " (" << number(s["weight_decay"], 4) << ") | " << number(s["parzen_R"])
      << " ± " << number(s["parzen_R_se"]) << " | " << number(s["parzen_P"]) << " ± " << number(s["parzen_P_se"])
      << " | " << number(s["prior_effect"], 4) << " | " << (bound ? "≥ " : "") << number(s["loglik"]) << " ± "
      << number(s["loglik_se"]) << " | " << w << " | " << formatDuration(s["train_seconds"].get<double>()) << " |\n";
  }
  r << "\nBest on validation: by Parzen (mean of R and P) **" << study["best_parzen"].get<std::string>()
    << "**, by log-likelihood **" << study["best_loglik"].get<std::string>() << "**.\n";
  writeFileAtomically(path, r.str());
}

StopToken* g_studyStop = nullptr;
void onStudySigint(int) {
  if (g_studyStop) g_studyStop->requestStop();
}

void runStudy(const StudyOptions& given) {
  StudyOptions o = given;
  ReproSettings settings = o.quick ? ReproSettings::quick() : ReproSettings::full();
  settings.trainLimit = 0;  // the validation images come after the training images
  if (o.quick) {
    settings.trainLimit = 6000;
    o.trainImages = std::min(o.trainImages, 2000);
    o.epochs = std::min(o.epochs, 2);
    o.validationImages = std::min(o.validationImages, 300);
    o.samples = std::min(o.samples, 300);
    o.aisRuns = std::min(o.aisRuns, 20);
    o.aisBetas = std::min(o.aisBetas, 200);
  }
  ReproContext ctx(o.out, settings, !o.quiet);
  g_studyStop = &ctx.stopToken();
  std::signal(SIGINT, onStudySigint);
  if (o.trainImages > protocol::validationRange(ctx.trainImages(), o.validationImages).begin)
    throw CLI::ValidationError("--train-images", "must end before the validation images");
  nlohmann::json study{{"variants", nlohmann::json::array()}, {"mode", o.quick ? "quick" : "full"}};
  const std::vector<Variant> all = variants();
  double plan = 0;
  for (const Variant& v : all) plan += estimatedTrainingSeconds(specFor(v, o), o.trainImages) + 30;
  ctx.setPlanSeconds(plan);
  double bestParzen = -INFINITY, bestLoglik = -INFINITY;
  try {
    for (const Variant& v : all) {
      const ModelSpec spec = specFor(v, o);
      ctx.beginTask(spec.key, estimatedTrainingSeconds(spec, o.trainImages) + 30);
      const nlohmann::json score = scoreVariant(ctx, spec, o);
      ctx.endTask();
      ctx.throwIfStopped();
      const std::string name = v.model + " " + v.algo + " " + v.decay;
      const double parzen = (score["parzen_R"].get<double>() + score["parzen_P"].get<double>()) / 2;
      if (parzen > bestParzen) bestParzen = parzen, study["best_parzen"] = name;
      if (score["loglik"].get<double>() > bestLoglik)
        bestLoglik = score["loglik"].get<double>(), study["best_loglik"] = name;
      study["validation_images"] = score["validation_images"];
      study["variants"].push_back(
          {{"model", v.model}, {"algo", v.algo}, {"decay", v.decay}, {"key", spec.key}, {"score", score}});
    }
  } catch (const ReproInterrupted& e) {
    ctx.finish();
    throw Error(e.what());
  }
  ctx.finish();
  g_studyStop = nullptr;
  std::signal(SIGINT, SIG_DFL);
  writeFileAtomically(ctx.path("study.json"), study.dump(2) + "\n");
  writeStudyReport(ctx.path("study.md"), study, o);
  std::cout << "study    " << ctx.path("study.md") << "\nbest     Parzen: " << study["best_parzen"].get<std::string>()
            << "; log-likelihood: " << study["best_loglik"].get<std::string>() << "\n";
}

}  // namespace

void addStudyCommand(CLI::App& app) {
  CLI::App* study = app.add_subcommand("study", "Validation studies (resumable; the test set is never used)");
  study->require_subcommand(1);
  auto o = std::make_shared<StudyOptions>();
  CLI::App* cmd = study->add_subcommand(
      "generative", "Which choices make a DBM's upper layers learn (VPF vs layer-wise VPF, λ), on validation data");
  cmd->add_option("--out", o->out, "results folder (resumes what is there)")->required();
  cmd->add_flag("--quick", o->quick, "small subsets, for a smoke test");
  cmd->add_option("--epochs", o->epochs, "epochs per variant")->capture_default_str()->check(CLI::Range(1, 10000));
  cmd->add_option("--train-images", o->trainImages, "train on the first N training images")
      ->capture_default_str()
      ->check(CLI::Range(100, 50000));
  cmd->add_option("--validation-images", o->validationImages, "validation images from 50,000")
      ->capture_default_str()
      ->check(CLI::Range(10, 10000));
  cmd->add_option("--samples", o->samples, "confabulations per prior for Parzen")
      ->capture_default_str()
      ->check(CLI::Range(10, 100000));
  cmd->add_option("--ais-runs", o->aisRuns, "AIS runs")->capture_default_str()->check(CLI::Range(2, 100000));
  cmd->add_option("--ais-betas", o->aisBetas, "AIS β steps")->capture_default_str()->check(CLI::Range(3, 10000000));
  cmd->add_option("--seed", o->seed, "seed of every variant")->capture_default_str();
  cmd->add_flag("--quiet", o->quiet, "no progress line");
  cmd->callback([o] { runStudy(*o); });
}

}  // namespace vpf::cli
