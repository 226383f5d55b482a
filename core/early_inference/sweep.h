#pragma once
// The ε sweep of Bengio & Fischer 2015's claim (DESIGN §19, spec B2, B3, C2): from the fixed point,
// nudge y toward y* and integrate the displacement form; per ε and per free layer at distance k from
// y (layer L − k, k = 0 … L−1), with g_k = ∂C/∂ĥ_k from layeredBackprop and s the nudge strength
// (1 for drive, β for weak):
//   d_k(t) = u_t[L−k];  r_k(ε) = ‖d_k(k+1) + sε^{k+1}g_k‖ / (sε^{k+1}‖g_k‖)   (Eq. 24–25: 0 for the hard
//   sigmoid up to rounding, O(ε) for sigm(4s));  cos_k(t) = ⟨d_k(t), −g_k⟩/(‖d_k(t)‖‖g_k‖), NaN for
//   t ≤ k;  a_k(t) = ‖d_k(t)‖/‖g_k‖;  the cosine with the equilibrium response u_∞;  relErr_k(t) =
//   ‖d_k(t) + p_k(t)‖/‖p_k(t)‖ with p_k(t) = sε^{k+1}C(t, k+1)g_k, the leading-order amplitude while
//   εt ≪ 1 (= r_k at t = k+1);  cosStdp_k(t): the Eq. 26 update accumulated to t, ΔW_l = Σ_τ ρ(ŝ_l +
//   u_l(τ))ᵀ(u_{l+1}(τ+1) − u_{l+1}(τ)) for the weights W_l into layer l+1 = L−k, against −∂C/∂W_l.
// The fitted slope of log‖d_k(k+1)‖ against log ε should be k+1 (P1).
// ε ∈ logspace(log10 epsMin, log10 epsMax, epsCount); T = min(⌈horizon/ε⌉, maxSteps).
// With noise, `runs` runs (noise seeds noiseSeed, noiseSeed+1, …; common random numbers within each
// run) are averaged: the measures are those of the mean displacement.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/early_inference/backprop.h"
#include "core/early_inference/dynamics.h"
#include "core/early_inference/experiment.h"

namespace vpf {
class CsvWriter;
}

namespace vpf::early_inference {

struct SweepSettings {
  ExperimentSpec experiment;  // network, fixed point, target offset
  double epsMin = 1e-4;
  double epsMax = 0.31622776601683794;  // 10^−0.5
  int epsCount = 15;
  double horizon = 5;   // T = ⌈horizon/ε⌉ …
  int maxSteps = 2000;  // … at most maxSteps
  Nudge nudge;
  NoiseKind noiseKind = NoiseKind::Injected;
  double noiseLevel = 0;
  int runs = 1;
  std::uint64_t noiseSeed = 0;
  bool stateForm = false;  // also integrate the state form (run 0) and record its d and its error
  void validate() const;   // throws vpf::Error
  DynamicsSettings dynamics(double eps, int run = 0) const;
};

std::vector<double> logspace(double lo, double hi, int count);  // lo, hi > 0, geometric
int stepsFor(double eps, double horizon, int maxSteps);         // min(⌈horizon/ε⌉, maxSteps), ≥ 1

struct LayerTrace {
  int k = 0;      // distance from y
  int layer = 0;  // L − k
  RowVectorD g;   // g_k
  double normG = 0;
  RowVectorD firstArrival;                                    // d_k(k+1) (zero if T < k+1)
  double relativeError = 0;                                   // r_k(ε)
  double cosFirstArrival = 0;                                 // cos_k(k+1)
  double cosStdpFirstArrival = 0;                             // cosStdp_k(k+1)
  std::vector<double> normD, cosBp, cosInf, relErr, cosStdp;  // index t = 0 … T
  std::vector<double> normDState, stateFormError;             // state form: ‖d‖ and ‖d_state − d‖/‖d‖
  double amplitude(int t) const { return normD[std::size_t(t)] / normG; }  // a_k(t)
  double cosineAt(int t) const;                                            // cosBp at t, NaN outside 0 … T
};

struct EpsilonRun {
  double eps = 0;
  int steps = 0;                   // T
  std::vector<LayerTrace> layers;  // k = 0 … L−1
  double smallestMargin = 0;       // over all runs and steps (hard sigmoid; NaN for sigm(4s))
};

struct SlopeFit {
  int k = 0;
  double slope = 0, intercept = 0;  // log‖d_k(k+1)‖ ≈ slope·log ε + intercept (natural logs)
  int points = 0;
};

struct SweepResult {
  Experiment experiment;
  Backprop backprop;
  State equilibrium;  // u_∞
  std::vector<EpsilonRun> runs;
  std::vector<SlopeFit> slopes;  // k = 0 … L−1
  bool cancelled = false;
  double seconds = 0;
};

/// The measures of one ε over T steps. `progress(fraction of the run)` returning false cancels
/// (returns false through `completed`).
EpsilonRun runEpsilon(const Experiment& experiment, const Backprop& backprop, const State& equilibrium,
                      const SweepSettings& settings, double eps, int steps,
                      const std::function<bool(double)>& progress = {}, bool* completed = nullptr);

/// The whole sweep. `progress(fraction)` returning false cancels; the ε finished so far are kept.
SweepResult runSweep(const SweepSettings& settings, const std::function<bool(double)>& progress = {});

/// r_k(ε) for k = 0 … L−1 after only L steps (first arrivals), e.g. at ε = 1e−2 and 1e−4.
std::vector<double> firstArrivalErrors(const Experiment& experiment, const Backprop& backprop,
                                       const DynamicsSettings& dynamics);

/// Least-squares slope of log‖d_k(k+1)‖ against log ε over `runs`.
std::vector<SlopeFit> fitSlopes(const std::vector<EpsilonRun>& runs);

/// One row of the CSV of spec C2: eps,t,layer,k,norm_d,norm_g,cos_bp,cos_inf,relerr.
struct CsvRow {
  double eps = 0;
  int t = 0, layer = 0, k = 0;
  double normD = 0, normG = 0, cosBp = 0, cosInf = 0, relErr = 0;
};
const std::vector<std::string>& csvHeader();
std::vector<CsvRow> csvRows(const SweepResult& result);  // per ε, per t = 0 … T, per k
CsvWriter csvTable(const SweepResult& result);

}  // namespace vpf::early_inference
