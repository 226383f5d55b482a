// vpf bench --early-inference (spec C2 "Benchmark figure"): the relaxation's iterations to the
// fixed point against its step ε_fp and the spectral radius r, next to the linear prediction
// t ≈ ln(tol/‖R(0) − 0‖∞) / ln(max_λ |1 − ε_fp(1 − λ)|) over the eigenvalues λ of J_ff at ŝ (for
// small ε_fp the largest λ decides: the spec's formula), and the displacement dynamics' steps per
// second on 784-500-500-10 with its GFLOP/s against the GEMM peak (one state: GEMV-bound).
#include "cli/bench_early_inference.h"

#include <Eigen/Eigenvalues>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "core/early_inference/dynamics.h"
#include "core/early_inference/experiment.h"

namespace vpf::cli {

using namespace vpf::early_inference;

nlohmann::json benchEarlyInference(double gemmPeakGflops, bool printTable) {
  nlohmann::json out{{"relaxation", nlohmann::json::array()}};
  constexpr double kTolerance = 1e-10;
  if (printTable)
    std::cout << "Early inference (Bengio & Fischer 2015), sigm(4s) network 16-32-32-32-8, tolerance 1e-10\n"
                 "  radius  ε_fp  iterations  predicted\n";
  for (double radius : {0.3, 0.5, 0.8}) {
    ExperimentSpec spec;
    spec.network.rho = Rho::Sigmoid4;
    spec.network.radius = radius;
    const Experiment e = setUpExperiment(spec);
    const Eigen::VectorXcd eigen = freeJacobian(e.net, e.fixedPoint.state).eigenvalues();
    for (double step : {0.1, 0.25, 0.5, 1.0}) {
      const State zero = e.net.zeroState();
      const double start = residual(e.net, zero);
      double rate = 0;  // the slowest mode's contraction per iteration
      for (Eigen::Index i = 0; i < eigen.size(); ++i) rate = std::max(rate, std::abs(1.0 - step * (1.0 - eigen[i])));
      const double predicted = std::log(kTolerance / start) / std::log(rate);
      const Relaxation r = relax(e.net, zero, step, kTolerance, 1000000);
      char line[160];
      std::snprintf(line, sizeof line, "  %5.2f  %5.2f  %10d  %9.0f\n", radius, step, r.iterations, predicted);
      if (printTable) std::cout << line;
      out["relaxation"].push_back(
          {{"radius", radius}, {"eps_fp", step}, {"iterations", r.iterations}, {"predicted", predicted}});
    }
  }
  // Steps per second of the displacement form on a larger network (what an animated GUI would run).
  ExperimentSpec big;
  big.network.sizes = {784, 500, 500, 10};
  const Experiment e = setUpExperiment(big);
  DynamicsSettings d;
  d.eps = 0.01;
  DisplacementDynamics dyn(e.net, e.fixedPoint.state, e.target, d);
  const int steps = 2000;
  const auto t0 = std::chrono::steady_clock::now();
  for (int t = 0; t < steps; ++t) dyn.step();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  double weights = 0;
  for (const MatrixD& w : e.net.weights) weights += double(w.size());
  const double gflops = 4.0 * weights * steps / seconds / 1e9;  // bottom-up and top-down GEMV per weight
  char line[200];
  std::snprintf(line, sizeof line,
                "  dynamics 784-500-500-10, one state: %.0f steps/s, %.2f GFLOP/s (%.1f %% of the float GEMM peak "
                "%.0f; double GEMV-bound)\n",
                steps / seconds, gflops, 100 * gflops / gemmPeakGflops, gemmPeakGflops);
  if (printTable) std::cout << line;
  out["dynamics_steps_per_s"] = steps / seconds;
  out["dynamics_gflops"] = gflops;
  return out;
}

}  // namespace vpf::cli
