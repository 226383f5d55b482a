#include "core/early_inference/sweep.h"

#include <chrono>
#include <cmath>
#include <limits>

#include "core/common/error.h"
#include "core/io/csv_writer.h"

namespace vpf::early_inference {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double cosine(const RowVectorD& a, const RowVectorD& b) {
  const double na = a.norm(), nb = b.norm();
  if (na == 0 || nb == 0) return kNaN;
  return a.dot(b) / (na * nb);
}

double cosineFrobenius(const MatrixD& a, const MatrixD& b) {
  const double na = a.norm(), nb = b.norm();
  if (na == 0 || nb == 0) return kNaN;
  return a.cwiseProduct(b).sum() / (na * nb);
}

// log C(t, m)
double logBinomial(int t, int m) { return std::lgamma(t + 1.0) - std::lgamma(m + 1.0) - std::lgamma(t - m + 1.0); }

RowVectorD rhoAt(Rho kind, const RowVectorD& s, const RowVectorD& u) {
  RowVectorD r(s.size());
  for (Eigen::Index i = 0; i < s.size(); ++i) r[i] = rho(kind, s[i]) + rhoChange(kind, s[i], u[i]).value;
  return r;
}

}  // namespace

void SweepSettings::validate() const {
  experiment.network.validate();
  if (!(epsMin > 0 && epsMax >= epsMin && epsMax <= 1)) throw Error("early inference: --eps needs 0 < min ≤ max ≤ 1");
  if (epsCount < 1 || (epsCount == 1 && epsMax != epsMin))
    throw Error("early inference: --eps needs at least one value (two for a range)");
  if (!(horizon > 0)) throw Error("early inference: the horizon must be positive");
  if (maxSteps < 1) throw Error("early inference: --steps must be at least 1");
  if (runs < 1) throw Error("early inference: --runs must be at least 1");
  dynamics(epsMin).validate();
}

DynamicsSettings SweepSettings::dynamics(double eps, int run) const {
  DynamicsSettings d;
  d.eps = eps;
  d.nudge = nudge;
  d.noiseKind = noiseKind;
  d.noiseLevel = noiseLevel;
  d.noiseSeed = noiseSeed + static_cast<std::uint64_t>(run);
  return d;
}

std::vector<double> logspace(double lo, double hi, int count) {
  if (count == 1) return {lo};
  std::vector<double> v;
  const double a = std::log10(lo), b = std::log10(hi);
  for (int i = 0; i < count; ++i) v.push_back(std::pow(10.0, a + (b - a) * i / (count - 1)));
  return v;
}

int stepsFor(double eps, double horizon, int maxSteps) {
  const double t = std::ceil(horizon / eps);
  return t >= maxSteps ? maxSteps : std::max(1, static_cast<int>(t));
}

double LayerTrace::cosineAt(int t) const {
  if (t < 0 || t >= static_cast<int>(cosBp.size())) return kNaN;
  return cosBp[std::size_t(t)];
}

