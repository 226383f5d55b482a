#pragma once
// The early-inference section of `vpf bench` (spec C2): fixed-point relaxation against its
// prediction, and the dynamics' speed. Prints a table; returns the figures.
#include <nlohmann/json.hpp>

namespace vpf::cli {

nlohmann::json benchEarlyInference(double gemmPeakGflops, bool printTable);

}  // namespace vpf::cli
