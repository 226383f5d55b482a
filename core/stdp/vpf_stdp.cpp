#include "core/stdp/vpf_stdp.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/common/error.h"
#include "core/common/rng.h"
#include "core/io/csv_writer.h"

namespace vpf {

// How the simulation maps onto the paper's derivation (section "Spike-Timing-Dependent Plasticity").
// Time is measured from the pre-synaptic spike (t_pre = 0), so Δt = t_post.
//
// Pre before post, Δt = ε > 0 ("at t = 0, y_i = 1 and y_j = 0, and at t = ε, y_j = 1"):
//   - the pre neuron is excited at 0 and returns to rest after T_i ~ Exp(δ_i); with no stimulus it
//     stays at rest afterwards;
//   - the post neuron is excited at ε by the pairing protocol. The paper sets its rate before this
//     transition to δ_j = 1/ε ("the expected time to transition is the inverse of the transition
//     rate"), so the scored rate is 1/ε;
//   - eq. 6 at this transition: α_j = ½ − 1 = −½, so Δw = ½ y_i(ε) / ε, and y_i(ε) = 1 exactly when
//     T_i > ε, which has probability exp(−δ_i ε). E[Δw] = ½ (1/ε) exp(−δ_i ε): the paper's formula.
//   - The pairing ends at this scored transition, as in the paper (its derivation does not score
//     the post neuron's later return to rest).
//
// Post before pre, Δt = −ε < 0 ("y_i(0) = 0, y_j(0) = 1, and y_i(ε) = 1", shifted here by −ε):
//   - the post neuron is excited at −ε (a post transition with y_i = 0: update 0) and returns to
//     rest after T_j ~ Exp(δ_j);
//   - the pre neuron is excited at 0 and, as in the paper's argument, is still excited at the post
//     neuron's first flip to rest when that flip comes after 0;
//   - eq. 6 at the flip: α_j = ½, Δw = −½ δ_j y_i. If T_j > ε (probability exp(−δ_j ε)) y_i = 1;
//     otherwise the flip happened before the pre spike (y_i = 0, update 0) and, "in the absence of
//     stimuli", the post neuron is not excited again in the window. E[Δw] = −½ δ_j exp(−δ_j ε).
//
// So each bin's Monte Carlo mean estimates exactly the analytic value at the bin's Δt; the
// randomness is the exponential dwell times of the Markov model.

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct PairingOutcome {
  double dw = 0;
  double preOff = kInf, postOff = kInf;  // return-to-rest times (t_pre = 0); ∞ = not in the window
};

PairingOutcome simulatePairing(double dtMs, const VpfStdpParams& p, Rng& rng) {
  PairingOutcome out;
  if (dtMs > 0) {
    const double eps = dtMs;
    out.preOff = rng.exponential(p.preRate);  // T_i
    const double yi = out.preOff > eps ? 1.0 : 0.0;
    const double alphaJ = 0.5 - 1.0;  // y_j = 1 after the transition
    const double deltaJ = 1.0 / eps;  // the post rate before it (paper: δ_j = 1/ε)
    out.dw = -yi * alphaJ * deltaJ;
  } else if (dtMs < 0) {
    const double eps = -dtMs;
    // Post spike at −ε: y_i = 0 there, so eq. 6 gives 0 whatever the rate; nothing to add.
    out.postOff = -eps + rng.exponential(p.postRate);  // −ε + T_j
    const double yi = out.postOff > 0 ? 1.0 : 0.0;     // pre excited from 0 on
    const double alphaJ = 0.5 - 0.0;                   // y_j = 0 after the flip
    out.dw = -yi * alphaJ * p.postRate;
  }
  return out;
}

}  // namespace

void VpfStdpParams::validate() const {
  auto check = [](double v, const char* what) {
    if (!(v > 0) || !std::isfinite(v))
      throw Error(std::string("stdp: ") + what + " must be a positive rate per ms (got " + CsvWriter::number(v) + ")");
  };
  check(preRate, "the pre-synaptic rate δ_i");
  check(postRate, "the post-synaptic rate δ_j");
}

double VpfStdpParams::preField() const { return -std::log(preRate); }
double VpfStdpParams::postField() const { return -std::log(postRate); }

