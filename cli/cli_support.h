#pragma once
// Shared pieces of the `vpf` subcommands: data loading with binarisation, progress lines on
// stderr (rate-limited, with ETA), and small formatting helpers.
#include <chrono>
#include <string>

#include "core/common/types.h"
#include "core/data/dataset.h"

namespace vpf::cli {

struct LoadedData {
  DataSplits splits;
  Matrix train;  // binarised training rows (possibly limited)
  Matrix test;   // binarised test rows (possibly limited)
  float threshold = 0.5f;
};

/// Loads `source` (mnist|fashion|dir|prefix), binarises at `threshold`, keeps the first `trainLimit`
/// / `testLimit` rows when > 0. Prints one line to stderr.
LoadedData loadData(const std::string& source, int trainLimit, int testLimit, float threshold);

/// A progress line on stderr, redrawn at most ~10×/s: "label  42% [=====     ] detail  ETA 0:12".
class Progress {
 public:
  explicit Progress(std::string label, bool enabled = true);
  /// `etaSeconds` ≥ 0 replaces the ETA extrapolated from the elapsed time and the fraction.
  void update(double fraction, const std::string& detail = "", double etaSeconds = -1);
  void finish(const std::string& detail = "");
  /// A permanent line (e.g. an epoch summary) printed above the progress line.
  void message(const std::string& line);

 private:
  std::string m_label;
  bool m_enabled;
  std::chrono::steady_clock::time_point m_start, m_last;
  std::chrono::steady_clock::time_point m_logged{};
};

std::string formatDuration(double seconds);  // "1:05:03" / "2:07" / "0.4 s"

}  // namespace vpf::cli
