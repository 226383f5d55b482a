// vpf bench --targetprop (spec C1 "Benchmark"): one TpRun minibatch (INFERENCE N = 15, δ = 0.1,
// α = 0.001, then the M-step) on random pixels in [0, 1], timed as a median over repeats, extrapolated
// to an epoch of 50,000 images; its GFLOP/s next to the float GEMM rate of every product shape the
// step uses (row-major, transposes as the code writes them); and INFERENCE alone in images/s in the
// targetprop and gradient modes. No data set is needed.
#include "cli/bench_targetprop.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/common/rng.h"
#include "core/targetprop/inference.h"
#include "core/targetprop/tp_run.h"

namespace vpf::cli {

namespace {

using namespace vpf::targetprop;

constexpr int kEpochImages = 50000;  // the paper's training split

// GEMM FLOPs (2 per multiply–add) of one TpTrainer::step on B rows, n0-n1-n2, N iterations, read off
// the products in inference.cpp, m_step.cpp and local_regression.cpp (a = n0·n1, b = n1·n2):
//   start      f1(X), f2(H1), g2(H2)                                    2B (a + 2b)
//   iteration  tp: f2(H1), f2(g2), g2(H2), g1(H1), f1(g1)               2B (2a + 3b) each
//              gradient: H2V2, ·V2ᵀ, g2(H2), H1V1, ·V1ᵀ (the same count)
//   M-step     four regressions, ŨP forward and ŨᵀG weight gradient       2B · 2(2a + 2b)
//   monitor    reconstructionCost: g1(g2(f2(f1 X)))                      2B (2a + 2b)
// In all 2B ((2N + 7) a + (3N + 8) b): 6.86 GFLOP at 784-1000-100, B = 100, N = 15. Spec A4's
// 64.9 MFLOP per image leaves out the start's g2 and the monitor. Elementwise work is not counted.
struct BatchFlops {
  std::int64_t inferenceStart, inferenceIterations, mStep, reconstruction;
  std::int64_t inference() const { return inferenceStart + inferenceIterations; }
  std::int64_t total() const { return inference() + mStep + reconstruction; }
};

BatchFlops batchFlops(std::int64_t n0, std::int64_t n1, std::int64_t n2, std::int64_t batch, std::int64_t iterations) {
  const std::int64_t a = n0 * n1, b = n1 * n2, twoB = 2 * batch;
  return {twoB * (a + 2 * b), twoB * iterations * (2 * a + 3 * b), twoB * 2 * (2 * a + 2 * b), twoB * (2 * a + 2 * b)};
}

// One product shape: C (m × n) = op(A)·op(B), A stored m × k (k × m when transposed), B k × n (n × k).
struct GemmShape {
  std::string use;
  int m, k, n;
  bool transA, transB;
  int perBatch;  // occurrences in one training step (0: gradient-mode INFERENCE only)
  double flops() const { return 2.0 * m * k * n; }
  std::string label() const {
    const auto dims = [](int r, int c) { return std::to_string(r) + "×" + std::to_string(c); };
    const std::string a = transA ? "(" + dims(k, m) + ")ᵀ" : dims(m, k);
    const std::string b = transB ? "(" + dims(n, k) + ")ᵀ" : dims(k, n);
    return a + "·" + b;
  }
};

double seconds(const std::chrono::steady_clock::time_point& t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t h = v.size() / 2;
  return v.size() % 2 ? v[h] : 0.5 * (v[h - 1] + v[h]);
}

Matrix uniformMatrix(Eigen::Index rows, Eigen::Index cols, Rng& rng) {
  Matrix m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = rng.uniform();
  return m;
}

// Median seconds of f over `repeats` runs after one warm-up.
template <typename F>
double medianSeconds(int repeats, F&& f) {
  f();
  std::vector<double> t;
  for (int r = 0; r < repeats; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    t.push_back(seconds(t0));
  }
  return median(t);
}

double gemmGflops(const GemmShape& s, int repeats, Rng& rng) {
  const Matrix a = s.transA ? uniformMatrix(s.k, s.m, rng) : uniformMatrix(s.m, s.k, rng);
  const Matrix b = s.transB ? uniformMatrix(s.n, s.k, rng) : uniformMatrix(s.k, s.n, rng);
  Matrix c(s.m, s.n);
  const double t = medianSeconds(repeats, [&] {
    if (s.transA)
      c.noalias() = a.transpose() * b;
    else if (s.transB)
      c.noalias() = a * b.transpose();
    else
      c.noalias() = a * b;
  });
  return s.flops() / t / 1e9;
}

// Pads to `width` code points (the labels hold × and ᵀ).
std::string padded(const std::string& s, std::size_t width) {
  std::size_t points = 0;
  for (unsigned char ch : s) points += (ch & 0xC0) != 0x80;
  return s + std::string(width > points ? width - points : 0, ' ');
}

}  // namespace

nlohmann::json benchTargetProp(const TpBenchSettings& o, double gemmSquareGflops, bool printTable) {
  TpConfig config;
  config.architecture.hidden1 = o.hidden1;
  config.architecture.hidden2 = o.hidden2;
  config.batchSize = o.batch;
  config.epochs = 1;
  const TpArchitecture& arch = config.architecture;
  const int n0 = arch.visible, n1 = arch.hidden1, n2 = arch.hidden2, B = o.batch;
  const int N = config.inference.iterations;
  const BatchFlops flops = batchFlops(n0, n1, n2, B, N);

  const std::vector<GemmShape> shapes{
      {"f1: X W1, g1(H1) W1", B, n0, n1, false, false, N + 3},
      {"f2: H1 W2, g2(H2) W2", B, n1, n2, false, false, 2 * N + 3},
      {"g2: H2 V2", B, n2, n1, false, false, N + 3},
      {"g1: H1 V1", B, n1, n0, false, false, N + 2},
      {"M-step ∇V1 = ŨᵀG", n1, B, n0, true, false, 1},
      {"M-step ∇W1 = ŨᵀG", n0, B, n1, true, false, 1},
      {"M-step ∇V2 = ŨᵀG", n2, B, n1, true, false, 1},
      {"M-step ∇W2 = ŨᵀG", n1, B, n2, true, false, 1},
      {"gradient mode ·V2ᵀ", B, n1, n2, false, true, 0},
      {"gradient mode ·V1ᵀ", B, n0, n1, false, true, 0},
  };
  double tableFlops = 0;
  for (const GemmShape& s : shapes) tableFlops += s.perBatch * s.flops();
  if (tableFlops != double(flops.total()))
    throw std::logic_error("bench --targetprop: the shape table and the FLOP formula disagree");

  Rng rng(7);
  std::cerr << "bench: target-propagation GEMM shapes…\n";
  nlohmann::json gemm = nlohmann::json::array();
  std::vector<double> rates;
  double peak = 0, gemmBoundSeconds = 0;
  for (const GemmShape& s : shapes) {
    const double rate = gemmGflops(s, 2 * o.repeats + 1, rng);
    rates.push_back(rate);
    peak = std::max(peak, rate);
    gemmBoundSeconds += s.perBatch * s.flops() / (rate * 1e9);
    gemm.push_back({{"use", s.use},
                    {"m", s.m},
                    {"k", s.k},
                    {"n", s.n},
                    {"transpose_a", s.transA},
                    {"transpose_b", s.transB},
                    {"per_batch", s.perBatch},
                    {"gflops", rate}});
  }

  // Random pixels: the timing does not depend on the values, and no data set is needed.
  std::cerr << "bench: target-propagation training batches…\n";
  const Matrix data = uniformMatrix(Eigen::Index(B) * (o.repeats + 1), n0, rng);
  TpRun run = TpRun::fresh("random", config, data);  // one epoch: the warm-up and the timed batches
  const double batchSeconds = medianSeconds(o.repeats, [&] { run.step(); });

  std::cerr << "bench: target-propagation INFERENCE…\n";
  const Matrix x = data.topRows(B);
  auto inferenceSeconds = [&](InferenceMode mode) {
    InferenceSettings s = config.inference;
    s.mode = mode;
    return medianSeconds(o.repeats, [&] { (void)infer(run.model(), x, s); });
  };
  const double tpSeconds = inferenceSeconds(InferenceMode::TargetProp);
  const double gradientSeconds = inferenceSeconds(InferenceMode::Gradient);

  const int epochBatches = (kEpochImages + B - 1) / B;
  const double batchGflops = flops.total() / batchSeconds / 1e9;
  const double epochFlops = double(flops.total()) / B * kEpochImages;
  nlohmann::json out{{"sizes", {n0, n1, n2}},
                     {"batch", B},
                     {"iterations", N},
                     {"delta", config.inference.delta},
                     {"alpha", config.inference.alpha},
                     {"repeats", o.repeats},
                     {"threads", Eigen::nbThreads()},
                     {"gemm", gemm},
                     {"gemm_thin_peak_gflops", peak},
                     {"gemm_square_gflops", gemmSquareGflops},
                     {"batch_flop", flops.total()},
                     {"batch_flop_inference_start", flops.inferenceStart},
                     {"batch_flop_inference_iterations", flops.inferenceIterations},
                     {"batch_flop_m_step", flops.mStep},
                     {"batch_flop_reconstruction", flops.reconstruction},
                     {"batch_s", batchSeconds},
                     {"batch_gflops", batchGflops},
                     {"batch_ratio_to_peak", batchGflops / peak},
                     {"batch_gemm_bound_s", gemmBoundSeconds},
                     {"epoch_images", kEpochImages},
                     {"epoch_batches", epochBatches},
                     {"epoch_s", epochBatches * batchSeconds},
                     {"epoch_flop", epochFlops},
                     {"inference_flop", flops.inference()},
                     {"inference_tp_images_per_s", B / tpSeconds},
                     {"inference_tp_gflops", flops.inference() / tpSeconds / 1e9},
                     {"inference_gradient_images_per_s", B / gradientSeconds},
                     {"inference_gradient_gflops", flops.inference() / gradientSeconds / 1e9}};
  if (!printTable) return out;

  char line[256];
  std::snprintf(line, sizeof line,
                "Target propagation (Bengio et al. 2015), %d-%d-%d, batch %d, INFERENCE N=%d δ=%g α=%g, random "
                "pixels; %d threads, float32, medians of %d\n",
                n0, n1, n2, B, N, config.inference.delta, config.inference.alpha, Eigen::nbThreads(), o.repeats);
  std::cout << line << "  GEMM shape                      use                        per batch  GFLOP/s\n";
  for (std::size_t i = 0; i < shapes.size(); ++i) {
    std::snprintf(line, sizeof line, "%9d  %7.1f\n", shapes[i].perBatch, rates[i]);
    std::cout << "  " << padded(shapes[i].label(), 32) << padded(shapes[i].use, 24) << line;
  }
  std::snprintf(line, sizeof line, "  GEMM peak over these shapes %.1f GFLOP/s (1024³: %.1f)\n", peak,
                gemmSquareGflops);
  std::cout << line;
  std::snprintf(line, sizeof line,
                "  training minibatch  %.4f s  %lld FLOP  %.1f GFLOP/s  %.1f %% of the thin-shape peak\n", batchSeconds,
                static_cast<long long>(flops.total()), batchGflops, 100 * batchGflops / peak);
  std::cout << line;
  std::snprintf(line, sizeof line,
                "    of which GEMM at the rates above %.4f s (%.0f %%); FLOP: start %lld, iterations %lld, "
                "M-step %lld, reconstruction %lld\n",
                gemmBoundSeconds, 100 * gemmBoundSeconds / batchSeconds, static_cast<long long>(flops.inferenceStart),
                static_cast<long long>(flops.inferenceIterations), static_cast<long long>(flops.mStep),
                static_cast<long long>(flops.reconstruction));
  std::cout << line;
  std::snprintf(line, sizeof line, "  epoch of %d images (%d batches)  %.1f s  %.2f TFLOP\n", kEpochImages,
                epochBatches, epochBatches * batchSeconds, epochFlops / 1e12);
  std::cout << line;
  std::snprintf(line, sizeof line, "  INFERENCE tp        %8.0f images/s  %.1f GFLOP/s\n", B / tpSeconds,
                flops.inference() / tpSeconds / 1e9);
  std::cout << line;
  std::snprintf(line, sizeof line, "  INFERENCE gradient  %8.0f images/s  %.1f GFLOP/s\n", B / gradientSeconds,
                flops.inference() / gradientSeconds / 1e9);
  std::cout << line;
  return out;
}

}  // namespace vpf::cli
