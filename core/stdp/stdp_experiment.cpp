#include "core/stdp/stdp_experiment.h"

#include <algorithm>
#include <cmath>

#include "core/common/error.h"
#include "core/common/rng.h"

namespace vpf {

namespace {
// Random streams of the PCG generator: one per simulation so they do not share samples.
constexpr std::uint64_t kStreamVpf = 1, kStreamBengio = 2, kStreamVpfExample = 3, kStreamBengioExample = 4;
}  // namespace

void StdpConfig::validate() const {
  vpf.validate();
  bengio.validate();
  biPoo.validate();
  binning.validate();
  if (pairings < 1) throw Error("stdp: the number of pairings must be at least 1");
  if (!(curveStepMs > 0) || !std::isfinite(curveStepMs)) throw Error("stdp: the curve step must be positive");
}

StdpAgreement compareWithAnalytic(const StdpCurve& mc, const VpfStdpParams& params) {
  StdpAgreement a;
  a.bins = static_cast<int>(mc.size());
  for (std::size_t k = 0; k < mc.size(); ++k) {
    const double expected = vpfExpectedUpdate(mc.dtMs[k], params) / mc.scale;
    const double diff = mc.dw[k] - expected;
    if (mc.stdError[k] > 0) {
      const double z = diff / mc.stdError[k];
      if (std::abs(z) > a.maxAbsZ) {
        a.maxAbsZ = std::abs(z);
        a.maxAbsZAtMs = mc.dtMs[k];
      }
      if (std::abs(z) > 3) ++a.binsDisagreeing;
    } else {
      ++a.binsWithoutError;
      if (std::abs(diff) > 1e-12 * std::max(1.0, std::abs(expected))) ++a.binsDisagreeing;
    }
  }
  return a;
}

const StdpCurve* StdpResult::find(const std::string& name) const {
  for (const auto& c : curves)
    if (c.name == name) return &c;
  return nullptr;
}

StdpResult runStdp(const StdpConfig& config, const std::function<bool(double)>& progress) {
  config.validate();
  StdpResult r;
  r.curves.push_back(vpfAnalyticCurve(config.vpf, config.binning, config.curveStepMs));

  // The two simulations take half of the progress range each.
  auto half = [&](double offset) {
    return std::function<bool(double)>(
        [&progress, offset](double f) { return !progress || progress(offset + 0.5 * f); });
  };
  Rng vpfRng(config.seed, kStreamVpf);
  VpfMonteCarloResult mc = simulateVpfStdp(config.vpf, config.binning, config.pairings, vpfRng, half(0.0));
  r.vpfPairings = mc.pairings;
  r.agreement = compareWithAnalytic(mc.curve, config.vpf);
  r.curves.push_back(std::move(mc.curve));
  if (mc.cancelled) {
    r.cancelled = true;
    return r;
  }

  Rng bengioRng(config.seed, kStreamBengio);
  BengioResult bengio = simulateBengioStdp(config.bengio, config.binning, config.pairings, bengioRng, half(0.5));
  r.bengioPairings = bengio.pairings;
  r.bengioSpiked = bengio.spiked;
  r.curves.push_back(std::move(bengio.curve));
  r.curves.push_back(biPooCurve(config.biPoo, config.binning.rangeMs, config.curveStepMs));
  r.cancelled = bengio.cancelled;
  if (!r.cancelled && progress) progress(1.0);
  return r;
}

VpfPairingTrace stdpExampleVpf(const StdpConfig& config, double dtMs, std::uint64_t exampleIndex) {
  Rng rng(config.seed + exampleIndex, kStreamVpfExample);
  return vpfExamplePairing(dtMs, config.vpf, rng, config.binning.rangeMs);
}

BengioPairing stdpExampleBengio(const StdpConfig& config, std::uint64_t exampleIndex) {
  Rng rng(config.seed + exampleIndex, kStreamBengioExample);
  return bengioExamplePairing(config.bengio, config.binning.rangeMs, rng);
}

}  // namespace vpf
