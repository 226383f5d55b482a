#pragma once
// Atomic file replacement: the new contents go to a temp file in the target's folder, are synced,
// then renamed over the target — a reader sees the old file or the new one, never a partial one,
// and a failed write keeps the old file. Used for models, arrays, CSV and every repro result.
#include <string>

namespace vpf {

/// Writes `contents` to `path` via a temp file + rename; throws vpf::Error naming the path.
void writeFileAtomically(const std::string& path, const std::string& contents);

/// Deletes the `<path>.tmp-XXXXXX` files of writes that were killed before their rename; returns
/// how many. Only for a file this process alone writes (a model being trained, the autosave).
int removeLeftoverTempFiles(const std::string& path);

}  // namespace vpf
