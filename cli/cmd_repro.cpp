// vpf repro: reproduces the paper's experiments end to end (RBMs and Figs. 2–3, Table 1 and Fig. 4,
// DBMs, Figs. 5–6 and Table 2, with Bengio et al. 2015's targetprop model as two more Table 2 rows
// and its Figs. 3–5) into a results folder with report.md, table1.csv, table2.csv, figures and
// models. Resumable: re-running the same command continues where it stopped.
#include <CLI/CLI.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/figure_application.h"
#include "cli/repro_context.h"
#include "cli/repro_experiments.h"
#include "cli/repro_figures.h"
#include "cli/repro_report.h"
#include "core/common/error.h"
#include "core/io/atomic_file.h"
#include "core/io/csv_writer.h"

namespace vpf::cli {

namespace {

struct ReproOptions {
  std::string out = "repro-results";
  bool quick = false, quiet = false;
  std::string command;
};

StopToken* g_reproStop = nullptr;
void onReproSigint(int) {
  if (g_reproStop) g_reproStop->requestStop();
}

std::string utcNow() {
  const std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

// runs.json in the results folder: one entry per invocation (start, wall-clock, outcome), so the
// report can state the real time of a run that was interrupted and resumed.
nlohmann::json readRuns(const std::string& folder) {
  std::ifstream in(folder + "/runs.json");
  if (!in) return nlohmann::json::array();
  try {
    nlohmann::json j = nlohmann::json::parse(in);
    return j.is_array() ? j : nlohmann::json::array();
  } catch (const std::exception&) {
    return nlohmann::json::array();
  }
}

void appendRun(const std::string& folder, const ReproRunInfo& info, const std::string& outcome) {
  nlohmann::json runs = readRuns(folder);
  runs.push_back({{"started", info.startedAt},
                  {"wall_seconds", info.wallSeconds},
                  {"outcome", outcome},
                  {"threads", threadCount()},
                  {"command", info.command}});
  writeFileAtomically(folder + "/runs.json", runs.dump(2) + "\n");
}

double elapsedSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void runRepro(const ReproOptions& o) {
  const auto start = std::chrono::steady_clock::now();
  ReproRunInfo info;
  info.command = o.command;
  info.startedAt = utcNow();
  info.resumed = std::filesystem::exists(o.out + "/models") && !std::filesystem::is_empty(o.out + "/models");
  ReproContext ctx(o.out, o.quick ? ReproSettings::quick() : ReproSettings::full(), !o.quiet);
  g_reproStop = &ctx.stopToken();
  std::signal(SIGINT, onReproSigint);
  std::cerr << "repro: " << ctx.settings().mode << " run into " << o.out
            << (info.resumed ? " (resuming: finished parts are reused)" : "") << "; Ctrl+C stops, re-running resumes\n";
  nlohmann::json results;
  try {
    results = runReproExperiments(ctx);
  } catch (const ReproInterrupted& e) {
    ctx.finish();
    g_reproStop = nullptr;
    info.wallSeconds = elapsedSince(start);
    appendRun(o.out, info, "interrupted");
    throw Error(e.what());
  }
  ctx.finish();
  g_reproStop = nullptr;
  std::signal(SIGINT, SIG_DFL);

  const FigureApplication app;  // figures need Qt; offscreen without a display
  std::cerr << "repro: rendering figures…\n";
  const std::vector<ReproFigure> figures = renderReproFigures(ctx, results);
  writeTable1Csv(ctx.path("table1.csv"), results);
  writeTable2Csv(ctx.path("table2.csv"), results);
  results["settings_mode"] = ctx.settings().mode;
  writeFileAtomically(ctx.path("results.json"), results.dump(2) + "\n");
  info.wallSeconds = elapsedSince(start);
  appendRun(o.out, info, "completed");
  writeReproReport(ctx, results, figures, info, readRuns(o.out));
  std::cout << "report   " << ctx.path("report.md") << "\ntables   " << ctx.path("table1.csv") << ", "
            << ctx.path("table2.csv") << "\nfigures  " << figures.size() << " in " << ctx.path("figures")
            << "\nwall     " << formatDuration(info.wallSeconds) << "\n";
  // Bengio et al. 2015's Table 2 rows: the one result of section 4 worth a line here.
  for (const auto& t : results["table2"])
    if (t.value("kind", "") == "targetprop")
      std::printf("tp       %-8s Parzen LL %.1f ± %.1f (σ %.2g, %s; paper %.0f, Δ %+.1f)\n",
                  t["mode"].get<std::string>().c_str(), t["ll_mean"].get<double>(), t["ll_se"].get<double>(),
                  t["sigma"].get<double>(), t["prior"].get<std::string>().c_str(), t["paper"].get<double>(),
                  t["difference"].get<double>());
}

}  // namespace

void addReproCommand(CLI::App& app) {
  auto o = std::make_shared<ReproOptions>();
  CLI::App* cmd =
      app.add_subcommand("repro", "Reproduce the paper's tables and figures (report.md, CSV, figures, models)");
  cmd->add_option("--out", o->out, "results folder (re-running with the same folder resumes)")->capture_default_str();
  cmd->add_flag("--quick", o->quick, "the same pipeline on small subsets and few epochs (a few minutes)");
  cmd->add_flag("--quiet", o->quiet, "no progress line");
  cmd->callback([o, cmd] {
    ReproOptions opts = *o;
    opts.command = "vpf repro" + std::string(opts.quick ? " --quick" : "") + " --out " + opts.out;
    (void)cmd;
    runRepro(opts);
  });
}

}  // namespace vpf::cli
