#pragma once
// One STDP curve (DESIGN §8): weight change against the spike-time difference
// Δt = t_post − t_pre in ms, with a standard error per point (0 where the curve is exact), plus
// the binning used by the simulations, the common normalisation for plotting and the CSV form
// `curve,dt_ms,dw,stderr` shared by `vpf stdp` and the GUI panel.
#include <cstdint>
#include <string>
#include <vector>

namespace vpf {

class CsvWriter;

/// Curve names as they appear in the CSV and the legend keys.
namespace stdp_names {
inline constexpr const char* kVpfAnalytic = "vpf_analytic";
inline constexpr const char* kVpfMonteCarlo = "vpf_montecarlo";
inline constexpr const char* kBengio2015 = "bengio2015";
inline constexpr const char* kBiPooFit = "bipoo_fit";
inline constexpr const char* kMeasured = "measured";
}  // namespace stdp_names

struct StdpCurve {
  std::string name;                 // one of stdp_names
  std::string label;                // human legend text
  std::vector<double> dtMs;         // Δt = t_post − t_pre (ms), ascending
  std::vector<double> dw;           // mean weight change at dtMs
  std::vector<double> stdError;     // standard error of dw (0 for exact curves)
  std::vector<std::int64_t> count;  // samples behind each point (simulations; empty otherwise)
  bool simulated = false;           // drawn with markers and error bars
  double scale = 1.0;               // the divisor applied by normaliseCurves (1 = raw values)

  std::size_t size() const { return dtMs.size(); }
  void add(double dt, double value, double se = 0.0) {
    dtMs.push_back(dt);
    dw.push_back(value);
    stdError.push_back(se);
  }
};

/// Symmetric bins over [−rangeMs, +rangeMs] of width binMs; Δt = 0 is a bin edge, so no bin
/// straddles the sign change. rangeMs/binMs must be a whole number (checked).
struct StdpBinning {
  double rangeMs = 100.0;
  double binMs = 5.0;

  int binCount() const;             // 2·rangeMs/binMs
  double binCentre(int bin) const;  // −rangeMs + (bin + ½)·binMs
  /// The bin of dt, or −1 outside [−rangeMs, rangeMs) or at exactly 0 (no sign).
  int binOf(double dtMs) const;
  void validate() const;  // throws vpf::Error with the offending value
};

/// Streaming mean and standard error per bin (Welford, numerically stable over millions of samples).
class BinnedMean {
 public:
  explicit BinnedMean(int bins);
  void add(int bin, double dt, double value);
  /// Bins with at least one sample; x = mean Δt of the samples if `xFromSamples`, else the centres.
  StdpCurve curve(const StdpBinning& binning, bool xFromSamples) const;

 private:
  struct Acc {
    std::int64_t n = 0;
    double mean = 0, m2 = 0, dtSum = 0;
  };
  std::vector<Acc> m_acc;
};

/// Scales every curve so that its max |dw| = 1 (stderr scaled alike; `scale` records the divisor).
/// The Monte Carlo VPF curve is divided by the analytic VPF curve's divisor instead of its own, so
/// the two stay directly comparable (same model, same units). Curves that are all zero are left as is.
void normaliseCurves(std::vector<StdpCurve>& curves);

/// The text the plots and summaries use to say how dw was scaled.
std::string stdpNormalisationNote();

/// `curve,dt_ms,dw,stderr`, one row per point, curves in the given order.
CsvWriter stdpCurvesCsv(const std::vector<StdpCurve>& curves);

}  // namespace vpf
