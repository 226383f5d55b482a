#pragma once
// The figures of `vpf repro` (paper Figs. 2–6), rendered with the same figure code as the GUI
// (vpf_figures) into <folder>/figures as PNG and PDF, with their data as CSV / .npy. Needs a
// QApplication (the caller makes an offscreen one).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/repro_context.h"

namespace vpf::cli {

struct ReproFigure {
  std::string id;       // file base name under figures/, e.g. "fig2-filters-rbm196"
  std::string caption;  // one line for the report
  std::string section;  // "rbm", "table1", "dbm"
};

/// Renders every figure; returns them in report order.
std::vector<ReproFigure> renderReproFigures(ReproContext& ctx, const nlohmann::json& results);

}  // namespace vpf::cli
