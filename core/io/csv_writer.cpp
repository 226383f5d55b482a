#include "core/io/csv_writer.h"

#include <charconv>
#include <cstdio>

#include "core/common/error.h"
#include "core/io/atomic_file.h"

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

}  // namespace vpf
