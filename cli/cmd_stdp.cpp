// vpf stdp: the STDP curves of DESIGN §8 (VPF paper Fig. 1; Bengio et al. 2015 Fig. 1; Bi & Poo
// 1998 fit) as one CSV `curve,dt_ms,dw,stderr`, optionally a figure (PNG/SVG/PDF by extension)
// drawn by the same figure code as the GUI panel.
#include <CLI/CLI.hpp>
#include <QString>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "cli/cli_support.h"
#include "cli/commands.h"
#include "cli/figure_application.h"
#include "core/common/error.h"
#include "core/io/csv_writer.h"
#include "core/stdp/stdp_experiment.h"
#include "figures/stdp_figure.h"

namespace vpf::cli {

namespace {

struct StdpOptions {
  StdpConfig config;
  std::string out, figure, data, slopeDistribution = "normal";
  bool json = false, raw = false;
};

nlohmann::json curveSummary(const StdpCurve& c) {
  double ltp = 0, ltd = 0;  // extreme values on each side of Δt = 0
  for (std::size_t k = 0; k < c.size(); ++k) {
    if (c.dtMs[k] > 0) ltp = std::max(ltp, c.dw[k]);
    if (c.dtMs[k] < 0) ltd = std::min(ltd, c.dw[k]);
  }
  return {{"name", c.name},
          {"label", c.label},
          {"points", c.size()},
          {"scale", c.scale},
          {"max_dw_pre_before_post", ltp},
          {"min_dw_post_before_pre", ltd}};
}

void renderFigure(const std::vector<StdpCurve>& curves, const std::string& path, bool raw) {
  const FigureApplication app;  // figures need Qt; offscreen without a display
  const QString title = raw ? QStringLiteral("STDP (raw Δw, not normalised)")
                            : QStringLiteral("STDP: weight change against spike-time difference");
  saveStdpFigure(curves, QString::fromStdString(path), 900, 560, title, !raw);
}

void runStdpCommand(StdpOptions o) {
  o.config.bengio.slopeDistribution = parseSlopeDistribution(o.slopeDistribution);
  try {
    o.config.validate();
  } catch (const Error& e) {
    throw CLI::ValidationError(e.what());  // inconsistent arguments are a usage error (exit 2)
  }
  // Read the measured points first: a bad file should fail before a long simulation.
  std::optional<StdpCurve> measured;
  if (!o.data.empty()) measured = readMeasuredPoints(o.data);

  Progress progress("stdp");
  std::cerr << "stdp: " << o.config.pairings << " pairings per simulation, seed " << o.config.seed << "\n";
  StdpResult result = runStdp(o.config, [&](double f) {
    progress.update(f);
    return true;
  });
  progress.finish();

  std::vector<StdpCurve> curves = result.curves;
  if (measured) curves.push_back(*measured);
  if (!o.raw) normaliseCurves(curves);
  stdpCurvesCsv(curves).save(o.out);
  if (!o.figure.empty()) renderFigure(curves, o.figure, o.raw);

  const StdpAgreement& a = result.agreement;
  const std::string note = o.raw ? std::string("dw raw (not normalised)") : stdpNormalisationNote();
  if (o.json) {
    nlohmann::json j;
    j["command"] = "stdp";
    j["csv"] = o.out;
    j["figure"] = o.figure.empty() ? nlohmann::json() : nlohmann::json(o.figure);
    j["seed"] = o.config.seed;
    j["pairings"] = o.config.pairings;
    j["normalised"] = !o.raw;
    j["normalisation"] = note;
    j["curves"] = nlohmann::json::array();
    for (const auto& c : curves) j["curves"].push_back(curveSummary(c));
    j["vpf_montecarlo_vs_analytic"] = {{"bins", a.bins},
                                       {"max_abs_z", a.maxAbsZ},
                                       {"max_abs_z_at_ms", a.maxAbsZAtMs},
                                       {"bins_beyond_3_stderr", a.binsDisagreeing}};
    j["bengio2015"] = {{"pre_spikes", result.bengioPairings}, {"post_spikes_in_window", result.bengioSpiked}};
    j["params"] = {{"pre_rate_per_ms", o.config.vpf.preRate},
                   {"post_rate_per_ms", o.config.vpf.postRate},
                   {"slope_distribution", o.slopeDistribution},
                   {"slope_mean_mv_per_ms", o.config.bengio.slopeMean},
                   {"slope_std_mv_per_ms", o.config.bengio.slopeStd},
                   {"gap_max_mv", o.config.bengio.gapMax},
                   {"a_plus", o.config.biPoo.aPlus},
                   {"a_minus", o.config.biPoo.aMinus},
                   {"tau_plus_ms", o.config.biPoo.tauPlus},
                   {"tau_minus_ms", o.config.biPoo.tauMinus},
                   {"range_ms", o.config.binning.rangeMs},
                   {"bin_ms", o.config.binning.binMs}};
    std::cout << j.dump(2) << "\n";
    return;
  }
  char line[256];
  std::cout << "curve            points   scale (divisor)\n";
  for (const auto& c : curves) {
    std::snprintf(line, sizeof line, "%-16s %6zu   %.6g\n", c.name.c_str(), c.size(), c.scale);
    std::cout << line;
  }
  std::snprintf(line, sizeof line,
                "VPF Monte Carlo vs analytic: max |z| = %.2f (at %+.1f ms) over %d bins, %d beyond 3 s.e.\n", a.maxAbsZ,
                a.maxAbsZAtMs, a.bins, a.binsDisagreeing);
  std::cout << line;
  std::snprintf(line, sizeof line, "Bengio 2015: %lld of %lld pre spikes had a post spike within ±%g ms\n",
                static_cast<long long>(result.bengioSpiked), static_cast<long long>(result.bengioPairings),
                o.config.binning.rangeMs);
  std::cout << line << note << "\n"
            << "wrote " << o.out << (o.figure.empty() ? std::string() : " and " + o.figure) << "\n";
}

}  // namespace

void addStdpCommand(CLI::App& app) {
  auto o = std::make_shared<StdpOptions>();
  StdpConfig& c = o->config;
  CLI::App* cmd =
      app.add_subcommand("stdp", "STDP curves: VPF analytic + Monte Carlo, Bengio et al. 2015, Bi & Poo fit");
  cmd->add_option("--out", o->out, "CSV output (curve,dt_ms,dw,stderr)")->required();
  const CLI::Validator figureFormat(
      [](std::string& path) {
        return isStdpFigurePath(QString::fromStdString(path)) ? std::string()
                                                              : "figure must end in .png, .svg or .pdf: " + path;
      },
      "PNG|SVG|PDF");
  cmd->add_option("--figure", o->figure, "figure output (.png, .svg or .pdf)")->check(figureFormat);
  cmd->add_option("--seed", c.seed, "random seed")->capture_default_str();
  cmd->add_option("--pairings", c.pairings, "pairings per simulation")
      ->capture_default_str()
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{2000000000}));
  cmd->add_option("--data", o->data, "measured points to include (CSV: dt_ms,dw[,stderr], header optional)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--pre-rate", c.vpf.preRate, "VPF δ_i: pre neuron's return-to-rest rate (1/ms)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--post-rate", c.vpf.postRate, "VPF δ_j: post neuron's return-to-rest rate (1/ms)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--slope-dist", o->slopeDistribution, "Bengio slope distribution")
      ->capture_default_str()
      ->check(CLI::IsMember({"normal", "uniform"}));
  cmd->add_option("--slope-mean", c.bengio.slopeMean, "Bengio mean slope dV/dt (mV/ms)")->capture_default_str();
  cmd->add_option("--slope-std", c.bengio.slopeStd, "Bengio slope standard deviation (mV/ms)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--gap", c.bengio.gapMax, "Bengio: θ − V(0) ~ U(0, gap] (mV)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--a-plus", c.biPoo.aPlus, "Bi & Poo amplitude A+")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--a-minus", c.biPoo.aMinus, "Bi & Poo amplitude A−")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--range", c.binning.rangeMs, "Δt range ± (ms)")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_option("--bin", c.binning.binMs, "Δt bin width (ms)")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_flag("--raw", o->raw, "write raw Δw (default: each curve normalised to max |Δw| = 1)");
  cmd->add_flag("--json", o->json, "print a JSON summary");
  cmd->callback([o] { runStdpCommand(*o); });
}

}  // namespace vpf::cli