double vpfExpectedUpdate(double dtMs, const VpfStdpParams& p) {
  if (dtMs > 0) return 0.5 / dtMs * std::exp(-p.preRate * dtMs);
  if (dtMs < 0) return -0.5 * p.postRate * std::exp(-p.postRate * -dtMs);
  return 0.0;
}

StdpCurve vpfAnalyticCurve(const VpfStdpParams& params, const StdpBinning& binning, double stepMs) {
  params.validate();
  binning.validate();
  if (!(stepMs > 0)) throw Error("stdp: the curve step must be positive");
  StdpCurve c;
  c.name = stdp_names::kVpfAnalytic;
  c.label = "VPF analytic (eq. 6 expectation)";
  const double lo = binning.binMs / 2, hi = binning.rangeMs;
  const int n = static_cast<int>(std::floor((hi - lo) / stepMs + 1e-9)) + 1;
  for (int k = n - 1; k >= 0; --k) c.add(-(lo + k * stepMs), vpfExpectedUpdate(-(lo + k * stepMs), params));
  for (int k = 0; k < n; ++k) c.add(lo + k * stepMs, vpfExpectedUpdate(lo + k * stepMs, params));
  return c;
}

double vpfPairingUpdate(double dtMs, const VpfStdpParams& params, Rng& rng) {
  return simulatePairing(dtMs, params, rng).dw;
}

VpfMonteCarloResult simulateVpfStdp(const VpfStdpParams& params, const StdpBinning& binning, std::int64_t pairings,
                                    Rng& rng, const std::function<bool(double)>& progress) {
  params.validate();
  binning.validate();
  if (pairings < 1) throw Error("stdp: the number of pairings must be at least 1");
  const int bins = binning.binCount();
  BinnedMean acc(bins);
  VpfMonteCarloResult r;
  constexpr std::int64_t kChunk = 16384;
  for (std::int64_t k = 0; k < pairings; ++k) {
    // Randomised protocol: the imposed interval is one of the bin centres, in random order.
    const double dt = binning.binCentre(static_cast<int>(rng.below(static_cast<std::uint32_t>(bins))));
    const PairingOutcome o = simulatePairing(dt, params, rng);
    acc.add(binning.binOf(dt), dt, o.dw);
    r.pairings = k + 1;
    if (progress && (k + 1) % kChunk == 0 && !progress(static_cast<double>(k + 1) / static_cast<double>(pairings))) {
      r.cancelled = true;
      break;
    }
  }
  r.curve = acc.curve(binning, false);
  r.curve.name = stdp_names::kVpfMonteCarlo;
  r.curve.label = "VPF Monte Carlo (Markov model, eq. 6)";
  return r;
}

VpfPairingTrace vpfExamplePairing(double dtMs, const VpfStdpParams& params, Rng& rng, double windowMs) {
  params.validate();
  if (dtMs == 0 || !std::isfinite(dtMs)) throw Error("stdp: an example pairing needs a non-zero Δt");
  const PairingOutcome o = simulatePairing(dtMs, params, rng);
  VpfPairingTrace t;
  t.dtMs = dtMs;
  t.dw = o.dw;
  t.tPre = 0;
  t.tPost = dtMs;
  t.preOff = o.preOff;
  t.postOff = o.postOff;
  t.tStart = -windowMs;
  t.tEnd = windowMs;
  // Events in time order; each sets one neuron's state.
  struct Ev {
    double t;
    int neuron;  // 0 pre, 1 post
    double y;
  };
  std::vector<Ev> events = {{t.tPre, 0, 1}, {t.tPost, 1, 1}};
  if (std::isfinite(o.preOff)) events.push_back({o.preOff, 0, 0});
  if (std::isfinite(o.postOff)) events.push_back({o.postOff, 1, 0});
  std::sort(events.begin(), events.end(), [](const Ev& a, const Ev& b) { return a.t < b.t; });
  double yi = 0, yj = 0;
  t.time.push_back(t.tStart);
  t.pre.push_back(yi);
  t.post.push_back(yj);
  for (const Ev& e : events) {
    if (e.t >= t.tEnd) break;
    (e.neuron == 0 ? yi : yj) = e.y;
    t.time.push_back(std::max(e.t, t.tStart));
    t.pre.push_back(yi);
    t.post.push_back(yj);
  }
  t.time.push_back(t.tEnd);
  t.pre.push_back(yi);
  t.post.push_back(yj);
  return t;
}

}  // namespace vpf
