#include "core/stdp/bengio_stdp.h"

#include <cmath>
#include <limits>

#include "core/common/error.h"
#include "core/common/rng.h"
#include "core/io/csv_writer.h"

namespace vpf {

std::string slopeDistributionName(SlopeDistribution d) {
  return d == SlopeDistribution::Uniform ? "uniform" : "normal";
}

SlopeDistribution parseSlopeDistribution(const std::string& name) {
  if (name == "normal") return SlopeDistribution::Normal;
  if (name == "uniform") return SlopeDistribution::Uniform;
  throw Error("stdp: unknown slope distribution '" + name + "' (expected normal or uniform)");
}

void BengioStdpParams::validate() const {
  auto finite = [](double v, const char* what) {
    if (!std::isfinite(v)) throw Error(std::string("stdp: ") + what + " must be finite");
  };
  finite(slopeMean, "the slope mean");
  finite(thresholdMv, "the threshold");
  finite(learningRate, "the learning rate");
  if (!(slopeStd >= 0) || !std::isfinite(slopeStd))
    throw Error("stdp: the slope standard deviation must be ≥ 0 mV/ms (got " + CsvWriter::number(slopeStd) + ")");
  if (slopeStd == 0 && slopeMean == 0)
    throw Error("stdp: a slope distribution concentrated at 0 mV/ms never reaches the threshold");
  if (!(gapMax > 0) || !std::isfinite(gapMax))
    throw Error("stdp: the maximum gap below threshold must be positive (got " + CsvWriter::number(gapMax) + " mV)");
}

BengioPairing bengioPairing(const BengioStdpParams& p, double windowMs, Rng& rng) {
  BengioPairing r;
  r.slope = p.slopeDistribution == SlopeDistribution::Normal
                ? p.slopeMean + p.slopeStd * rng.normal()
                : p.slopeMean + p.slopeStd * std::sqrt(3.0) * (2.0 * rng.uniformDouble() - 1.0);
  r.gap = p.gapMax * (1.0 - rng.uniformDouble());  // (0, gapMax]: V_j(0) strictly below θ
  // Threshold crossing of θ − d + s·t: forward in time for a rising slope, backward for a falling one.
  r.dtMs = r.slope != 0 ? r.gap / r.slope : std::numeric_limits<double>::infinity();
  r.dw = p.learningRate * r.slope;  // ∫ S_i dV_j/dt dt with S_i a unit spike at t = 0
  r.spiked = std::abs(r.dtMs) < windowMs;
  return r;
}

BengioResult simulateBengioStdp(const BengioStdpParams& params, const StdpBinning& binning, std::int64_t pairings,
                                Rng& rng, const std::function<bool(double)>& progress) {
  params.validate();
  binning.validate();
  if (pairings < 1) throw Error("stdp: the number of pairings must be at least 1");
  BinnedMean acc(binning.binCount());
  BengioResult r;
  constexpr std::int64_t kChunk = 16384;
  for (std::int64_t k = 0; k < pairings; ++k) {
    const BengioPairing p = bengioPairing(params, binning.rangeMs, rng);
    r.pairings = k + 1;
    const int bin = p.spiked ? binning.binOf(p.dtMs) : -1;
    if (bin >= 0) {
      acc.add(bin, p.dtMs, p.dw);
      ++r.spiked;
    }
    if (progress && (k + 1) % kChunk == 0 && !progress(static_cast<double>(k + 1) / static_cast<double>(pairings))) {
      r.cancelled = true;
      break;
    }
  }
  r.curve = acc.curve(binning, true);
  r.curve.name = stdp_names::kBengio2015;
  r.curve.label = "Bengio et al. 2015 (ΔW ∝ S_i dV_j/dt)";
  return r;
}

BengioPairing bengioExamplePairing(const BengioStdpParams& params, double windowMs, Rng& rng) {
  params.validate();
  BengioPairing p;
  for (int attempt = 0; attempt < 10000; ++attempt) {
    p = bengioPairing(params, windowMs, rng);
    if (p.spiked) break;
  }
  return p;
}

}  // namespace vpf
