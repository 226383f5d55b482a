#include "core/io/csv_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "core/common/error.h"

namespace vpf {

namespace {

std::string quoted(const std::string& cell) {
  // RFC 4180: quote cells with separators, quotes or line breaks; double embedded quotes.
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void appendLine(std::string& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out += ',';
    out += quoted(cells[i]);
  }
  out += '\n';
}

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

CsvWriter::CsvWriter(std::vector<std::string> header) : m_header(std::move(header)) {}

void CsvWriter::addRow(const std::vector<std::string>& cells) {
  // A ragged row is a programming error that would silently shift columns in the output.
  if (!m_header.empty() && cells.size() != m_header.size())
    throw Error("CSV row has " + std::to_string(cells.size()) + " cells but the header has " +
                std::to_string(m_header.size()) + " columns");
  m_rows.push_back(cells);
}

void CsvWriter::addRow(const std::vector<double>& values) {
  std::vector<std::string> cells;
  cells.reserve(values.size());
  for (double v : values) cells.push_back(number(v));
  addRow(cells);
}

std::string CsvWriter::text() const {
  std::string out;
  if (!m_header.empty()) appendLine(out, m_header);
  for (const auto& row : m_rows) appendLine(out, row);
  return out;
}

void CsvWriter::save(const std::string& path) const { writeFileAtomically(path, text()); }

std::string CsvWriter::number(double v) {
  char buf[64];
  const auto result = std::to_chars(buf, buf + sizeof buf, v);  // shortest form that round-trips
  return std::string(buf, result.ptr);
}

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

}  // namespace vpf
