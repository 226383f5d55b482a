#include "core/early_inference/dynamics.h"

#include <cmath>
#include <limits>

#include "core/common/error.h"

namespace vpf::early_inference {

namespace {

RowVectorD primeOf(Rho kind, const RowVectorD& s) {
  return s.unaryExpr([kind](double v) { return rhoPrime(kind, v); });
}

double noiseScale(const DynamicsSettings& s) {
  if (s.noiseLevel == 0) return 0;
  return s.noiseKind == NoiseKind::Injected ? s.noiseLevel : std::sqrt(2 * s.eps * s.noiseLevel);
}

double kinkDistance(double v) { return std::min(v - kBeta1, kBeta2 - v); }

}  // namespace

std::string nudgeName(const Nudge& nudge) {
  if (nudge.kind == NudgeKind::Drive) return "drive";
  std::string b = std::to_string(nudge.beta);
  return "weak:" + b;
}

Nudge parseNudge(const std::string& text) {
  if (text == "drive") return {};
  if (text.rfind("weak:", 0) == 0) {
    const std::string number = text.substr(5);
    std::size_t used = 0;
    double beta = 0;
    try {
      beta = std::stod(number, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == number.size() && used > 0 && beta > 0 && std::isfinite(beta)) return {NudgeKind::Weak, beta};
  }
  throw Error("unknown nudge '" + text + "' (expected drive or weak:B with B > 0)");
}

void DynamicsSettings::validate() const {
  if (!(eps > 0 && eps <= 1)) throw Error("early inference: ε must lie in (0, 1]");
  if (!(noiseLevel >= 0 && std::isfinite(noiseLevel))) throw Error("early inference: the noise level must be ≥ 0");
  if (nudge.kind == NudgeKind::Weak && !(nudge.beta > 0)) throw Error("early inference: the weak nudge needs β > 0");
}

NoiseSource::NoiseSource(const Network& net, double scale, std::uint64_t seed) : m_scale(scale), m_rng(seed, 2) {
  for (int n : net.sizes) m_noise.push_back(RowVectorD::Zero(n));
}

const State& NoiseSource::next() {
  for (std::size_t l = 1; l < m_noise.size(); ++l)
    for (Eigen::Index i = 0; i < m_noise[l].size(); ++i) m_noise[l][i] = m_scale * m_rng.normal();
  return m_noise;
}

DisplacementDynamics::DisplacementDynamics(const Network& net, const State& fixedPoint, const RowVectorD& target,
                                           const DynamicsSettings& settings)
    : m_net(net),
      m_settings(settings),
      m_base(fixedPoint),
      m_target(target),
      m_fixedOutput(fixedPoint.back()),
      m_error(target - fixedPoint.back()),
      m_source(net, noiseScale(settings), settings.noiseSeed),
      m_margin(net.rho == Rho::HardSigmoid ? std::numeric_limits<double>::infinity()
                                           : std::numeric_limits<double>::quiet_NaN()) {
  settings.validate();
  for (int n : net.sizes) {
    m_u.push_back(RowVectorD::Zero(n));
    m_noise.push_back(RowVectorD::Zero(n));
  }
  for (int l = 0; l <= net.layers(); ++l) {
    m_field.push_back(field(net, fixedPoint, l));
    m_prime.push_back(primeOf(net.rho, fixedPoint[std::size_t(l)]));
  }
}

void DisplacementDynamics::step() {
  const Network& net = m_net;
  const int L = net.layers();
  const double eps = m_settings.eps;
  const bool noisy = m_settings.noiseLevel > 0;
  const bool injected = noisy && m_settings.noiseKind == NoiseKind::Injected;
  if (noisy) m_noise = m_source.next();

  // s̃: the free run's argument of R.
  State arg = m_base;
  if (injected)
    for (int l = 1; l <= L; ++l) arg[std::size_t(l)] += m_noise[std::size_t(l)];

  std::vector<RowVectorD> dv(std::size_t(L + 1)), dp(std::size_t(L + 1));
  dv[0] = RowVectorD::Zero(net.sizes[0]);
  for (int l = 1; l <= L; ++l) {
    const auto i = static_cast<std::size_t>(l);
    dv[i].resize(net.sizes[i]);
    dp[i].resize(net.sizes[i]);
    for (Eigen::Index j = 0; j < dv[i].size(); ++j) {
      const RhoChange c = rhoChange(net.rho, arg[i][j], m_u[i][j]);
      dv[i][j] = c.value;
      dp[i][j] = c.prime;
      if (net.rho == Rho::HardSigmoid)
        m_margin = std::min({m_margin, kinkDistance(arg[i][j]), kinkDistance(arg[i][j] + m_u[i][j])});
    }
  }

  State next = m_u;
  for (int l = 1; l <= L; ++l) {
    const auto i = static_cast<std::size_t>(l);
    RowVectorD dF = RowVectorD::Zero(net.sizes[i]);
    if (l > 1) dF += dv[i - 1] * net.weights[i - 1];
    if (l < L) dF += dv[i + 1] * net.feedback[i].transpose();
    const RowVectorD f = noisy ? field(net, arg, l) : m_field[i];
    const RowVectorD p = noisy ? primeOf(net.rho, arg[i]) : m_prime[i];
    const RowVectorD dR = dp[i].cwiseProduct(f + dF) + p.cwiseProduct(dF);
    if (l < L) {
      next[i] = m_u[i] + eps * (dR - m_u[i]);
    } else if (m_settings.nudge.kind == NudgeKind::Drive) {
      next[i] = m_u[i] + eps * (m_error - m_u[i]);
    } else {
      const RowVectorD toTarget = noisy ? RowVectorD(m_target - m_base[i]) : m_error;
      next[i] = m_u[i] + eps * (dR - m_u[i]) + eps * m_settings.nudge.beta * (toTarget - m_u[i]);
    }
  }

  if (noisy) {
    // The free partner: hidden layers follow R(s̃); y is driven toward ŷ (Drive) or follows R (Weak).
    const State r = drive(net, injected ? arg : m_base);
    for (int l = 1; l <= L; ++l) {
      const auto i = static_cast<std::size_t>(l);
      const bool drivenOutput = l == L && m_settings.nudge.kind == NudgeKind::Drive;
      m_base[i] += eps * ((drivenOutput ? m_fixedOutput : r[i]) - m_base[i]);
      if (!injected) m_base[i] += m_noise[i];
    }
  }
  m_u = std::move(next);
  ++m_t;
}

OutputRule nudgedRule(const Nudge& nudge, const RowVectorD& target) {
  if (nudge.kind == NudgeKind::Drive) return {OutputRule::Drive, target, 0};
  return {OutputRule::Weak, target, nudge.beta};
}

OutputRule freeRule(const Nudge& nudge, const RowVectorD& fixedOutput) {
  if (nudge.kind == NudgeKind::Drive) return {OutputRule::Drive, fixedOutput, 0};
  return {OutputRule::FollowR, RowVectorD(), 0};
}

StateDynamics::StateDynamics(const Network& net, const State& start, const OutputRule& output,
                             const DynamicsSettings& settings)
    : m_net(net),
      m_settings(settings),
      m_output(output),
      m_s(start),
      m_source(net, noiseScale(settings), settings.noiseSeed) {
  settings.validate();
  for (int n : net.sizes) m_noise.push_back(RowVectorD::Zero(n));
}

void StateDynamics::step() {
  const int L = m_net.layers();
  const double eps = m_settings.eps;
  const bool noisy = m_settings.noiseLevel > 0;
  const bool injected = noisy && m_settings.noiseKind == NoiseKind::Injected;
  if (noisy) m_noise = m_source.next();
  State arg = m_s;
  if (injected)
    for (int l = 1; l <= L; ++l) arg[std::size_t(l)] += m_noise[std::size_t(l)];
  const State r = drive(m_net, arg);
  for (int l = 1; l <= L; ++l) {
    const auto i = static_cast<std::size_t>(l);
    RowVectorD& s = m_s[i];
    if (l < L || m_output.kind == OutputRule::FollowR)
      s += eps * (r[i] - s);
    else if (m_output.kind == OutputRule::Drive)
      s += eps * (m_output.target - s);
    else
      s += eps * (r[i] - s) + eps * m_output.beta * (m_output.target - s);
    if (noisy && !injected) s += m_noise[i];
  }
  ++m_t;
}

}  // namespace vpf::early_inference
