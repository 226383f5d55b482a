// vpf early-inference: Bengio & Fischer 2015's claim measured (DESIGN §19, spec B3, C2). From the free
// fixed point of a layered symmetric network, nudge the output toward a target and integrate the
// displacement; per hidden layer k the first arrival d_k(k+1) should equal −ε^{k+1}·∂C/∂h_k, the
// back-propagated gradient. Prints per k the fitted slope of log‖d_k(k+1)‖ against log ε (predicted
// k+1), r_k at ε = 1e−2 and 1e−4, and the cosine with −g_k at t = k+1, 0.1τ, τ, 5τ (τ = 1/ε, ε = 1e−2).
#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/cli_support.h"
#include "cli/commands.h"
#include "cli/figure_application.h"
#include "core/common/error.h"
#include "core/early_inference/sweep.h"
#include "core/io/csv_writer.h"
#include "figures/early_inference_figure.h"

namespace vpf::cli {

namespace {

using namespace vpf::early_inference;

// The ε of the per-layer readouts that are not a sweep (r_k, the cosines over time): spec C2.
constexpr double kReadoutEps = 1e-2;
constexpr double kSmallEps = 1e-4;

struct EarlyInferenceOptions {
  std::vector<int> sizes{16, 32, 32, 32, 8};
  std::string rho = "hard", eps = "1e-4:0.31622776601683794:15", nudge = "drive", noiseKind = "injected";
  double radius = 0.5, offset = 0.1, margin = 0.02, asymmetry = 0, noise = 0, horizon = 5;
  std::uint64_t seed = 1;
  int steps = 2000, runs = 1;
  bool stateForm = false, json = false;
  std::string out, figure;
};

/// "lo:hi:count" or one value.
void parseEpsGrid(const std::string& text, SweepSettings& s) {
  std::vector<std::string> parts;
  std::stringstream in(text);
  for (std::string part; std::getline(in, part, ':');) parts.push_back(part);
  try {
    if (parts.size() == 1) {
      s.epsMin = s.epsMax = std::stod(parts[0]);
      s.epsCount = 1;
      return;
    }
    if (parts.size() == 3) {
      std::size_t used = 0;
      s.epsMin = std::stod(parts[0]);
      s.epsMax = std::stod(parts[1]);
      s.epsCount = std::stoi(parts[2], &used);
      if (used == parts[2].size()) return;
    }
  } catch (const std::exception&) {
  }
  throw CLI::ValidationError("--eps", "expected MIN:MAX:COUNT or one value, got '" + text + "'");
}

SweepSettings sweepSettings(const EarlyInferenceOptions& o) {
  SweepSettings s;
  NetworkSpec& net = s.experiment.network;
  net.sizes = o.sizes;
  net.radius = o.radius;
  net.asymmetry = o.asymmetry;
  net.seed = o.seed;
  s.experiment.targetOffset = o.offset;
  s.experiment.fixedPoint.margin = o.margin;
  parseEpsGrid(o.eps, s);
  s.horizon = o.horizon;
  s.maxSteps = o.steps;
  s.noiseKind = o.noiseKind == "langevin" ? NoiseKind::Langevin : NoiseKind::Injected;
  s.noiseLevel = o.noise;
  s.runs = o.runs;
  s.noiseSeed = o.seed;
  s.stateForm = o.stateForm;
  try {
    net.rho = parseRho(o.rho);
    s.nudge = parseNudge(o.nudge);
    s.validate();
  } catch (const Error& e) {
    throw CLI::ValidationError(e.what());  // inconsistent arguments are a usage error (exit 2)
  }
  return s;
}

/// The per-layer readouts at one ε that need their own run: the cosines over time at ε = 1e−2 (to
/// t = 5τ) and r_k at 1e−2 and 1e−4 (first arrivals only).
struct LayerReadout {
  int k = 0, layer = 0;
  double slope = NAN, predicted = 0, relErrAt1e2 = NAN, relErrAt1e4 = NAN;
  double cosFirst = NAN, cosTenthTau = NAN, cosTau = NAN, cosFiveTau = NAN, cosInfEnd = NAN, cosStdp = NAN;
};

std::vector<LayerReadout> layerReadouts(const SweepResult& sweep, const SweepSettings& settings) {
  const int fiveTau = static_cast<int>(std::ceil(5 / kReadoutEps));
  const EpsilonRun run =
      runEpsilon(sweep.experiment, sweep.backprop, sweep.equilibrium, settings, kReadoutEps, fiveTau);
  const std::vector<double> r2 =
      firstArrivalErrors(sweep.experiment, sweep.backprop, settings.dynamics(kReadoutEps));
  const std::vector<double> r4 = firstArrivalErrors(sweep.experiment, sweep.backprop, settings.dynamics(kSmallEps));
  std::vector<LayerReadout> out;
  for (const LayerTrace& tr : run.layers) {
    LayerReadout r;
    r.k = tr.k;
    r.layer = tr.layer;
    r.predicted = tr.k + 1;
    if (std::size_t(tr.k) < sweep.slopes.size()) r.slope = sweep.slopes[std::size_t(tr.k)].slope;
    r.relErrAt1e2 = r2[std::size_t(tr.k)];
    r.relErrAt1e4 = r4[std::size_t(tr.k)];
    r.cosFirst = tr.cosFirstArrival;
    r.cosTenthTau = tr.cosineAt(static_cast<int>(std::ceil(0.1 / kReadoutEps)));
    r.cosTau = tr.cosineAt(static_cast<int>(std::ceil(1 / kReadoutEps)));
    r.cosFiveTau = tr.cosineAt(fiveTau);
    r.cosInfEnd = tr.cosInf.empty() ? NAN : tr.cosInf.back();
    r.cosStdp = tr.cosStdpFirstArrival;
    out.push_back(r);
  }
  return out;
}

// JSON has no NaN: undefined measures are null.
nlohmann::json number(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

nlohmann::json toJson(const SweepResult& sweep, const SweepSettings& s, const std::vector<LayerReadout>& layers) {
  const FixedPoint& fp = sweep.experiment.fixedPoint;
  nlohmann::json j;
  j["sizes"] = s.experiment.network.sizes;
  j["rho"] = rhoName(s.experiment.network.rho);
  j["radius"] = s.experiment.network.radius;
  j["asymmetry"] = s.experiment.network.asymmetry;
  j["nudge"] = nudgeName(s.nudge);
  j["noise"] = s.noiseLevel;
  j["runs"] = s.runs;
  j["seed"] = s.experiment.network.seed;
  j["seed_used"] = sweep.experiment.seedUsed;
  j["reseeds"] = sweep.experiment.reseeds;
  j["cost"] = sweep.experiment.cost();
  j["fixed_point"] = {{"residual", fp.residual},
                      {"lambda_min", fp.lambdaMin},
                      {"min_margin", number(fp.minMargin)},
                      {"iterations", fp.iterations},
                      {"newton_steps", fp.newtonSteps}};
  nlohmann::json eps = nlohmann::json::array();
  for (const EpsilonRun& run : sweep.runs) eps.push_back(run.eps);
  j["eps"] = eps;
  nlohmann::json rows = nlohmann::json::array();
  for (const LayerReadout& r : layers)
    rows.push_back({{"k", r.k},
                    {"layer", r.layer},
                    {"slope", number(r.slope)},
                    {"predicted_slope", r.predicted},
                    {"relerr_1e-2", number(r.relErrAt1e2)},
                    {"relerr_1e-4", number(r.relErrAt1e4)},
                    {"cos_first_arrival", number(r.cosFirst)},
                    {"cos_0.1tau", number(r.cosTenthTau)},
                    {"cos_tau", number(r.cosTau)},
                    {"cos_5tau", number(r.cosFiveTau)},
                    {"cos_inf_end", number(r.cosInfEnd)},
                    {"cos_stdp_first_arrival", number(r.cosStdp)}});
  j["layers"] = rows;
  j["seconds"] = sweep.seconds;
  return j;
}

void printTable(const SweepResult& sweep, const std::vector<LayerReadout>& layers) {
  char line[320];
  std::snprintf(line, sizeof line, "%2s %5s %7s %5s %10s %10s %9s %9s %9s %9s %9s %9s\n", "k", "layer", "slope",
                "pred", "r(1e-2)", "r(1e-4)", "cos(k+1)", "cos(.1τ)", "cos(τ)", "cos(5τ)", "cos(u∞)", "cos(ΔW)");
  std::cout << line;
  for (const LayerReadout& r : layers) {
    std::snprintf(line, sizeof line, "%2d %5d %7.4f %5.0f %10.3g %10.3g %9.6f %9.6f %9.6f %9.6f %9.6f %9.6f\n", r.k,
                  r.layer, r.slope, r.predicted, r.relErrAt1e2, r.relErrAt1e4, r.cosFirst, r.cosTenthTau, r.cosTau,
                  r.cosFiveTau, r.cosInfEnd, r.cosStdp);
    std::cout << line;
  }
  const FixedPoint& fp = sweep.experiment.fixedPoint;
  std::snprintf(line, sizeof line,
                "fixed point: residual %.3g, λ_min(I − J_ff) %.4f, smallest margin to a kink %.4f, %d iterations "
                "+ %d Newton, %d reseeds (seed %llu); C = %.6g; %zu ε in %.2f s\n",
                fp.residual, fp.lambdaMin, fp.minMargin, fp.iterations, fp.newtonSteps, sweep.experiment.reseeds,
                static_cast<unsigned long long>(sweep.experiment.seedUsed), sweep.experiment.cost(), sweep.runs.size(),
                sweep.seconds);
  std::cout << line;
  std::cout << "k = distance from the output y; cos at ε = 1e-2, τ = 1/ε = 100 steps; cos(ΔW): the Eq. 26 update "
               "against −∂C/∂W at first arrival\n";
}

void runEarlyInference(const EarlyInferenceOptions& o) {
  const SweepSettings settings = sweepSettings(o);
  Progress progress("early inference");
  const SweepResult sweep = runSweep(settings, [&](double f) {
    progress.update(f);
    return true;
  });
  progress.finish();
  const std::vector<LayerReadout> layers = layerReadouts(sweep, settings);
  if (!o.out.empty()) csvTable(sweep).save(o.out);
  if (!o.figure.empty()) {
    // P3–P6 at the readout ε (1e−2): the run the table's cosines come from.
    const FigureApplication app;
    const int fiveTau = static_cast<int>(std::ceil(5 / kReadoutEps));
    const EpsilonRun focus =
        runEpsilon(sweep.experiment, sweep.backprop, sweep.equilibrium, settings, kReadoutEps, fiveTau);
    saveEarlyInferenceFigure({&sweep, &focus, settings.nudge.strength()}, QString::fromStdString(o.figure));
  }
  if (o.json)
    std::cout << toJson(sweep, settings, layers).dump(2) << "\n";
  else
    printTable(sweep, layers);
}

}  // namespace

void addEarlyInferenceCommand(CLI::App& app) {
  auto o = std::make_shared<EarlyInferenceOptions>();
  CLI::App* cmd = app.add_subcommand(
      "early-inference", "Bengio & Fischer 2015: early inference in an energy-based net computes backprop");
  cmd->add_option("--sizes", o->sizes, "layer sizes x,h1,…,y")->delimiter(',')->capture_default_str();
  cmd->add_option("--rho", o->rho, "non-linearity: hard (±½) or sigmoid4 (sigm(4s))")
      ->capture_default_str()
      ->check(CLI::IsMember({"hard", "sigmoid4"}));
  cmd->add_option("--radius", o->radius, "spectral radius of the free–free weights")
      ->capture_default_str()
      ->check(CLI::Range(0.01, 0.99));
  cmd->add_option("--seed", o->seed, "network seed (reseeded upward until the fixed point is interior)")
      ->capture_default_str();
  cmd->add_option("--offset", o->offset, "distance of the target from the free output")
      ->capture_default_str()
      ->check(CLI::Range(1e-12, 1.0));
  cmd->add_option("--margin", o->margin, "distance to a kink required of every free unit at the fixed point (hard ρ)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 0.5));
  cmd->add_option("--eps", o->eps, "ε grid MIN:MAX:COUNT (log spaced) or one ε")->capture_default_str();
  cmd->add_option("--steps", o->steps, "at most this many steps per ε (T = min(⌈horizon/ε⌉, steps))")
      ->capture_default_str()
      ->check(CLI::Range(1, 10000000));
  cmd->add_option("--horizon", o->horizon, "εT, the time in units of τ = 1/ε")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--nudge", o->nudge, "drive (y → y*) or weak:B (β = B)")->capture_default_str();
  cmd->add_option("--asym", o->asymmetry, "asymmetry a of the top-down weights, (1−a)W + aM")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--noise", o->noise, "noise level σ_η (injected) or temperature (langevin)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--noise-kind", o->noiseKind, "injected or langevin")
      ->capture_default_str()
      ->check(CLI::IsMember({"injected", "langevin"}));
  cmd->add_option("--runs", o->runs, "noisy runs averaged (common random numbers within a run)")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  cmd->add_flag("--state-form", o->stateForm, "also integrate the state form (shows the cancellation)");
  cmd->add_option("--out", o->out, "CSV: eps,t,layer,k,norm_d,norm_g,cos_bp,cos_inf,relerr");
  cmd->add_option("--figure", o->figure, "the plots P1–P6 (.png, .svg or .pdf; P3–P6 at ε = 1e-2)");
  cmd->add_flag("--json", o->json, "print JSON");
  cmd->callback([o] { runEarlyInference(*o); });
}

}  // namespace vpf::cli
