#pragma once
// The memory a reader may claim: before allocating a model or a data set, readers ask whether its
// declared size fits, so a file that declares more than the machine can hold is refused with its
// size named instead of failing in the allocator (or being killed by the OOM killer half-way).
#include <cstdint>
#include <string>

namespace vpf {

/// Bytes available to this process: MemAvailable of /proc/meminfo (physical pages where that is
/// missing), capped by the environment variable VPF_MEMORY_LIMIT (bytes, or with a K/M/G suffix),
/// which lets users (and tests) set a smaller budget.
std::uint64_t availableMemoryBytes();

/// Throws vpf::Error("<what> needs 1.2 GB of memory, but only 0.8 GB is available") when `bytes`
/// exceed availableMemoryBytes().
void requireMemory(std::uint64_t bytes, const std::string& what);

/// "512 bytes", "3.4 MB", "1.2 GB" (powers of 1,000, as file managers show sizes).
std::string formatBytes(std::uint64_t bytes);

}  // namespace vpf
