#include "core/common/memory_budget.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>

#include "core/common/error.h"

namespace vpf {

namespace {

std::uint64_t meminfoAvailable() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  std::uint64_t kb = 0;
  std::string unit;
  while (in >> key >> kb) {
    std::getline(in, unit);
    if (key == "MemAvailable:") return kb * 1024;
  }
  const long pages = ::sysconf(_SC_AVPHYS_PAGES), pageSize = ::sysconf(_SC_PAGESIZE);
  if (pages > 0 && pageSize > 0) return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(pageSize);
  return std::numeric_limits<std::uint64_t>::max();
}

// VPF_MEMORY_LIMIT: "1000000", "500K", "64M", "2G" (powers of 1,024); unset or unreadable: no cap.
std::uint64_t environmentLimit() {
  const char* text = std::getenv("VPF_MEMORY_LIMIT");
  if (!text || !*text) return std::numeric_limits<std::uint64_t>::max();
  char* end = nullptr;
  const double value = std::strtod(text, &end);
  if (end == text || value <= 0) return std::numeric_limits<std::uint64_t>::max();
  double scale = 1;
  switch (std::toupper(static_cast<unsigned char>(*end))) {
    case 'K':
      scale = 1024.0;
      break;
    case 'M':
      scale = 1024.0 * 1024;
      break;
    case 'G':
      scale = 1024.0 * 1024 * 1024;
      break;
    default:
      break;
  }
  const double bytes = value * scale;
  return bytes >= 1.8e19 ? std::numeric_limits<std::uint64_t>::max() : static_cast<std::uint64_t>(bytes);
}

}  // namespace

std::uint64_t availableMemoryBytes() { return std::min(meminfoAvailable(), environmentLimit()); }

std::string formatBytes(std::uint64_t bytes) {
  if (bytes < 1000) return std::to_string(bytes) + " bytes";
  const char* units[] = {"kB", "MB", "GB", "TB", "PB", "EB"};
  double v = static_cast<double>(bytes) / 1000;
  int u = 0;
  while (v >= 1000 && u < 5) {
    v /= 1000;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
  return buf;
}

void requireMemory(std::uint64_t bytes, const std::string& what) {
  const std::uint64_t available = availableMemoryBytes();
  if (bytes > available)
    throw Error(what + " needs " + formatBytes(bytes) + " of memory, but only " + formatBytes(available) +
                " is available");
}

}  // namespace vpf
