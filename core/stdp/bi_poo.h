#pragma once
// The experimental reference (DESIGN §8): the exponential fit to Bi & Poo (1998),
//     Δw = A+ exp(−Δt/τ+)  for Δt > 0,   Δw = −A− exp(Δt/τ−)  for Δt < 0,
// τ+ = 16.8 ms, τ− = 33.7 ms, amplitudes adjustable; and measured (Δt, Δw) points imported from a
// CSV file.
#include <string>

#include "core/stdp/stdp_curve.h"

namespace vpf {

struct BiPooParams {
  double aPlus = 0.777;    // A+ (fractional change; adjustable)
  double aMinus = 0.273;   // A− (magnitude of the depression; adjustable)
  double tauPlus = 16.8;   // τ+ (ms)
  double tauMinus = 33.7;  // τ− (ms)
  void validate() const;   // throws vpf::Error
};

/// The fit at Δt (ms); 0 at Δt = 0, where the fit has no sign.
double biPooUpdate(double dtMs, const BiPooParams& params);

/// The fit on a grid of step `stepMs` over 0 < |Δt| ≤ rangeMs (first point at ±stepMs/2).
StdpCurve biPooCurve(const BiPooParams& params, double rangeMs = 100.0, double stepMs = 0.5);

/// Measured points from CSV text: one point per line, `dt_ms,dw` with an optional third column
/// `stderr`; separators `,` `;` or tab; an optional header line first; blank lines and lines
/// starting with `#` are skipped. Throws vpf::Error naming `source` and the line numbers (1-based)
/// of every malformed row, or saying that there is no data. Points are sorted by Δt.
StdpCurve parseMeasuredPoints(const std::string& text, const std::string& source);

/// Same, reading the file at `path` (errors name the path).
StdpCurve readMeasuredPoints(const std::string& path);

}  // namespace vpf
