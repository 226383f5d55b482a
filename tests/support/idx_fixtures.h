#pragma once
// IDX files for the data-loading tests: the bytes of an IDX array (big-endian header + payload)
// and writers for raw and gzip-compressed files. Failures are Qt Test failures in the caller.
#include <zlib.h>

#include <QFile>
#include <QString>
#include <QTest>
#include <cstdint>
#include <vector>

namespace vpf::testing {

using Bytes = std::vector<std::uint8_t>;

/// Magic (0, 0, type, rank), the dimensions as big-endian uint32, then the payload.
inline Bytes idxBytes(const std::vector<std::uint32_t>& dims, const Bytes& payload, std::uint8_t type = 0x08) {
  Bytes out = {0, 0, type, static_cast<std::uint8_t>(dims.size())};
  for (std::uint32_t d : dims) {
    out.push_back(d >> 24);
    out.push_back((d >> 16) & 0xff);
    out.push_back((d >> 8) & 0xff);
    out.push_back(d & 0xff);
  }
  out.insert(out.end(), payload.begin(), payload.end());
  return out;
}

inline void writeRaw(const QString& path, const Bytes& bytes) {
  QFile file(path);
  QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
  QCOMPARE(file.write(reinterpret_cast<const char*>(bytes.data()), qint64(bytes.size())), qint64(bytes.size()));
}

inline void writeGz(const QString& path, const Bytes& bytes) {
  gzFile gz = gzopen(path.toLocal8Bit().constData(), "wb");
  QVERIFY(gz != nullptr);
  if (!bytes.empty()) QCOMPARE(gzwrite(gz, bytes.data(), unsigned(bytes.size())), int(bytes.size()));
  QCOMPARE(gzclose(gz), Z_OK);
}

}  // namespace vpf::testing
