#include "core/stdp/stdp_curve.h"

#include <algorithm>
#include <cmath>

#include "core/common/error.h"
#include "core/io/csv_writer.h"

namespace vpf {

int StdpBinning::binCount() const { return static_cast<int>(std::lround(2.0 * rangeMs / binMs)); }

double StdpBinning::binCentre(int bin) const { return -rangeMs + (bin + 0.5) * binMs; }

int StdpBinning::binOf(double dtMs) const {
  if (!(dtMs >= -rangeMs && dtMs < rangeMs) || dtMs == 0.0) return -1;
  const int bin = static_cast<int>(std::floor((dtMs + rangeMs) / binMs));
  return std::clamp(bin, 0, binCount() - 1);
}

void StdpBinning::validate() const {
  if (!(binMs > 0.0) || !std::isfinite(binMs))
    throw Error("stdp: the bin width must be a positive number of ms (got " + CsvWriter::number(binMs) + ")");
  if (!(rangeMs >= binMs) || !std::isfinite(rangeMs))
    throw Error("stdp: the Δt range must be at least one bin wide (got ±" + CsvWriter::number(rangeMs) + " ms)");
  const double half = rangeMs / binMs;
  // Whole bins per side keep 0 on a bin edge, so every bin has one sign of Δt.
  if (std::abs(half - std::round(half)) > 1e-9 * half)
    throw Error("stdp: the Δt range (" + CsvWriter::number(rangeMs) + " ms) must be a whole number of bins of " +
                CsvWriter::number(binMs) + " ms");
  if (half > 100000) throw Error("stdp: too many bins (at most 100000 per side)");
}

BinnedMean::BinnedMean(int bins) : m_acc(static_cast<std::size_t>(std::max(bins, 0))) {}

void BinnedMean::add(int bin, double dt, double value) {
  Acc& a = m_acc[static_cast<std::size_t>(bin)];
  ++a.n;
  const double delta = value - a.mean;
  a.mean += delta / static_cast<double>(a.n);
  a.m2 += delta * (value - a.mean);
  a.dtSum += dt;
}

StdpCurve BinnedMean::curve(const StdpBinning& binning, bool xFromSamples) const {
  StdpCurve c;
  c.simulated = true;
  for (std::size_t b = 0; b < m_acc.size(); ++b) {
    const Acc& a = m_acc[b];
    if (a.n == 0) continue;
    const double n = static_cast<double>(a.n);
    // Standard error of the mean from the unbiased sample variance; undefined for one sample.
    const double se = a.n > 1 ? std::sqrt(a.m2 / (n - 1.0) / n) : 0.0;
    const double x = xFromSamples ? a.dtSum / n : binning.binCentre(static_cast<int>(b));
    c.add(x, a.mean, se);
    c.count.push_back(a.n);
  }
  return c;
}

namespace {
double maxAbs(const StdpCurve& c) {
  double m = 0;
  for (double v : c.dw)
    if (std::isfinite(v)) m = std::max(m, std::abs(v));
  return m;
}
void applyScale(StdpCurve& c, double scale) {
  if (!(scale > 0)) return;
  for (double& v : c.dw) v /= scale;
  for (double& v : c.stdError) v /= scale;
  c.scale *= scale;
}
}  // namespace

void normaliseCurves(std::vector<StdpCurve>& curves) {
  double analyticScale = 0;
  for (const auto& c : curves)
    if (c.name == stdp_names::kVpfAnalytic) analyticScale = maxAbs(c);
  for (auto& c : curves) {
    const bool shareAnalytic = c.name == stdp_names::kVpfMonteCarlo && analyticScale > 0;
    applyScale(c, shareAnalytic ? analyticScale : maxAbs(c));
  }
}

std::string stdpNormalisationNote() {
  return "dw normalised: each curve divided by its max |dw| (vpf_montecarlo by vpf_analytic's), so max |dw| = 1";
}

CsvWriter stdpCurvesCsv(const std::vector<StdpCurve>& curves) {
  CsvWriter csv({"curve", "dt_ms", "dw", "stderr"});
  for (const auto& c : curves)
    for (std::size_t k = 0; k < c.size(); ++k)
      csv.addRow(std::vector<std::string>{c.name, CsvWriter::number(c.dtMs[k]), CsvWriter::number(c.dw[k]),
                                          CsvWriter::number(k < c.stdError.size() ? c.stdError[k] : 0.0)});
  return csv;
}

}  // namespace vpf
