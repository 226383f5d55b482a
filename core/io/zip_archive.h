#pragma once
// Thin RAII wrapper over libzip for the .npz model files (DESIGN §11). Callers never see <zip.h>.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

struct zip;  // libzip's zip_t

namespace vpf {

/// Bytes of a zip archive holding `members` (name, contents) in order, stored uncompressed as
/// numpy.savez does. Throws vpf::Error on a libzip failure. `members` must not be empty.
std::string buildZip(const std::vector<std::pair<std::string, std::string>>& members);

/// A zip file opened read-only with libzip's consistency checks. The constructor throws
/// vpf::Error("<problem>") — without the path, callers prefix it — when the file is missing,
/// not a regular file, not a zip archive or truncated.
class ZipReader {
 public:
  explicit ZipReader(const std::string& path);
  ~ZipReader();
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;

  const std::vector<std::string>& names() const { return m_names; }
  bool contains(const std::string& name) const;
  /// Uncompressed size as the central directory claims it (may lie in a corrupt file).
  std::uint64_t size(const std::string& name) const;
  /// Contents of `name`. Refuses members claiming more than `maxBytes` (so a corrupt directory
  /// cannot trigger a huge allocation) and reports short reads and CRC mismatches.
  std::string read(const std::string& name, std::uint64_t maxBytes) const;
  /// All members in archive order (for tools and tests that rewrite an archive).
  std::vector<std::pair<std::string, std::string>> readAll(std::uint64_t maxBytesPerMember) const;

 private:
  std::int64_t indexOf(const std::string& name) const;

  ::zip* m_zip = nullptr;
  std::vector<std::string> m_names;
};

}  // namespace vpf