EpsilonRun runEpsilon(const Experiment& experiment, const Backprop& backprop, const State& equilibrium,
                      const SweepSettings& settings, double eps, int steps, const std::function<bool(double)>& progress,
                      bool* completed) {
  const Network& net = experiment.net;
  const State& fp = experiment.fixedPoint.state;
  const int L = net.layers();
  const double strength = settings.nudge.strength();
  EpsilonRun run;
  run.eps = eps;
  run.steps = steps;

  std::vector<DisplacementDynamics> dyn;
  for (int r = 0; r < settings.runs; ++r) dyn.emplace_back(net, fp, experiment.target, settings.dynamics(eps, r));
  std::vector<StateDynamics> stateRuns;
  if (settings.stateForm) {
    const DynamicsSettings d = settings.dynamics(eps, 0);
    stateRuns.emplace_back(net, fp, nudgedRule(settings.nudge, experiment.target), d);
    stateRuns.emplace_back(net, fp, freeRule(settings.nudge, fp.back()), d);
  }

  std::vector<MatrixD> minusGradW, stdp;  // indexed by k: the weights W_{L−k−1} into layer L−k
  for (int k = 0; k < L; ++k) {
    LayerTrace tr;
    tr.k = k;
    tr.layer = L - k;
    tr.g = backprop.g(k);
    tr.normG = tr.g.norm();
    tr.firstArrival = RowVectorD::Zero(tr.g.size());
    tr.relativeError = tr.cosFirstArrival = tr.cosStdpFirstArrival = kNaN;
    for (auto* v : {&tr.normD, &tr.cosBp, &tr.cosInf, &tr.relErr, &tr.cosStdp}) v->reserve(std::size_t(steps + 1));
    run.layers.push_back(std::move(tr));
    const auto w = static_cast<std::size_t>(L - k - 1);
    minusGradW.push_back(-backprop.costGradientW[w]);
    stdp.push_back(MatrixD::Zero(net.sizes[w], net.sizes[w + 1]));
  }

  State mean = dyn[0].displacement(), previous = mean;
  auto record = [&](int t) {
    for (int k = 0; k < L; ++k) {
      LayerTrace& tr = run.layers[std::size_t(k)];
      const RowVectorD& d = mean[std::size_t(L - k)];
      tr.normD.push_back(d.norm());
      const bool arrived = t > k;
      tr.cosBp.push_back(arrived ? cosine(d, -tr.g) : kNaN);
      tr.cosInf.push_back(arrived ? cosine(d, equilibrium[std::size_t(L - k)]) : kNaN);
      double rel = kNaN;
      if (arrived) {
        const double amp = t == k + 1 ? strength * std::pow(eps, k + 1)
                                      : strength * std::exp((k + 1) * std::log(eps) + logBinomial(t, k + 1));
        rel = (d + amp * tr.g).norm() / (amp * tr.normG);
      }
      tr.relErr.push_back(rel);
      if (t > 0) {
        const auto pre = static_cast<std::size_t>(L - k - 1);
        stdp[std::size_t(k)] += rhoAt(net.rho, fp[pre], previous[pre]).transpose() * (d - previous[std::size_t(L - k)]);
      }
      tr.cosStdp.push_back(arrived ? cosineFrobenius(stdp[std::size_t(k)], minusGradW[std::size_t(k)]) : kNaN);
      if (t == k + 1) {
        tr.firstArrival = d;
        tr.relativeError = rel;
        tr.cosFirstArrival = tr.cosBp.back();
        tr.cosStdpFirstArrival = tr.cosStdp.back();
      }
      if (!stateRuns.empty()) {
        const RowVectorD ds = stateRuns[0].state()[std::size_t(L - k)] - stateRuns[1].state()[std::size_t(L - k)];
        tr.normDState.push_back(ds.norm());
        tr.stateFormError.push_back(tr.normD.back() > 0 ? (ds - d).norm() / tr.normD.back() : kNaN);
      }
    }
  };
  record(0);
  if (completed) *completed = true;
  for (int t = 1; t <= steps; ++t) {
    previous = mean;
    for (auto& d : dyn) d.step();
    for (auto& s : stateRuns) s.step();
    mean = dyn[0].displacement();
    if (dyn.size() > 1) {
      for (std::size_t r = 1; r < dyn.size(); ++r)
        for (int l = 1; l <= L; ++l) mean[std::size_t(l)] += dyn[r].displacement()[std::size_t(l)];
      for (int l = 1; l <= L; ++l) mean[std::size_t(l)] /= static_cast<double>(dyn.size());
    }
    record(t);
    if (progress && (t % 256 == 0) && !progress(double(t) / steps)) {
      if (completed) *completed = false;
      break;
    }
  }
  run.smallestMargin = dyn[0].smallestMargin();
  for (const auto& d : dyn) run.smallestMargin = std::min(run.smallestMargin, d.smallestMargin());
  return run;
}

