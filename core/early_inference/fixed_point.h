#pragma once
// The free fixed point ŝ of Bengio & Fischer 2015 (DESIGN §19, spec B3): ∂E/∂s = 0 ⇔ R(s) = s on the
// free layers with x clamped (Eq. 9–11).
//   Hard sigmoid: every free unit assumed linear (ρ = s + ½, ρ′ = 1), so (I − A_ff) s_f = b_f + ½A_ff1 +
//   W_{f,x}ρ(x), A_ff the free–free weights (LDLT when symmetric, LU with the asymmetry control); the
//   result must lie in (β1 + m, β2 − m) on every free unit.
//   sigm(4s): from s_f = 0 iterate the noise-free dynamics s ← s + ε_fp(R(s) − s) until ‖R(s) − s‖∞ <
//   1e−10, then Newton steps (I − J_R)Δ = R(s) − s to < 1e−14.
// Both require λ_min(I − J_ff) > 0 (a stable minimum of E; with asymmetry the smallest real part).
#include "core/early_inference/network.h"

namespace vpf::early_inference {

struct FixedPointSettings {
  double margin = 0.02;            // m: distance to a kink required of every free unit (hard sigmoid)
  double relaxStep = 0.5;          // ε_fp
  double relaxTolerance = 1e-10;   // ‖R(s) − s‖∞ that ends the iteration
  double newtonTolerance = 1e-14;  // ‖R(s) − s‖∞ that ends Newton
  double linearTolerance = 1e-13;  // ‖R(s) − s‖∞ accepted from the linear solve (rounding only)
  int maxRelaxIterations = 100000;
  int maxNewtonSteps = 50;
};

struct FixedPoint {
  State state;           // ŝ (layer 0 = x)
  double residual = 0;   // ‖R_f(ŝ) − ŝ_f‖∞
  double lambdaMin = 0;  // λ_min(I − J_ff) (smallest real part when asymmetric)
  double minMargin = 0;  // smallest distance of a free unit to a kink (hard sigmoid; NaN for sigm(4s))
  int iterations = 0;    // relaxation iterations (0 for the linear solve)
  int newtonSteps = 0;
  bool converged = false;  // the residual met its tolerance
  bool interior = false;   // hard sigmoid: every free unit at least m from a kink (always true for sigm(4s))
  bool stable() const { return lambdaMin > 0; }
  bool ok() const { return converged && interior && stable(); }
};

struct Relaxation {
  State state;
  int iterations = 0;
  double residual = 0;
  bool converged = false;
};

/// Iterates s_f ← s_f + ε(R(s) − s_f) (noise free, every free layer driven by R) from `start` until
/// ‖R(s) − s‖∞ < tolerance or maxIterations.
Relaxation relax(const Network& net, const State& start, double eps, double tolerance, int maxIterations);

/// λ_min(I − J_ff) at s (the smallest real part of the eigenvalues when the network is asymmetric).
double stabilityMargin(const Network& net, const State& s);
/// min over free units of min(s − β1, β2 − s) (hard sigmoid); NaN for sigm(4s), which has no kink.
double smallestKinkMargin(const Network& net, const State& s);

/// One attempt on `net` (no reseeding; see setUpExperiment for that).
FixedPoint solveFixedPoint(const Network& net, const FixedPointSettings& settings = {});

}  // namespace vpf::early_inference
