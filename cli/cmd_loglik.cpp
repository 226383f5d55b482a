// vpf loglik: the true test log-likelihood of a model, averaged over the binarised test images, with
// log Z summed exactly (--exact, small models) or estimated by AIS (Salakhutdinov & Murray 2008).
// RBMs: log p(v) = −F(v) − log Z (core/likelihood/rbm_likelihood.h). DBMs: the mean-field lower bound
// E_q[−E(v, h)] + H(q) − log Z, with AIS over the joint state (core/likelihood/dbm_likelihood.h).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/cli_support.h"
#include "cli/commands.h"
#include "core/common/error.h"
#include "core/io/model_file.h"
#include "core/likelihood/model_likelihood.h"

namespace vpf::cli {

namespace {

struct LoglikOptions {
  std::string model, dataset;
  int runs = 100, betas = 14500, trainLimit = 0, testLimit = 0;
  std::uint64_t seed = 42;
  bool exact = false, json = false;
};

void runLoglik(const LoglikOptions& o) {
  const ModelFile file = loadModel(o.model);
  const std::string dataset =
      !o.dataset.empty() ? o.dataset : (file.meta.dataset.empty() ? "mnist" : file.meta.dataset);
  const LoadedData data =
      loadData(dataset, o.trainLimit, o.testLimit, static_cast<float>(file.meta.config.binarizeThreshold));
  if (data.test.cols() != file.model.sizes[0]) throw Error("the model does not match the images of " + dataset);

  Progress progress("loglik AIS", !o.exact);
  const LikelihoodEstimate e =
      estimateLogLikelihood(file.model, data.train, data.test, {o.exact, o.runs, o.betas, o.seed}, [&](double f) {
        progress.update(f);
        return true;
      });
  if (!o.exact) progress.finish();
  const PartitionEstimate& z = e.logZ;
  const LogLikelihood& ll = e.testLogLikelihood;
  const bool rbm = !e.bound;
  const nlohmann::json j{{"method", e.method()},      {"kind", machineKind(file.model)},
                         {"log_z", z.logZ},           {"log_z_lo", z.logZLow},
                         {"log_z_hi", z.logZHigh},    {"ll_mean", ll.mean},
                         {"ll_se", ll.standardError}, {"runs", z.runs},
                         {"betas", z.betas},          {"images", ll.images}};
  if (o.json) {
    std::cout << j.dump(2) << "\n";
    return;
  }
  char line[240];
  if (z.exact)
    std::snprintf(line, sizeof line, "log Z %.4f (exact)\n", z.logZ);
  else
    std::snprintf(line, sizeof line, "log Z %.4f (AIS, %d runs × %d β; ±3 s.e. [%.4f, %.4f])\n", z.logZ, z.runs,
                  z.betas, z.logZLow, z.logZHigh);
  std::cout << line;
  const std::string bound = rbm ? "" : "; a mean-field lower bound for the " + machineKind(file.model);
  std::snprintf(line, sizeof line, "test log-likelihood %s%.2f ± %.2f nats (%d binarised test images%s)\n",
                rbm ? "" : "≥ ", ll.mean, ll.standardError, ll.images, bound.c_str());
  std::cout << line;
}

}  // namespace

void addLoglikCommand(CLI::App& app) {
  auto o = std::make_shared<LoglikOptions>();
  CLI::App* cmd = app.add_subcommand(
      "loglik", "True test log-likelihood (RBM) or its mean-field lower bound (DBM); log Z exact or by AIS");
  cmd->add_option("--model", o->model, "model file (.npz)")->required();
  cmd->add_option("--runs", o->runs, "parallel AIS runs")->capture_default_str()->check(CLI::Range(2, 100000));
  cmd->add_option("--betas", o->betas, "AIS β steps")->capture_default_str()->check(CLI::Range(3, 10000000));
  cmd->add_option("--test-limit", o->testLimit, "use only the first N test images")->check(CLI::NonNegativeNumber);
  cmd->add_option("--train-limit", o->trainLimit, "AIS base rate from the first N training images (default all)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--exact", o->exact,
                "sum log Z exactly (RBM: the smaller layer, DBM: the odd and intra-layer units, at most 20)");
  cmd->add_option("--dataset", o->dataset, "data set (default: the model's)");
  cmd->add_option("--seed", o->seed, "random seed")->capture_default_str();
  cmd->add_flag("--json", o->json, "print JSON");
  cmd->callback([o] { runLoglik(*o); });
}

}  // namespace vpf::cli
