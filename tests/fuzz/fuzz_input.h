#pragma once
// Shared by the libFuzzer targets (tests/fuzz/README.md): the readers take file paths, so an input
// is written to a scratch file in a per-process folder (on /dev/shm when there is one) before it is
// read; and a reader may refuse an input only with vpf::Error — anything else (another exception,
// a sanitizer report, an allocation over -malloc_limit_mb, a hang) is a finding.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/common/error.h"

namespace vpf::fuzz {

/// The folder this process writes its scratch files to; removed at exit.
inline const std::filesystem::path& scratchFolder() {
  static const std::filesystem::path folder = [] {
    std::error_code ec;
    const std::filesystem::path base = std::filesystem::is_directory("/dev/shm", ec)
                                           ? std::filesystem::path("/dev/shm")
                                           : std::filesystem::temp_directory_path();
    const std::filesystem::path f = base / ("vpf-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(f);
    std::atexit([] { std::filesystem::remove_all(scratchFolder()); });
    return f;
  }();
  return folder;
}

/// Writes `bytes` to scratchFolder()/name and returns the path.
inline std::string writeScratchFile(const std::string& name, const std::string& bytes) {
  const std::filesystem::path path = scratchFolder() / name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) std::abort();  // the harness, not the reader, failed
  return path.string();
}

inline std::string asString(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

/// Runs `read`; a vpf::Error is the clean refusal every reader owes a bad input. Any other
/// exception escapes to libFuzzer, which reports it as a crash.
template <typename Read>
void expectAcceptedOrRefused(Read&& read) {
  try {
    read();
  } catch (const vpf::Error&) {
  }
}

}  // namespace vpf::fuzz
