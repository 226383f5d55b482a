// vpf train: trains an RBM/DBM by VPF, CD-k or PCD-k; writes the model (a resumable checkpoint,
// rewritten atomically after every epoch) and optionally the metric history as CSV.
#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/cli_support.h"
#include "cli/commands.h"
#include "core/common/error.h"
#include "core/io/atomic_file.h"
#include "core/io/csv_writer.h"
#include "core/io/model_file.h"
#include "core/metrics/activations.h"
#include "core/protocols/paper_protocol.h"
#include "core/run/training_run.h"

namespace vpf::cli {

namespace {

struct TrainOptions {
  std::string dataset, model = "rbm:196", algo = "vpf", out, metrics, resume, optimizer = "adam";
  std::string init = "normal";
  bool intra = false, json = false, meanField = false, visibleBiasFromData = false, quiet = false;
  int epochs = 10, trainLimit = 0, batch = 40;
  std::uint64_t seed = 42;
  double lr = 1e-3, weightDecay = 1e-4, threshold = 0.5, initScale = 0.1;
};

StopToken g_interrupt;
void onSigint(int) { g_interrupt.requestStop(); }

void writeMetricsCsv(const std::string& path, const std::vector<EpochStats>& history) {
  std::vector<std::string> header{"epoch", "objective", "seconds"};
  const std::size_t layers = history.empty() ? 0 : history.front().sparsity.size();
  for (std::size_t l = 0; l < layers; ++l) {
    header.push_back("sparsity_W" + std::to_string(l));
    header.push_back("squared_weight_W" + std::to_string(l));
  }
  CsvWriter csv(header);
  for (const auto& e : history) {
    std::vector<double> row{double(e.epoch + 1), e.objective, e.seconds};
    for (std::size_t l = 0; l < layers; ++l) {
      row.push_back(e.sparsity[l]);
      row.push_back(e.squaredWeight[l]);
    }
    csv.addRow(row);
  }
  csv.save(path);
}

// Bad hyper-parameters are usage errors (exit 2), reported with the core's message.
template <typename F>
void asUsageError(const std::string& option, F&& f) {
  try {
    f();
  } catch (const Error& e) {
    throw CLI::ValidationError(option, e.what());
  }
}

void runTrain(const TrainOptions& o) {
  TrainingConfig config;
  std::optional<ModelFile> resumed;
  if (!o.resume.empty()) {
    resumed = loadModel(o.resume);
    if (!resumed->trainerState) throw Error(o.resume + " is a model without training state; it cannot be resumed");
    config = resumed->meta.config;
    config.epochs = o.epochs;
  } else {
    asUsageError("--algo", [&] { parseAlgorithm(o.algo, config); });
    config.epochs = o.epochs;
    config.batchSize = o.batch;
    config.learningRate = o.lr;
    config.weightDecay = o.weightDecay;
    config.seed = o.seed;
    config.meanFieldEStep = o.meanField;
    config.binarizeThreshold = o.threshold;
    if (o.optimizer == "sgd") config.optimizer = OptimizerKind::Sgd;
  }
  const std::string datasetName = !o.dataset.empty() ? o.dataset : (resumed ? resumed->meta.dataset : "mnist");
  LoadedData data = loadData(datasetName, o.trainLimit, 1, static_cast<float>(config.binarizeThreshold));

  std::optional<TrainingRun> run;
  if (resumed) {
    run = TrainingRun::resume(datasetName, resumed->model, config, &*resumed->trainerState, data.train);
  } else {
    RunSpec spec;
    spec.datasetName = datasetName;
    spec.config = config;
    asUsageError("--model", [&] { spec.architecture = parseArchitecture(o.model, o.intra); });
    spec.init.scheme = o.init;
    spec.init.weightScale = o.initScale;
    spec.init.visibleBiasFromData = o.visibleBiasFromData;
    // Refuses absurd hyper-parameters and models larger than memory before allocating.
    asUsageError("train", [&] { run = TrainingRun::fresh(spec, data.train); });
  }
  const Trainer& trainer = run->trainer();
  const BoltzmannMachine& model = run->model();
  std::cerr << "train: " << machineKind(model) << " ";
  for (std::size_t l = 0; l < model.sizes.size(); ++l) std::cerr << (l ? "-" : "") << model.sizes[l];
  std::cerr << " by " << algorithmName(config) << ", " << config.epochs << " epochs, batch " << config.batchSize
            << ", lr " << config.learningRate << ", seed " << config.seed
            << (resumed ? ", resumed at epoch " + std::to_string(trainer.epochsDone()) : "") << "\n";

  // A run killed mid-save left its temp file beside --out; this run is that file's only writer.
  if (!o.out.empty()) removeLeftoverTempFiles(o.out);
  std::signal(SIGINT, onSigint);
  const double total = static_cast<double>(config.epochs) * trainer.batchesPerEpoch();
  Progress progress("train", !o.quiet);
  double objectiveSmoothed = 0;
  auto save = [&] {
    if (!o.out.empty()) run->save(o.out);
    if (!o.metrics.empty()) writeMetricsCsv(o.metrics, run->history());
  };
  try {
    while (trainer.epochsDone() < config.epochs && !g_interrupt.stopRequested()) {
      const BatchStats b = run->step();
      objectiveSmoothed = b.batch == 0 ? b.objective : 0.98 * objectiveSmoothed + 0.02 * b.objective;
      const double done = static_cast<double>(b.epoch) * b.batchesPerEpoch + b.batch + 1;
      char detail[160];
      std::snprintf(detail, sizeof detail, "epoch %d/%d batch %d/%d objective %.4g", b.epoch + 1, config.epochs,
                    b.batch + 1, b.batchesPerEpoch, objectiveSmoothed);
      progress.update(done / total, detail);
      if (trainer.atEpochBoundary()) {
        const EpochStats& e = trainer.history().back();
        char line[200];
        std::snprintf(line, sizeof line, "epoch %d: objective %.5g, rho %.4f, w2 %.4g, %.1f s", e.epoch + 1,
                      e.objective, e.sparsity[0], e.squaredWeight[0], e.seconds);
        progress.message(line);
        save();
      }
    }
  } catch (const DivergenceError& e) {
    std::cerr << "\n";
    throw Error(std::string(e.what()) + (o.out.empty() ? "" : "; " + o.out + " holds the last completed epoch"));
  }
  progress.finish();
  if (g_interrupt.stopRequested())
    std::cerr << "interrupted: " << (o.out.empty() ? "" : o.out + " holds ") << trainer.epochsDone()
              << " completed epochs; resume with --resume\n";

  // Final metrics (paper "Experiments"): objective, ρ, w², mean activation over ≤ 10,000 rows.
  const auto means = meanHiddenActivations(
      model, data.train.topRows(std::min<Eigen::Index>(protocol::kStatisticsImages, data.train.rows())));
  nlohmann::json result;
  result["model"] = machineKind(model);
  result["sizes"] = model.sizes;
  result["algorithm"] = algorithmName(config);
  result["epochs"] = trainer.epochsDone();
  result["out"] = o.out;
  if (!trainer.history().empty()) {
    const EpochStats& e = trainer.history().back();
    result["objective"] = e.objective;
    result["sparsity"] = e.sparsity;
    result["squared_weight"] = e.squaredWeight;
  }
  std::vector<double> meanAct;
  for (const auto& m : means) meanAct.push_back(m.mean());
  result["mean_activation"] = meanAct;
  double seconds = 0;
  for (const auto& e : trainer.history()) seconds += e.seconds;
  result["train_seconds"] = seconds;
  if (o.json) {
    std::cout << result.dump(2) << "\n";
    return;
  }
  std::cout << "model          " << result["model"].get<std::string>() << " ";
  for (std::size_t l = 0; l < model.sizes.size(); ++l) std::cout << (l ? "-" : "") << model.sizes[l];
  std::cout << "\nalgorithm      " << algorithmName(config) << "\nepochs         " << trainer.epochsDone() << "\n";
  if (!trainer.history().empty()) {
    const EpochStats& e = trainer.history().back();
    std::cout << "objective      " << e.objective << "\n";
    for (std::size_t l = 0; l < e.sparsity.size(); ++l)
      std::cout << "W" << l << " rho / w2     " << e.sparsity[l] << " / " << e.squaredWeight[l] << "\n";
  }
  for (std::size_t l = 0; l < meanAct.size(); ++l) std::cout << "mean act. h" << l + 1 << "   " << meanAct[l] << "\n";
  std::cout << "train time     " << formatDuration(seconds) << "\n";
  if (!o.out.empty()) std::cout << "saved          " << o.out << "\n";
}

}  // namespace

void addTrainCommand(CLI::App& app) {
  auto o = std::make_shared<TrainOptions>();
  CLI::App* cmd = app.add_subcommand("train", "Train an RBM or DBM by VPF, CD-k or PCD-k");
  cmd->add_option("--dataset", o->dataset,
                  "mnist | fashion | <dir or IDX prefix> (default mnist, or the resumed run's)");
  cmd->add_option("--model", o->model, "rbm:N | dbm:N1,N2,...")->capture_default_str();
  cmd->add_flag("--intra", o->intra, "intra-layer connections in hidden layers (DBM2)");
  cmd->add_option("--algo", o->algo, "vpf | cd:K | pcd:K")->capture_default_str();
  cmd->add_option("--epochs", o->epochs, "total number of epochs")->capture_default_str()->check(CLI::Range(0, 100000));
  cmd->add_option("--train-limit", o->trainLimit, "use only the first N training images")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--seed", o->seed, "random seed")->capture_default_str();
  cmd->add_option("--out", o->out, "model file (.npz); rewritten after every epoch, resumable");
  cmd->add_option("--metrics", o->metrics, "per-epoch metrics as CSV");
  cmd->add_option("--resume", o->resume, "continue a run from its model/checkpoint file");
  cmd->add_option("--lr", o->lr, "learning rate")->capture_default_str();
  cmd->add_option("--batch", o->batch, "minibatch size")->capture_default_str();
  cmd->add_option("--weight-decay", o->weightDecay, "λ in λΣw²")->capture_default_str();
  cmd->add_option("--optimizer", o->optimizer, "adam | sgd")
      ->check(CLI::IsMember({"adam", "sgd"}))
      ->capture_default_str();
  cmd->add_option("--threshold", o->threshold, "binarisation threshold")->capture_default_str();
  cmd->add_option("--init", o->init, "weight initialisation: normal | zero")->check(CLI::IsMember({"normal", "zero"}));
  cmd->add_option("--init-scale", o->initScale, "std. deviation of the initial weights")->capture_default_str();
  cmd->add_flag("--visible-bias-from-data", o->visibleBiasFromData, "b0 = logit(mean pixel)");
  cmd->add_flag("--mean-field", o->meanField, "VPF E-step with probabilities instead of samples (not the paper's)");
  cmd->add_flag("--quiet", o->quiet, "no progress on stderr");
  cmd->add_flag("--json", o->json, "print the result as JSON");
  cmd->callback([o] {
    if (o->out.empty() && o->resume.empty()) throw CLI::ValidationError("--out", "an output file is required");
    TrainOptions opts = *o;
    if (!opts.resume.empty() && opts.out.empty()) opts.out = opts.resume;
    runTrain(opts);
  });
}

}  // namespace vpf::cli
