// vpf tp train: trains Bengio et al. 2015's target-propagation model (Alg. 2) on training images
// 0–49,999; per epoch the four regression losses, the reconstruction cost, the validation Parzen when
// due (images 50,000+, never the test set) and the seconds. The model file is rewritten after every
// epoch and resumes exactly; the prior p(h2) is fitted at the end (and for each validation Parzen).
#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "cli/cli_support.h"
#include "cli/tp_commands.h"
#include "cli/tp_support.h"
#include "core/common/paper_reference.h"
#include "core/io/atomic_file.h"
#include "core/io/csv_writer.h"
#include "core/io/model_kind.h"
#include "core/metrics/parzen.h"
#include "core/targetprop/generate.h"
#include "core/targetprop/tp_meta_json.h"
#include "core/targetprop/tp_run.h"
#include "core/targetprop/validation_parzen.h"

namespace vpf::cli {

namespace {

using namespace targetprop;

struct TpTrainOptions {
  std::string dataset, hidden = "1000,100", optimizer = "rmsprop", noise = "0.5,0.3,0.5";
  std::string inference = "15,0.1,0.001", pixels = "grey", out, metrics;
  int epochs = 20, batch = 100, spikes = 3, trainLimit = 0, parzenEvery = 5, parzenSamples = 1000;
  int parzenImages = 1000, priorImages = tp::kPriorImages;
  double lr = 0;  // 0: the optimizer's default
  double priorScale = kDefaultPriorScale;
  std::uint64_t seed = 1;
  bool resume = false, json = false, quiet = false;
};

// The options that define a run; a resumed run keeps its file's and refuses new values.
const std::vector<std::string> kRunDefiningOptions{"--hidden", "--batch",     "--optimizer", "--lr",  "--noise",
                                                   "--spikes", "--inference", "--pixels",    "--seed"};

StopToken g_interrupt;
void onSigint(int) { g_interrupt.requestStop(); }

TpConfig configFromOptions(const TpTrainOptions& o) {
  TpConfig c;
  const std::vector<double> sizes = tp::parseNumbers(o.hidden, 2, "--hidden");
  if (sizes[0] != std::floor(sizes[0]) || sizes[1] != std::floor(sizes[1]))
    throw CLI::ValidationError("--hidden", "layer sizes must be whole numbers");
  c.architecture.hidden1 = static_cast<int>(std::clamp(sizes[0], -1.0, 1e9));
  c.architecture.hidden2 = static_cast<int>(std::clamp(sizes[1], -1.0, 1e9));
  c.epochs = o.epochs;
  c.batchSize = o.batch;
  const UpdateRule rule = parseUpdateRule(o.optimizer);
  if (rule == UpdateRule::CentredRmsprop) c.optimizer = referenceRmsprop();
  c.optimizer.rule = rule;
  c.optimizer.learningRate = o.lr > 0 ? o.lr : defaultLearningRate(rule);
  const std::vector<double> noise = tp::parseNumbers(o.noise, 3, "--noise");
  c.corruption.sigmaX = noise[0];
  c.corruption.sigmaA = noise[1];
  c.corruption.sigmaB = noise[2];
  c.corruption.spikes = o.spikes;
  const std::vector<double> inference = tp::parseNumbers(o.inference, 3, "--inference");
  if (inference[0] != std::floor(inference[0]) || inference[0] < 0 || inference[0] > 1000)
    throw CLI::ValidationError("--inference", "N (the first number) must be a whole number from 0 to 1000");
  c.inference.iterations = static_cast<int>(inference[0]);
  c.inference.delta = inference[1];
  c.inference.alpha = inference[2];
  if (c.inference.delta > 10 || c.inference.alpha > 10)
    throw CLI::ValidationError("--inference", "δ and α above 10 make INFERENCE diverge");
  for (double s : noise)
    if (s > 10) throw CLI::ValidationError("--noise", "a corruption σ above 10 drowns the [0, 1] inputs");
  c.binarised = o.pixels == "binarised";
  c.seed = o.seed;
  return c;
}

void writeMetricsCsv(const std::string& path, const std::vector<TpEpochStats>& history,
                     const std::map<int, double>& parzen) {
  CsvWriter csv(
      {"epoch", "loss_g1", "loss_f1", "loss_g2", "loss_f2", "reconstruction", "seconds", "validation_parzen"});
  for (const TpEpochStats& e : history) {
    const auto p = parzen.find(e.epoch);
    csv.addRow(std::vector<std::string>{
        std::to_string(e.epoch + 1), CsvWriter::number(e.losses.g1), CsvWriter::number(e.losses.f1),
        CsvWriter::number(e.losses.g2), CsvWriter::number(e.losses.f2), CsvWriter::number(e.losses.reconstruction),
        CsvWriter::number(e.seconds), p == parzen.end() ? std::string() : CsvWriter::number(p->second)});
  }
  csv.save(path);
}

// Writes the checkpoint; a prior fitted before the last epoch describes an older model and is left out
// (the commands that sample fit one when the file has none).
void saveRun(const TpRun& run, const std::string& path, bool priorCurrent) {
  TpModelFile file = run.checkpoint();
  if (!priorCurrent) {
    file.model.priorMean.resize(0);
    file.model.priorVar.resize(0);
  }
  saveTpModel(path, file.model, file.meta, file.trainerState ? &*file.trainerState : nullptr);
}

void runTpTrain(const TpTrainOptions& o, const CLI::App& cmd) {
  std::optional<TpModelFile> resumed;
  TpConfig config;
  if (o.resume) {
    for (const std::string& name : kRunDefiningOptions)
      if (cmd.count(name) > 0)
        throw CLI::ValidationError(name, "cannot be changed when resuming; the run keeps its file's settings");
    resumed = loadTpModel(o.out);
    if (!resumed->trainerState)
      throw Error(o.out + " holds no training state (it was saved mid-epoch or by another tool); it cannot be resumed");
    config = resumed->meta.config;
    config.epochs = o.epochs;
  } else {
    config = configFromOptions(o);
  }
  removeLeftoverTempFiles(o.out);  // of a run killed mid-save; this run is the file's only writer
  const std::string datasetName = resumed ? tp::datasetOf(o.dataset, resumed->meta) : tp::datasetOf(o.dataset, {});
  const DataSplits splits = tp::loadTpSplits(datasetName);
  const Matrix train = tp::pixelRows(splits.train.images, tp::trainingRange(splits, o.trainLimit), config.binarised);
  const Matrix priorRows =
      tp::pixelRows(splits.train.images, tp::trainingRange(splits, o.priorImages), config.binarised);
  // The validation Parzen compares with grey images, as the paper's test protocol does.
  const Matrix validation = o.parzenEvery > 0
                                ? tp::pixelRows(splits.train.images, tp::validationRange(splits, o.parzenImages), false)
                                : Matrix();
  if (config.batchSize > train.rows())
    throw CLI::ValidationError("--batch", "the batch size " + std::to_string(config.batchSize) + " exceeds the " +
                                              std::to_string(train.rows()) + " training images");

  std::optional<TpRun> run;
  if (resumed) {
    run = TpRun::resume(*resumed, train, config.epochs);
  } else {
    tp::asUsageError("train", [&] { run = TpRun::fresh(datasetName, config, train); });
  }
  tp::asUsageError("--prior-scale", [&] { run->setPriorScale(o.priorScale); });
  const TpArchitecture& arch = run->model().arch;
  std::cerr << "tp train: " << arch.visible << "-" << arch.hidden1 << "-" << arch.hidden2 << " on " << train.rows()
            << " " << (config.binarised ? "binarised" : "grey") << " images, " << updateRuleName(config.optimizer.rule)
            << " lr " << config.optimizer.learningRate << ", " << config.epochs << " epochs, batch " << config.batchSize
            << ", seed " << config.seed << (resumed ? ", resumed at epoch " + std::to_string(run->epochsDone()) : "")
            << "\n";

  std::map<int, double> parzen;  // epoch (0-based) → validation log-likelihood
  int priorEpoch = -1;           // epochsDone when the prior was last fitted
  Rng parzenRng(config.seed, 7);

  std::signal(SIGINT, onSigint);
  const TpTrainer& trainer = run->trainer();
  const double total = static_cast<double>(config.epochs) * trainer.batchesPerEpoch();
  Progress progress("tp train", !o.quiet);
  try {
    while (run->epochsDone() < config.epochs && !g_interrupt.stopRequested()) {
      const TpBatchStats b = run->step();
      const double done = static_cast<double>(b.epoch) * b.batchesPerEpoch + b.batch + 1;
      char detail[160];
      std::snprintf(detail, sizeof detail, "epoch %d/%d batch %d/%d recon %.4g", b.epoch + 1, config.epochs,
                    b.batch + 1, b.batchesPerEpoch, b.losses.reconstruction);
      progress.update(done / total, detail);
      if (!run->atEpochBoundary()) continue;
      const TpEpochStats& e = trainer.history().back();
      char line[240];
      std::snprintf(line, sizeof line, "epoch %d: g1 %.5g, f1 %.5g, g2 %.5g, f2 %.5g, recon %.5g", e.epoch + 1,
                    e.losses.g1, e.losses.f1, e.losses.g2, e.losses.f2, e.losses.reconstruction);
      std::string summary = line;
      const bool due = o.parzenEvery > 0 && ((e.epoch + 1) % o.parzenEvery == 0 || e.epoch + 1 == config.epochs);
      if (due) {
        const std::optional<ParzenResult> r =
            validationParzen(*run, priorRows, validation, o.parzenSamples, o.priorScale, parzenRng, &g_interrupt);
        if (r) {
          priorEpoch = run->epochsDone();
          parzen[e.epoch] = r->mean;
          std::snprintf(line, sizeof line, ", validation Parzen %.1f ± %.1f", r->mean, r->standardError);
          summary += line;
        }
      }
      std::snprintf(line, sizeof line, ", %.1f s", e.seconds);
      progress.message(summary + line);
      saveRun(*run, o.out, priorEpoch == run->epochsDone());
      if (!o.metrics.empty()) writeMetricsCsv(o.metrics, trainer.history(), parzen);
    }
  } catch (const DivergenceError& e) {
    std::cerr << "\n";
    throw Error(std::string(e.what()) + "; " + o.out + " holds the last completed epoch");
  }
  progress.finish();
  const bool interrupted = g_interrupt.stopRequested();
  if (interrupted) {
    std::cerr << "interrupted: " << o.out << " holds " << run->epochsDone()
              << " completed epochs; continue with --resume\n";
  } else if (priorEpoch != run->epochsDone()) {
    std::cerr << "tp train: fitting the prior p(h2) on " << priorRows.rows() << " training images\n";
    if (run->fitPrior(priorRows, &g_interrupt)) {
      priorEpoch = run->epochsDone();
      saveRun(*run, o.out, true);
    }
  }

  nlohmann::json result{{"kind", kTargetPropKind},
                        {"sizes", {arch.visible, arch.hidden1, arch.hidden2}},
                        {"epochs", run->epochsDone()},
                        {"training_images", static_cast<int>(train.rows())},
                        {"pixels", config.binarised ? "binarised" : "grey"},
                        {"prior_fitted", priorEpoch == run->epochsDone()},
                        {"interrupted", interrupted},
                        {"out", o.out}};
  double seconds = 0;
  for (const TpEpochStats& e : trainer.history()) seconds += e.seconds;
  result["train_seconds"] = seconds;
  if (!trainer.history().empty()) result["losses"] = toJson(trainer.history().back().losses);
  if (!parzen.empty()) result["validation_parzen"] = parzen.rbegin()->second;
  if (o.json) {
    std::cout << result.dump(2) << "\n";
    return;
  }
  std::cout << "model          " << kTargetPropKind << " " << arch.visible << "-" << arch.hidden1 << "-" << arch.hidden2
            << "\nepochs         " << run->epochsDone() << "\n";
  if (!trainer.history().empty()) {
    const TpLosses& l = trainer.history().back().losses;
    std::cout << "losses         g1 " << l.g1 << ", f1 " << l.f1 << ", g2 " << l.g2 << ", f2 " << l.f2
              << "\nreconstruction " << l.reconstruction << "\n";
  }
  if (!parzen.empty()) std::cout << "valid. Parzen  " << parzen.rbegin()->second << " (σ 0.2, grey)\n";
  std::cout << "train time     " << formatDuration(seconds) << "\nsaved          " << o.out << "\n";
}

}  // namespace

void addTpTrainCommand(CLI::App& tp) {
  auto o = std::make_shared<TpTrainOptions>();
  CLI::App* cmd = tp.add_subcommand("train", "Train the target-propagation model (Alg. 2) on training images 0–49,999");
  cmd->add_option("--dataset", o->dataset,
                  "mnist | fashion | <dir or IDX prefix> (default mnist, or the resumed run's)");
  cmd->add_option("--hidden", o->hidden, "n1,n2 (paper: 1000,100)")->capture_default_str();
  cmd->add_option("--epochs", o->epochs, "total number of epochs (paper 20)")
      ->capture_default_str()
      ->check(CLI::Range(0, 100000));
  cmd->add_option("--batch", o->batch, "minibatch size")->capture_default_str()->check(CLI::Range(1, 100000));
  cmd->add_option("--optimizer", o->optimizer, "rmsprop (the reference code's, centred) | adam | sgd")
      ->capture_default_str()
      ->check(CLI::IsMember({"rmsprop", "adam", "sgd"}));
  cmd->add_option("--lr", o->lr, "learning rate (default: rmsprop 1e-5, adam 1e-4, sgd 1e-3)")
      ->check(CLI::Range(1e-12, 1.0));
  cmd->add_option("--noise", o->noise, "corruption σ_x,σ_a,σ_b of the M-step inputs X, H1→g1, H1→f2")
      ->capture_default_str();
  cmd->add_option("--spikes", o->spikes, "Bernoulli samples averaged for H2→g2")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--inference", o->inference, "N,δ,α of INFERENCE (the E-step)")->capture_default_str();
  cmd->add_option("--pixels", o->pixels, "grey (the reference code) | binarised at 0.5")
      ->capture_default_str()
      ->check(CLI::IsMember({"grey", "binarised"}));
  cmd->add_option("--seed", o->seed, "random seed")->capture_default_str();
  cmd->add_option("--out", o->out, "model file (.npz); rewritten after every epoch, resumable")->required();
  cmd->add_option("--metrics", o->metrics, "per-epoch losses, seconds and validation Parzen as CSV");
  cmd->add_flag("--resume", o->resume,
                "continue the run in --out to --epochs (its settings are kept; give the same --train-limit)");
  cmd->add_option("--parzen-every", o->parzenEvery, "validation Parzen every K epochs and at the end (0: never)")
      ->capture_default_str()
      ->check(CLI::Range(0, 100000));
  cmd->add_option("--parzen-samples", o->parzenSamples, "Alg. 2 samples for the validation Parzen")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--parzen-images", o->parzenImages, "validation images (from 50,000) for the validation Parzen")
      ->capture_default_str()
      ->check(CLI::Range(1, tp::kValidationImages));
  cmd->add_option("--prior-images", o->priorImages, "training images the prior p(h2) is fitted on (0: all)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--prior-scale", o->priorScale,
                  "κ of the prior's variance (paper 4; the code's std × 4 and the validation choice: 16)")
      ->capture_default_str()
      ->check(CLI::Range(1e-6, 1e6));
  cmd->add_option("--train-limit", o->trainLimit, "use only the first N training images")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--quiet", o->quiet, "no progress on stderr");
  cmd->add_flag("--json", o->json, "print the result as JSON");
  cmd->callback([o, cmd] { runTpTrain(*o, *cmd); });
}

}  // namespace vpf::cli
