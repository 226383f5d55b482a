#include "core/io/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/common/error.h"

namespace vpf {

namespace {

std::string systemError(int err) { return std::strerror(err); }

// Writes everything, retrying on short writes and EINTR.
bool writeAll(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

void writeFileAtomically(const std::string& path, const std::string& contents) {
  if (path.empty()) throw Error("cannot write file: empty path");
  // The temp file must live in the target's directory so that rename() is atomic (same file system).
  std::string temp = path + ".tmp-XXXXXX";
  const int fd = ::mkostemp(temp.data(), O_CLOEXEC);
  if (fd < 0) throw Error("cannot write " + path + ": " + systemError(errno));

  auto fail = [&](int err) {
    ::close(fd);
    ::unlink(temp.c_str());
    throw Error("cannot write " + path + ": " + systemError(err));
  };

  // mkstemp creates 0600; keep the mode of a file being replaced, otherwise use the usual 0644.
  struct stat old {};
  const mode_t mode = ::stat(path.c_str(), &old) == 0 && S_ISREG(old.st_mode) ? (old.st_mode & 07777) : 0644;
  if (::fchmod(fd, mode) != 0) fail(errno);
  if (!writeAll(fd, contents.data(), contents.size())) fail(errno);
  // fsync before rename: otherwise a crash could leave the new name pointing at an empty file.
  if (::fsync(fd) != 0) fail(errno);
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    throw Error("cannot write " + path + ": " + systemError(err));
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    throw Error("cannot write " + path + ": " + systemError(err));
  }
  // Persist the directory entry too (best effort; some file systems refuse fsync on directories).
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  if (dir.empty()) dir = std::filesystem::path(".");
  const int dirFd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dirFd >= 0) {
    ::fsync(dirFd);
    ::close(dirFd);
  }
}

int removeLeftoverTempFiles(const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  fs::path dir = target.parent_path();
  if (dir.empty()) dir = ".";
  const std::string prefix = target.filename().string() + ".tmp-";
  int removed = 0;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    // mkostemp's suffix: exactly six characters after the prefix.
    if (name.size() == prefix.size() + 6 && name.compare(0, prefix.size(), prefix) == 0 && it->is_regular_file(ec) &&
        fs::remove(it->path(), ec))
      ++removed;
  }
  return removed;
}

}  // namespace vpf
