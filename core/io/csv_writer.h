#pragma once
// Small CSV writer: header line, then rows; numbers with full precision; saved atomically.
#include <string>
#include <vector>

namespace vpf {

class CsvWriter {
 public:
  explicit CsvWriter(std::vector<std::string> header);
  void addRow(const std::vector<std::string>& cells);
  void addRow(const std::vector<double>& values);
  std::string text() const;
  void save(const std::string& path) const;  // throws vpf::Error on failure
  static std::string number(double v);       // shortest round-tripping form

 private:
  std::vector<std::string> m_header;
  std::vector<std::vector<std::string>> m_rows;
};

}  // namespace vpf
