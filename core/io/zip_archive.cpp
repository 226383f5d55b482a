#include "core/io/zip_archive.h"

#include <zip.h>

#include <cstdio>
#include <filesystem>
#include <system_error>

#include "core/common/error.h"

namespace vpf {

namespace {

std::string errorText(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string text = zip_error_strerror(&error);
  zip_error_fini(&error);
  return text;
}

// Frees a zip_source on scope exit unless released (libzip takes ownership on success only).
struct SourceGuard {
  zip_source_t* source;
  ~SourceGuard() {
    if (source) zip_source_free(source);
  }
};

// Copies the whole contents of a (closed) buffer source out.
std::string readSource(zip_source_t* source) {
  if (zip_source_open(source) < 0)
    throw Error("cannot build zip archive: " + std::string(zip_error_strerror(zip_source_error(source))));
  std::string out;
  char chunk[1 << 16];
  while (true) {
    const zip_int64_t n = zip_source_read(source, chunk, sizeof chunk);
    if (n < 0) {
      const std::string why = zip_error_strerror(zip_source_error(source));
      zip_source_close(source);
      throw Error("cannot build zip archive: " + why);
    }
    if (n == 0) break;
    out.append(chunk, static_cast<std::size_t>(n));
  }
  zip_source_close(source);
  return out;
}

}  // namespace

std::string buildZip(const std::vector<std::pair<std::string, std::string>>& members) {
  if (members.empty()) throw Error("cannot build an empty zip archive");
  zip_error_t error;
  zip_error_init(&error);
  SourceGuard buffer{zip_source_buffer_create(nullptr, 0, 0, &error)};
  if (!buffer.source) {
    const std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    throw Error("cannot build zip archive: " + why);
  }
  zip_t* archive = zip_open_from_source(buffer.source, ZIP_TRUNCATE, &error);
  if (!archive) {
    const std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    throw Error("cannot build zip archive: " + why);
  }
  zip_error_fini(&error);
  zip_source_keep(buffer.source);  // the archive now owns one reference; keep ours for the result
  auto failArchive = [&](const std::string& what) {
    const std::string why = zip_strerror(archive);
    zip_discard(archive);
    throw Error("cannot build zip archive (" + what + "): " + why);
  };
  for (const auto& [name, contents] : members) {
    // The data is referenced, not copied: `members` outlives zip_close below.
    zip_source_t* member = zip_source_buffer(archive, contents.data(), contents.size(), 0);
    if (!member) failArchive(name);
    const zip_int64_t index = zip_file_add(archive, name.c_str(), member, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(member);
      failArchive(name);
    }
    // Stored like numpy.savez: float payloads barely compress and this keeps saving fast.
    if (zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0) < 0)
      failArchive(name);
  }
  if (zip_close(archive) < 0) failArchive("close");
  return readSource(buffer.source);
}

ZipReader::ZipReader(const std::string& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) throw Error("no such file");
  if (!std::filesystem::is_regular_file(status)) throw Error("not a regular file");
  if (std::filesystem::file_size(path, ec) == 0 && !ec) throw Error("the file is empty");
  int code = 0;
  m_zip = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
  if (!m_zip) {
    switch (code) {
      case ZIP_ER_NOZIP: throw Error("not a zip archive (or truncated: the end-of-archive record is missing)");
      case ZIP_ER_INCONS: throw Error("corrupt or truncated zip archive (" + errorText(code) + ")");
      default: throw Error("cannot open as a zip archive: " + errorText(code));
    }
  }
  const zip_int64_t count = zip_get_num_entries(m_zip, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    const char* name = zip_get_name(m_zip, static_cast<zip_uint64_t>(i), 0);
    m_names.push_back(name ? name : "");
  }
}

ZipReader::~ZipReader() {
  if (m_zip) zip_discard(m_zip);  // read-only: nothing to write back
}

std::int64_t ZipReader::indexOf(const std::string& name) const {
  return zip_name_locate(m_zip, name.c_str(), 0);
}

bool ZipReader::contains(const std::string& name) const { return indexOf(name) >= 0; }

std::uint64_t ZipReader::size(const std::string& name) const {
  const zip_int64_t index = indexOf(name);
  if (index < 0) throw Error("missing member " + name);
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(m_zip, static_cast<zip_uint64_t>(index), 0, &st) < 0 || !(st.valid & ZIP_STAT_SIZE))
    throw Error("cannot read the directory entry of " + name + ": " + zip_strerror(m_zip));
  return st.size;
}

std::string ZipReader::read(const std::string& name, std::uint64_t maxBytes) const {
  const zip_int64_t index = indexOf(name);
  if (index < 0) throw Error("missing member " + name);
  const std::uint64_t expected = size(name);
  if (expected > maxBytes)
    throw Error("member " + name + " claims " + std::to_string(expected) + " bytes, more than the " +
                std::to_string(maxBytes) + " it can have (corrupt archive)");
  zip_file_t* file = zip_fopen_index(m_zip, static_cast<zip_uint64_t>(index), 0);
  if (!file) throw Error("cannot read member " + name + ": " + zip_strerror(m_zip));
  std::string out(expected, '\0');
  std::uint64_t done = 0;
  auto fail = [&](const std::string& why) {
    zip_fclose(file);
    throw Error("cannot read member " + name + ": " + why);
  };
  while (done < expected) {
    const zip_int64_t n = zip_fread(file, out.data() + done, expected - done);
    if (n < 0) fail(zip_file_strerror(file));
    if (n == 0) fail("truncated (" + std::to_string(done) + " of " + std::to_string(expected) + " bytes)");
    done += static_cast<std::uint64_t>(n);
  }
  // Read to the end: libzip verifies the CRC only when it reaches end of data.
  char extra;
  const zip_int64_t tail = zip_fread(file, &extra, 1);
  if (tail < 0) fail(zip_file_strerror(file));
  if (tail > 0) fail("longer than its directory entry says (corrupt archive)");
  zip_fclose(file);
  return out;
}

std::vector<std::pair<std::string, std::string>> ZipReader::readAll(std::uint64_t maxBytesPerMember) const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& name : m_names) out.emplace_back(name, read(name, maxBytesPerMember));
  return out;
}

}  // namespace vpf
