#pragma once
// STDP from the asymmetric VPF update (paper section "Spike-Timing-Dependent Plasticity", eq. 6,
// Fig. 1b). Two binary neurons, pre-synaptic i and post-synaptic j; an excited neuron returns to
// rest after an exponential time with rate δ = exp(−z) (a resting one is excited with rate exp(+z)).
// At every post-synaptic transition the weight changes by eq. 6,
//     Δw_ij = −y_i α_j δ_j,   α_j = ½ − y_j (y_j after the transition), δ_j the rate before it,
// with proportionality constant 1, so |α_j| = ½ appears in the expectations below.
//
// Units: time in ms, rates per ms. The defaults δ_i = 1/16.8 and δ_j = 1/33.7 per ms give the
// two branches the decay constants of Bi & Poo's fit, so the curve spans ±100 ms like their data.
#include <cstdint>
#include <functional>
#include <vector>

#include "core/stdp/stdp_curve.h"

namespace vpf {

class Rng;

struct VpfStdpParams {
  double preRate = 1.0 / 16.8;   // δ_i: rate (1/ms) at which the excited pre neuron returns to rest
  double postRate = 1.0 / 33.7;  // δ_j: rate (1/ms) at which the excited post neuron returns to rest
  void validate() const;         // throws vpf::Error
  /// The local fields z = −ln δ of the excited neurons (rate exp(−z)), for display.
  double preField() const;
  double postField() const;
};

/// Expected update of eq. 6 at Δt = t_post − t_pre (paper, the two displayed expectations):
///   Δt = ε > 0:  E[Δw] = ½ (1/ε) exp(−δ_i ε)
///   Δt = −ε < 0: E[Δw] = −½ δ_j exp(−δ_j ε)
/// 0 at Δt = 0 (no order). The ½ is |α_j|.
double vpfExpectedUpdate(double dtMs, const VpfStdpParams& params);

/// The analytic curve on a fine grid (step `stepMs`) over binMs/2 ≤ |Δt| ≤ rangeMs: the span of the
/// Monte Carlo bin centres, so that both curves peak at the same |Δt| (1/ε diverges at 0).
StdpCurve vpfAnalyticCurve(const VpfStdpParams& params, const StdpBinning& binning, double stepMs = 0.5);

/// One pairing of the Markov model at the imposed spike-time difference dtMs (≠ 0); returns the
/// summed eq.-6 update of its post-synaptic transitions. See vpf_stdp.cpp for the mapping onto the
/// paper's derivation.
double vpfPairingUpdate(double dtMs, const VpfStdpParams& params, Rng& rng);

struct VpfMonteCarloResult {
  StdpCurve curve;  // per bin: mean Δw ± standard error, x = bin centre
  std::int64_t pairings = 0;
  bool cancelled = false;
};

/// `pairings` pairings, each at a Δt drawn uniformly from the bin centres (a randomised pairing
/// protocol, as in Bi & Poo's experiments where the interval is imposed); binned by Δt.
/// `progress(fraction)` returning false cancels (the bins so far are returned, cancelled = true).
VpfMonteCarloResult simulateVpfStdp(const VpfStdpParams& params, const StdpBinning& binning, std::int64_t pairings,
                                    Rng& rng, const std::function<bool(double)>& progress = {});

/// One pairing, traced for display: y_i(t) and y_j(t) as step functions (value holds from time[k]
/// until time[k+1]) over [tStart, tEnd], the spike times and the update it produced.
struct VpfPairingTrace {
  double dtMs = 0, dw = 0;
  double tPre = 0, tPost = 0;
  double preOff = 0;   // time the pre neuron returns to rest (∞ → stays excited in the window)
  double postOff = 0;  // time the post neuron returns to rest (∞ → stays excited in the window)
  double tStart = 0, tEnd = 0;
  std::vector<double> time, pre, post;
};
VpfPairingTrace vpfExamplePairing(double dtMs, const VpfStdpParams& params, Rng& rng, double windowMs = 100.0);

}  // namespace vpf
