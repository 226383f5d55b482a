#pragma once
// All STDP curves of DESIGN §8 from one configuration: the analytic and Monte Carlo VPF curves
// (vpf_stdp.h), the Bengio et al. 2015 simulation (bengio_stdp.h) and the Bi & Poo fit (bi_poo.h).
// Shared by `vpf stdp` and the GUI panel so both compute exactly the same thing for a seed.
#include <cstdint>
#include <functional>
#include <vector>

#include "core/stdp/bengio_stdp.h"
#include "core/stdp/bi_poo.h"
#include "core/stdp/stdp_curve.h"
#include "core/stdp/vpf_stdp.h"

namespace vpf {

struct StdpConfig {
  VpfStdpParams vpf;
  BengioStdpParams bengio;
  BiPooParams biPoo;
  StdpBinning binning;             // ±100 ms in 5 ms bins by default
  std::int64_t pairings = 200000;  // per simulation (VPF Monte Carlo and Bengio each)
  std::uint64_t seed = 1;
  double curveStepMs = 0.5;  // grid of the analytic / fit curves
  void validate() const;     // throws vpf::Error
};

/// Agreement of the Monte Carlo bins with the analytic value at the bin's Δt:
/// z = (mean − analytic) / stderr per bin.
struct StdpAgreement {
  int bins = 0;
  double maxAbsZ = 0;  // over bins with stderr > 0
  double maxAbsZAtMs = 0;
  int binsWithoutError = 0;  // stderr 0 (all samples equal): compared exactly instead
  int binsDisagreeing = 0;   // |z| > 3, or unequal where stderr is 0
};
StdpAgreement compareWithAnalytic(const StdpCurve& monteCarlo, const VpfStdpParams& params);

struct StdpResult {
  std::vector<StdpCurve> curves;  // vpf_analytic, vpf_montecarlo, bengio2015, bipoo_fit — raw values
  StdpAgreement agreement;        // VPF Monte Carlo vs analytic
  std::int64_t vpfPairings = 0;
  std::int64_t bengioPairings = 0, bengioSpiked = 0;
  bool cancelled = false;

  const StdpCurve* find(const std::string& name) const;
};

/// Runs everything. Independent random streams per simulation (seed, stream 1 / 2), so changing
/// one simulation's parameters does not change the other's samples. `progress(fraction)` returning
/// false cancels (result.cancelled = true, partial curves).
StdpResult runStdp(const StdpConfig& config, const std::function<bool(double)>& progress = {});

/// The example pairings for display, reproducible from the seed (stream 3 / 4).
VpfPairingTrace stdpExampleVpf(const StdpConfig& config, double dtMs, std::uint64_t exampleIndex = 0);
BengioPairing stdpExampleBengio(const StdpConfig& config, std::uint64_t exampleIndex = 0);

}  // namespace vpf
