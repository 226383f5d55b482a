#pragma once
// The target-propagation section of `vpf bench` (spec C1 "Benchmark"): training seconds per minibatch
// and per 50,000-image epoch, GFLOP/s against the GEMM rates of the step's own thin shapes, and
// INFERENCE throughput in both modes. Prints a table; returns the figures.
#include <nlohmann/json.hpp>

namespace vpf::cli {

struct TpBenchSettings {
  int hidden1 = 1000, hidden2 = 100;  // n1, n2 (the paper's 784-1000-100)
  int batch = 100;
  int repeats = 7;  // timed runs after one warm-up; medians are reported
};

nlohmann::json benchTargetProp(const TpBenchSettings& settings, double gemmSquareGflops, bool printTable);

}  // namespace vpf::cli
