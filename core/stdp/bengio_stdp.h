#pragma once
// STDP from ΔW_ij ∝ S_i · dV_j/dt (Bengio et al. 2015, "Towards biologically plausible deep
// learning", §2 eq. 1 and the simulation of their Fig. 1).
//
// Their argument: around a pre-synaptic spike (t = 0) the rest of neuron j's inputs give its
// voltage V_j a locally constant slope dV_j/dt, and V_j(0) is below the firing threshold θ. With a
// rising slope V_j reaches θ after the pre spike (ΔT > 0); with a falling slope it was above θ
// before it (ΔT < 0). Per pairing we draw
//     slope s = dV_j/dt (mV/ms) from a chosen distribution, gap d = θ − V_j(0) ~ U(0, gapMax] (mV),
// the post spike is the threshold crossing of V_j(t) = θ − d + s·t, i.e. ΔT = t_post − t_pre = d/s,
// and the update is ΔW = η ∫ S_i(t) dV_j/dt dt = η·s (S_i a unit spike at 0). Pairings whose
// crossing falls outside the ±window are not pairings (no post spike near the pre spike).
// ΔW is then averaged in bins of ΔT (x = mean ΔT in the bin, as their Fig. 1 plots the average
// ΔT against the average ΔW).
#include <cstdint>
#include <functional>
#include <string>

#include "core/stdp/stdp_curve.h"

namespace vpf {

class Rng;

enum class SlopeDistribution { Normal, Uniform };

/// "normal"/"uniform" ↔ enum; parse throws vpf::Error naming the bad value.
std::string slopeDistributionName(SlopeDistribution d);
SlopeDistribution parseSlopeDistribution(const std::string& name);

struct BengioStdpParams {
  SlopeDistribution slopeDistribution = SlopeDistribution::Normal;
  double slopeMean = 0.0;      // mV/ms
  double slopeStd = 2.0;       // mV/ms (uniform: mean ± √3·std, same standard deviation)
  double gapMax = 10.0;        // mV, θ − V_j(0) ~ U(0, gapMax]
  double thresholdMv = -50.0;  // θ in mV (only places the plotted voltage)
  double learningRate = 1.0;   // η
  void validate() const;       // throws vpf::Error
};

struct BengioPairing {
  double slope = 0, gap = 0;
  double dtMs = 0;      // ΔT = gap / slope (±∞ for slope 0)
  double dw = 0;        // η · slope
  bool spiked = false;  // |ΔT| < windowMs
};

/// One pairing (see the file comment).
BengioPairing bengioPairing(const BengioStdpParams& params, double windowMs, Rng& rng);

struct BengioResult {
  StdpCurve curve;            // per ΔT bin: mean ΔW ± standard error, x = mean ΔT
  std::int64_t pairings = 0;  // pre spikes simulated
  std::int64_t spiked = 0;    // with a post spike inside the window (the binned ones)
  bool cancelled = false;
};

/// `pairings` pre-synaptic spikes binned over the binning's ±rangeMs window.
/// `progress(fraction)` returning false cancels (the bins so far are returned, cancelled = true).
BengioResult simulateBengioStdp(const BengioStdpParams& params, const StdpBinning& binning, std::int64_t pairings,
                                Rng& rng, const std::function<bool(double)>& progress = {});

/// One pairing with a post spike in the window (drawn until one spikes), for display: V_j(t) is the
/// straight line through (0, θ − gap) with the pairing's slope.
BengioPairing bengioExamplePairing(const BengioStdpParams& params, double windowMs, Rng& rng);

}  // namespace vpf
