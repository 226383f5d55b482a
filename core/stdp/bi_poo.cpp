#include "core/stdp/bi_poo.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <optional>
#include <sstream>
#include <vector>

#include "core/common/error.h"
#include "core/io/csv_writer.h"

namespace vpf {

void BiPooParams::validate() const {
  auto check = [](double v, bool strict, const char* what) {
    if (!std::isfinite(v) || v < 0 || (strict && v == 0))
      throw Error(std::string("stdp: ") + what + (strict ? " must be positive" : " must be ≥ 0") + " (got " +
                  CsvWriter::number(v) + ")");
  };
  check(aPlus, false, "the Bi & Poo amplitude A+");
  check(aMinus, false, "the Bi & Poo amplitude A−");
  check(tauPlus, true, "τ+");
  check(tauMinus, true, "τ−");
}

double biPooUpdate(double dtMs, const BiPooParams& p) {
  if (dtMs > 0) return p.aPlus * std::exp(-dtMs / p.tauPlus);
  if (dtMs < 0) return -p.aMinus * std::exp(dtMs / p.tauMinus);
  return 0.0;
}

StdpCurve biPooCurve(const BiPooParams& params, double rangeMs, double stepMs) {
  params.validate();
  if (!(stepMs > 0) || !(rangeMs > stepMs)) throw Error("stdp: bad grid for the Bi & Poo curve");
  StdpCurve c;
  c.name = stdp_names::kBiPooFit;
  c.label = "Bi & Poo 1998 fit (τ+ 16.8, τ− 33.7 ms)";
  if (params.tauPlus != 16.8 || params.tauMinus != 33.7)
    c.label =
        "Bi & Poo fit (τ+ " + CsvWriter::number(params.tauPlus) + ", τ− " + CsvWriter::number(params.tauMinus) + " ms)";
  const int n = static_cast<int>(std::floor(rangeMs / stepMs + 1e-9));
  for (int k = n - 1; k >= 0; --k) c.add(-(k + 0.5) * stepMs, biPooUpdate(-(k + 0.5) * stepMs, params));
  for (int k = 0; k < n; ++k) c.add((k + 0.5) * stepMs, biPooUpdate((k + 0.5) * stepMs, params));
  return c;
}

namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\f\v");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\f\v");
  return s.substr(b, e - b + 1);
}

std::optional<double> parseNumber(std::string cell) {
  cell = trim(cell);
  if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"') cell = trim(cell.substr(1, cell.size() - 2));
  if (!cell.empty() && cell.front() == '+') cell.erase(0, 1);  // from_chars rejects a leading '+'
  if (cell.empty()) return std::nullopt;
  double v = 0;
  const auto [ptr, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
  if (ec != std::errc() || ptr != cell.data() + cell.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::vector<std::string> splitCells(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  for (char ch : line) {
    if (ch == ',' || ch == ';' || ch == '\t') {
      cells.push_back(cell);
      cell.clear();
    } else {
      cell += ch;
    }
  }
  cells.push_back(cell);
  return cells;
}

std::string shortened(const std::string& s) { return s.size() > 40 ? s.substr(0, 37) + "..." : s; }

}  // namespace

StdpCurve parseMeasuredPoints(const std::string& textIn, const std::string& source) {
  std::string text = textIn;
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // UTF-8 BOM from spreadsheet exports

  struct Row {
    double dt, dw, se;
  };
  std::vector<Row> rows;
  std::vector<std::pair<int, std::string>> bad;  // line number, reason
  bool seenContent = false;
  std::istringstream in(text);
  std::string raw;
  int lineNo = 0;
  while (std::getline(in, raw)) {
    ++lineNo;
    const std::string line = trim(raw);
    if (line.empty() || line[0] == '#') continue;
    const bool first = !seenContent;
    seenContent = true;
    const auto cells = splitCells(line);
    std::vector<std::optional<double>> nums;
    for (const auto& c : cells) nums.push_back(parseNumber(c));
    const bool allNumeric = std::all_of(nums.begin(), nums.end(), [](const auto& v) { return v.has_value(); });
    const bool anyNumeric = std::any_of(nums.begin(), nums.end(), [](const auto& v) { return v.has_value(); });
    // A first line without any number is the (optional) header.
    if (first && !anyNumeric) continue;
    if (cells.size() < 2 || cells.size() > 3) {
      bad.emplace_back(
          lineNo, "expected 2 or 3 columns, found " + std::to_string(cells.size()) + " in '" + shortened(line) + "'");
      continue;
    }
    if (!allNumeric) {
      bad.emplace_back(lineNo, "not a number in '" + shortened(line) + "'");
      continue;
    }
    const double se = cells.size() == 3 ? *nums[2] : 0.0;
    if (se < 0) {
      bad.emplace_back(lineNo, "negative standard error in '" + shortened(line) + "'");
      continue;
    }
    rows.push_back({*nums[0], *nums[1], se});
  }

  if (!bad.empty()) {
    std::string numbers;
    for (std::size_t k = 0; k < bad.size(); ++k) numbers += (k ? ", " : "") + std::to_string(bad[k].first);
    std::string msg = source + ": malformed row" + (bad.size() > 1 ? "s at lines " : " at line ") + numbers +
                      " (expected 'dt_ms,dw' or 'dt_ms,dw,stderr' with numbers)";
    const std::size_t shown = std::min<std::size_t>(bad.size(), 5);
    for (std::size_t k = 0; k < shown; ++k) msg += "\n  line " + std::to_string(bad[k].first) + ": " + bad[k].second;
    if (bad.size() > shown) msg += "\n  … and " + std::to_string(bad.size() - shown) + " more";
    throw Error(msg);
  }
  if (rows.empty()) throw Error(source + ": no data rows (expected lines 'dt_ms,dw', header optional)");

  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.dt < b.dt; });
  StdpCurve c;
  c.name = stdp_names::kMeasured;
  c.label = "measured points";
  for (const Row& r : rows) c.add(r.dt, r.dw, r.se);
  return c;
}

StdpCurve readMeasuredPoints(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw Error("cannot read " + path + ": it is a directory");
  std::ifstream file(path, std::ios::binary);
  if (!file) throw Error("cannot read " + path + ": " + std::strerror(errno));
  std::ostringstream buf;
  buf << file.rdbuf();
  if (file.bad()) throw Error("cannot read " + path + ": read error");
  return parseMeasuredPoints(buf.str(), path);
}

}  // namespace vpf
