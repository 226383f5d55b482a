#include "cli/cli_support.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>

namespace vpf::cli {

LoadedData loadData(const std::string& source, int trainLimit, int testLimit, float threshold) {
  LoadedData d;
  d.threshold = threshold;
  d.splits = loadDataSplits(source);
  const int nTrain = trainLimit > 0 ? std::min(trainLimit, d.splits.train.size()) : d.splits.train.size();
  const int nTest = testLimit > 0 ? std::min(testLimit, d.splits.test.size()) : d.splits.test.size();
  d.train = binarize(d.splits.train.images.topRows(nTrain), threshold);
  d.test = binarize(d.splits.test.images.topRows(nTest), threshold);
  std::cerr << "data: " << d.splits.name << ", " << nTrain << " training / " << nTest << " test images, "
            << d.splits.train.rows << "×" << d.splits.train.cols << ", binarised at " << threshold << "\n";
  return d;
}

std::string formatDuration(double s) {
  if (!std::isfinite(s) || s < 0) return "?";
  if (s < 10) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f s", s);
    return buf;
  }
  const long t = std::lround(s);
  char buf[32];
  if (t >= 3600) std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", t / 3600, (t / 60) % 60, t % 60);
  else std::snprintf(buf, sizeof buf, "%ld:%02ld", t / 60, t % 60);
  return buf;
}

Progress::Progress(std::string label, bool enabled)
    : m_label(std::move(label)), m_enabled(enabled), m_start(std::chrono::steady_clock::now()), m_last{} {}

void Progress::update(double fraction, const std::string& detail, double etaSeconds) {
  if (!m_enabled) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - m_last < std::chrono::milliseconds(100) && fraction < 1) return;
  m_last = now;
  const double elapsed = std::chrono::duration<double>(now - m_start).count();
  const double eta = etaSeconds >= 0 ? etaSeconds : fraction > 0 ? elapsed * (1 - fraction) / fraction : NAN;
  const int width = 24, filled = static_cast<int>(std::clamp(fraction, 0.0, 1.0) * width);
  std::ostringstream line;
  line << m_label << ' ' << std::string(static_cast<std::size_t>(filled), '=')
       << std::string(static_cast<std::size_t>(width - filled), ' ') << ' ' << static_cast<int>(fraction * 100)
       << "%  " << detail << "  ETA " << formatDuration(eta);
  // A terminal gets one redrawn line; a log file gets a line per update at most every 2 s.
  static const bool tty = isatty(STDERR_FILENO);
  if (tty) {
    std::cerr << '\r' << line.str() << "\033[K" << std::flush;
  } else if (now - m_logged >= std::chrono::seconds(2)) {
    std::cerr << line.str() << '\n';
    m_logged = now;
  }
}

void Progress::message(const std::string& line) {
  if (!m_enabled) return;
  static const bool tty = isatty(STDERR_FILENO);
  std::cerr << (tty ? "\r" : "") << line << (tty ? "\033[K\n" : "\n");
}

void Progress::finish(const std::string& detail) {
  if (!m_enabled) return;
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
  static const bool tty = isatty(STDERR_FILENO);
  std::cerr << (tty ? "\r" : "") << m_label << " done in " << formatDuration(elapsed) << "  " << detail
            << (tty ? "\033[K\n" : "\n");
}

}  // namespace vpf::cli