SweepResult runSweep(const SweepSettings& settings, const std::function<bool(double)>& progress) {
  settings.validate();
  const auto start = std::chrono::steady_clock::now();
  SweepResult result;
  result.experiment = setUpExperiment(settings.experiment);
  const Experiment& e = result.experiment;
  result.backprop = layeredBackprop(e.net, e.fixedPoint.state, e.target);
  result.equilibrium = equilibriumResponse(e.net, e.fixedPoint.state, e.target, settings.nudge);
  const std::vector<double> grid = logspace(settings.epsMin, settings.epsMax, settings.epsCount);
  double total = 0;
  for (double eps : grid) total += stepsFor(eps, settings.horizon, settings.maxSteps);
  double done = 0;
  for (double eps : grid) {
    const int steps = stepsFor(eps, settings.horizon, settings.maxSteps);
    bool completed = true;
    auto inner = [&](double f) { return !progress || progress((done + f * steps) / total); };
    EpsilonRun run = runEpsilon(e, result.backprop, result.equilibrium, settings, eps, steps, inner, &completed);
    if (!completed) {
      result.cancelled = true;
      break;
    }
    result.runs.push_back(std::move(run));
    done += steps;
    if (progress && !progress(done / total)) {
      result.cancelled = result.runs.size() < grid.size();
      break;
    }
  }
  result.slopes = fitSlopes(result.runs);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

std::vector<double> firstArrivalErrors(const Experiment& experiment, const Backprop& backprop,
                                       const DynamicsSettings& dynamics) {
  const int L = experiment.net.layers();
  DisplacementDynamics dyn(experiment.net, experiment.fixedPoint.state, experiment.target, dynamics);
  std::vector<double> r(std::size_t(L), kNaN);
  const double s = dynamics.nudge.strength();
  for (int t = 1; t <= L; ++t) {
    dyn.step();
    const int k = t - 1;
    const RowVectorD& d = dyn.displacement()[std::size_t(L - k)];
    const double amp = s * std::pow(dynamics.eps, k + 1);
    r[std::size_t(k)] = (d + amp * backprop.g(k)).norm() / (amp * backprop.g(k).norm());
  }
  return r;
}

std::vector<SlopeFit> fitSlopes(const std::vector<EpsilonRun>& runs) {
  std::vector<SlopeFit> fits;
  if (runs.empty()) return fits;
  for (std::size_t k = 0; k < runs[0].layers.size(); ++k) {
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    int n = 0;
    for (const EpsilonRun& run : runs) {
      const double norm = run.layers[k].firstArrival.norm();
      if (!(norm > 0) || !std::isfinite(norm)) continue;
      const double x = std::log(run.eps), y = std::log(norm);
      sx += x, sy += y, sxx += x * x, sxy += x * y, ++n;
    }
    SlopeFit f;
    f.k = static_cast<int>(k);
    f.points = n;
    const double den = n * sxx - sx * sx;
    f.slope = n >= 2 && den > 0 ? (n * sxy - sx * sy) / den : kNaN;
    f.intercept = n >= 2 && den > 0 ? (sy - f.slope * sx) / n : kNaN;
    fits.push_back(f);
  }
  return fits;
}

const std::vector<std::string>& csvHeader() {
  static const std::vector<std::string> header{"eps",    "t",      "layer",   "k",     "norm_d",
                                               "norm_g", "cos_bp", "cos_inf", "relerr"};
  return header;
}

std::vector<CsvRow> csvRows(const SweepResult& result) {
  std::vector<CsvRow> rows;
  for (const EpsilonRun& run : result.runs)
    for (int t = 0; t <= run.steps; ++t)
      for (const LayerTrace& tr : run.layers) {
        if (t >= static_cast<int>(tr.normD.size())) continue;
        const auto i = static_cast<std::size_t>(t);
        rows.push_back({run.eps, t, tr.layer, tr.k, tr.normD[i], tr.normG, tr.cosBp[i], tr.cosInf[i], tr.relErr[i]});
      }
  return rows;
}

CsvWriter csvTable(const SweepResult& result) {
  CsvWriter csv(csvHeader());
  for (const CsvRow& r : csvRows(result))
    csv.addRow(std::vector<double>{r.eps, double(r.t), double(r.layer), double(r.k), r.normD, r.normG, r.cosBp,
                                   r.cosInf, r.relErr});
  return csv;
}

}  // namespace vpf::early_inference
