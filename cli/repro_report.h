#pragma once
// The outputs of `vpf repro`: report.md (every table with the paper's value, ours and the
// difference; every figure; settings, seeds, software and wall-clock times), table1.csv
// (pattern,method,error_mean,error_std,paper), table2.csv (dataset,model,prior,ll_mean,ll_se,paper)
// and results.json (every raw number).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/repro_context.h"
#include "cli/repro_figures.h"

namespace vpf::cli {

struct ReproRunInfo {
  std::string command;      // as typed
  std::string startedAt;    // ISO 8601 UTC
  double wallSeconds = 0;   // this invocation
  bool resumed = false;     // some parts came from an earlier run
};

void writeTable1Csv(const std::string& path, const nlohmann::json& results);
void writeTable2Csv(const std::string& path, const nlohmann::json& results);
/// `runs`: every invocation on this folder (runs.json), this one last.
void writeReproReport(ReproContext& ctx, const nlohmann::json& results, const std::vector<ReproFigure>& figures,
                      const ReproRunInfo& info, const nlohmann::json& runs);
/// OpenMP threads the linear algebra uses (1 without OpenMP).
int threadCount();

}  // namespace vpf::cli
