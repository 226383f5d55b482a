// vpf bench: measures, in one run on this machine, the single-precision GEMM throughput for the
// shapes training uses, one VPF epoch and one CD-1 epoch of RBM(400) on the full MNIST training
// set (batch 40), and a 10k × 10k Parzen estimate. Reports GFLOP/s and the ratio to the GEMM peak.
// --early-inference and --targetprop run only their own section (no data set needed).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/bench_early_inference.h"
#include "cli/bench_targetprop.h"
#include "cli/cli_support.h"
#include "cli/commands.h"
#include "cli/tp_support.h"
#include "core/common/rng.h"
#include "core/learning/trainer.h"
#include "core/metrics/parzen.h"

namespace vpf::cli {

namespace {

double seconds(const std::chrono::steady_clock::time_point& t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Median GFLOP/s of C = A·B (m×k times k×n) over `reps` timed runs after a warm-up.
double gemmGflops(int m, int k, int n, int reps, Rng& rng) {
  Matrix a(m, k), b(k, n), c(m, n);
  for (Eigen::Index i = 0; i < a.size(); ++i) a.data()[i] = rng.uniform();
  for (Eigen::Index i = 0; i < b.size(); ++i) b.data()[i] = rng.uniform();
  c.noalias() = a * b;
  std::vector<double> rates;
  for (int r = 0; r < reps; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    c.noalias() = a * b;
    rates.push_back(2.0 * m * k * n / seconds(t0) / 1e9);
  }
  std::sort(rates.begin(), rates.end());
  return rates[rates.size() / 2];
}

struct BenchOptions {
  bool json = false;
  std::string dataset = "mnist";
  int hidden = 400;
  bool earlyInference = false;  // only the early-inference section
  bool targetProp = false;      // only the target-propagation section
  std::string tpHidden = "1000,100";
  TpBenchSettings tp;
};

void runBench(const BenchOptions& o) {
  Rng rng(1);
  nlohmann::json r;
  std::cerr << "bench: GEMM throughput…\n";
  const double square = gemmGflops(1024, 1024, 1024, 15, rng);
  if (o.earlyInference) {
    nlohmann::json ei = benchEarlyInference(square, !o.json);
    ei["gemm_square_gflops"] = square;
    if (o.json) std::cout << ei.dump(2) << "\n";
    return;
  }
  if (o.targetProp) {
    const nlohmann::json tp = benchTargetProp(o.tp, square, !o.json);
    if (o.json) std::cout << tp.dump(2) << "\n";
    return;
  }
  const int nv = 784, nh = o.hidden, b = 40;
  const double batchForward = gemmGflops(b, nv, nh, 200, rng);     // Y0·W0
  const double batchBackward = gemmGflops(b, nh, nv, 200, rng);    // Y1·W0ᵀ
  const double batchGradient = gemmGflops(nv, 2 * b, nh, 200, rng);  // [Y0;G0]ᵀ[G1;Y1]
  const double eStep = gemmGflops(10000, nv, nh, 3, rng);
  // The peak is the best median rate over every shape measured (the shared machine is noisy).
  const double peak = std::max({square, batchForward, batchBackward, batchGradient, eStep});
  r["gemm_square_gflops"] = square;
  r["gemm_peak_gflops"] = peak;
  r["gemm_batch_forward_gflops"] = batchForward;
  r["gemm_batch_backward_gflops"] = batchBackward;
  r["gemm_batch_gradient_gflops"] = batchGradient;
  r["gemm_estep_gflops"] = eStep;

  LoadedData data = loadData(o.dataset, 0, 0, 0.5f);
  const double n = static_cast<double>(data.train.rows());
  // VPF per epoch: E-step 2·N·nv·nh; per batch two field GEMMs and one gradient GEMM over 2B rows
  // = 8·B·nv·nh, so 10·N·nv·nh in all. CD-1: 5 GEMMs of B·nv·nh per batch = 10·N·nv·nh.
  const double vpfFlops = 10.0 * n * nv * nh, cdFlops = 10.0 * n * nv * nh;
  auto epochSeconds = [&](const std::string& algo) {
    TrainingConfig c;
    parseAlgorithm(algo, c);
    c.epochs = 1;
    InitOptions init;
    Rng initRng(3);
    BoltzmannMachine m = makeMachine(nv, parseArchitecture("rbm:" + std::to_string(nh), false), init, initRng);
    auto trainer = makeTrainer(m, data.train, c);
    Progress progress("bench " + algorithmName(c) + " epoch");
    const auto t0 = std::chrono::steady_clock::now();
    while (trainer->epochsDone() < 1) {
      const BatchStats s = trainer->step();
      progress.update(double(s.batch + 1) / s.batchesPerEpoch);
    }
    const double t = seconds(t0);
    progress.finish();
    return t;
  };
  const double vpfS = epochSeconds("vpf"), cdS = epochSeconds("cd:1");
  r["flop_bound_s"] = vpfFlops / (peak * 1e9);
  r["vpf_epoch_s"] = vpfS;
  r["vpf_gflops"] = vpfFlops / vpfS / 1e9;
  r["vpf_ratio_to_bound"] = vpfS / (vpfFlops / (peak * 1e9));
  r["cd1_epoch_s"] = cdS;
  r["cd1_gflops"] = cdFlops / cdS / 1e9;
  r["cd1_ratio_to_bound"] = cdS / (cdFlops / (peak * 1e9));

  Matrix samples = rng.bernoulli(Matrix::Constant(10000, nv, 0.2f));
  const Matrix test = data.test.topRows(std::min<Eigen::Index>(10000, data.test.rows()));
  const auto t0 = std::chrono::steady_clock::now();
  const ParzenResult p = parzenLogLikelihood(samples, test, 0.2);
  r["parzen_s"] = seconds(t0);
  r["parzen_gflops"] = 2.0 * samples.rows() * test.rows() * nv / r["parzen_s"].get<double>() / 1e9;
  r["threads"] = Eigen::nbThreads();
  (void)p;

  if (o.json) {
    std::cout << r.dump(2) << "\n";
    return;
  }
  char line[256];
  std::cout << "VPF Lab benchmark (" << Eigen::nbThreads() << " threads, float32)\n";
  std::snprintf(line, sizeof line, "  GEMM 1024³ / peak over all shapes    %8.1f / %.1f GFLOP/s\n", square, peak);
  std::cout << line;
  std::snprintf(line, sizeof line, "  GEMM 40×784·784×%d / 40×%d·%d×784 %6.1f / %.1f GFLOP/s\n", nh, nh, nh, batchForward,
                batchBackward);
  std::cout << line;
  std::snprintf(line, sizeof line, "  GEMM gradient 784×80·80×%d          %8.1f GFLOP/s\n", nh, batchGradient);
  std::cout << line;
  std::snprintf(line, sizeof line, "  GEMM E-step 10000×784·784×%d        %8.1f GFLOP/s\n", nh, eStep);
  std::cout << line;
  std::snprintf(line, sizeof line, "  VPF epoch RBM(%d), 60k, batch 40    %8.2f s  %6.1f GFLOP/s  %.2f× the FLOP bound (%.2f s)\n",
                nh, vpfS, r["vpf_gflops"].get<double>(), r["vpf_ratio_to_bound"].get<double>(), r["flop_bound_s"].get<double>());
  std::cout << line;
  std::snprintf(line, sizeof line, "  CD-1 epoch RBM(%d), 60k, batch 40   %8.2f s  %6.1f GFLOP/s  %.2f× the FLOP bound\n", nh, cdS,
                r["cd1_gflops"].get<double>(), r["cd1_ratio_to_bound"].get<double>());
  std::cout << line;
  std::snprintf(line, sizeof line, "  Parzen 10k samples × 10k test        %8.2f s  %6.1f GFLOP/s (GEMM part)\n",
                r["parzen_s"].get<double>(), r["parzen_gflops"].get<double>());
  std::cout << line;
}

}  // namespace

void addBenchCommand(CLI::App& app) {
  auto o = std::make_shared<BenchOptions>();
  CLI::App* cmd = app.add_subcommand("bench", "Measure GEMM peak, epoch times and Parzen speed on this machine");
  cmd->add_flag("--json", o->json, "print the figures as JSON");
  cmd->add_option("--dataset", o->dataset, "data set for the epoch timings")->capture_default_str();
  cmd->add_option("--hidden", o->hidden, "hidden units of the benchmarked RBM")->capture_default_str()->check(CLI::Range(1, 10000));
  cmd->add_flag("--early-inference", o->earlyInference,
                "only the early-inference figures: fixed-point iterations against the prediction, dynamics speed");
  CLI::Option* tp = cmd->add_flag("--targetprop", o->targetProp,
                                  "only the target-propagation figures (Bengio et al. 2015): seconds per batch and "
                                  "epoch, GFLOP/s against the GEMM rates of its shapes, INFERENCE images/s");
  tp->excludes("--early-inference");
  cmd->add_option("--tp-hidden", o->tpHidden, "n1,n2 of the benchmarked model")->capture_default_str()->needs(tp);
  cmd->add_option("--tp-batch", o->tp.batch, "minibatch rows")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000))
      ->needs(tp);
  cmd->add_option("--tp-repeats", o->tp.repeats, "timed runs of each figure (medians)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000))
      ->needs(tp);
  cmd->callback([o] {
    if (o->targetProp) {
      const std::vector<double> sizes = tp::parseNumbers(o->tpHidden, 2, "--tp-hidden");
      for (double v : sizes)
        if (v != std::floor(v) || v < 1 || v > 100000)
          throw CLI::ValidationError("--tp-hidden", "layer sizes must be whole numbers from 1 to 100000");
      o->tp.hidden1 = static_cast<int>(sizes[0]);
      o->tp.hidden2 = static_cast<int>(sizes[1]);
    }
    runBench(*o);
  });
}

}  // namespace vpf::cli
