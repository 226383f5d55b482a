#include "core/early_inference/experiment.h"

#include <algorithm>
#include <string>

#include "core/common/rng.h"

namespace vpf::early_inference {

double Experiment::cost() const { return 0.5 * (fixedPoint.state.back() - target).squaredNorm(); }

Experiment setUpExperiment(const ExperimentSpec& spec) {
  spec.network.validate();
  if (spec.maxTries < 1) throw Error("early inference: at least one fixed-point try is needed");
  if (!(spec.targetOffset > 0)) throw Error("early inference: the target offset must be positive");
  std::string lastProblem;
  for (int attempt = 0; attempt < spec.maxTries; ++attempt) {
    NetworkSpec ns = spec.network;
    ns.seed = spec.network.seed + static_cast<std::uint64_t>(attempt);
    Experiment e;
    e.net = makeNetwork(ns);
    e.fixedPoint = solveFixedPoint(e.net, spec.fixedPoint);
    if (!e.fixedPoint.ok()) {
      lastProblem = !e.fixedPoint.converged  ? "not converged (residual " + std::to_string(e.fixedPoint.residual) + ")"
                    : !e.fixedPoint.interior ? "a unit within the margin of a kink"
                                             : "unstable (λ_min " + std::to_string(e.fixedPoint.lambdaMin) + ")";
      continue;
    }
    e.seedUsed = ns.seed;
    e.reseeds = attempt;
    Rng rng(ns.seed, 1);
    const RowVectorD& y = e.fixedPoint.state.back();
    RowVectorD u(y.size());
    for (Eigen::Index i = 0; i < u.size(); ++i) u[i] = rng.normal();
    u /= u.norm();
    const double lo = kBeta1 + spec.fixedPoint.margin, hi = kBeta2 - spec.fixedPoint.margin;
    e.target = (y + spec.targetOffset * u).unaryExpr([&](double v) { return std::clamp(v, lo, hi); });
    return e;
  }
  throw NoFixedPointError(
      "early inference: no interior stable fixed point for seeds " + std::to_string(spec.network.seed) + "–" +
      std::to_string(spec.network.seed + std::uint64_t(spec.maxTries - 1)) + " (last: " + lastProblem + ")");
}

}  // namespace vpf::early_inference
