#include "core/early_inference/network.h"

#include <Eigen/Eigenvalues>
#include <cmath>
#include <string>

#include "core/common/error.h"
#include "core/common/rng.h"

namespace vpf::early_inference {

namespace {

RowVectorD rhoOf(Rho kind, const RowVectorD& s) {
  return s.unaryExpr([kind](double v) { return rho(kind, v); });
}
RowVectorD rhoPrimeOf(Rho kind, const RowVectorD& s) {
  return s.unaryExpr([kind](double v) { return rhoPrime(kind, v); });
}

MatrixD normalMatrix(int rows, int cols, Rng& rng) {
  MatrixD m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = rng.normal();
  return m;
}

}  // namespace

void NetworkSpec::validate() const {
  if (sizes.size() < 3) throw Error("early inference: --sizes needs x, at least one hidden layer and y");
  for (int n : sizes)
    if (n < 1) throw Error("early inference: every layer size must be at least 1");
  if (!(radius > 0 && radius < 1)) throw Error("early inference: the spectral radius must lie in (0, 1)");
  if (!(asymmetry >= 0 && asymmetry <= 1)) throw Error("early inference: the asymmetry must lie in [0, 1]");
}

int Network::freeUnits() const {
  int n = 0;
  for (int l = 1; l <= layers(); ++l) n += sizes[static_cast<std::size_t>(l)];
  return n;
}

int Network::offset(int layer) const {
  int n = 0;
  for (int l = 1; l < layer; ++l) n += sizes[static_cast<std::size_t>(l)];
  return n;
}

bool Network::symmetric() const {
  for (std::size_t l = 0; l < weights.size(); ++l)
    if (feedback[l] != weights[l]) return false;
  return true;
}

State Network::zeroState() const {
  State s;
  for (int n : sizes) s.push_back(RowVectorD::Zero(n));
  s[0] = input;
  return s;
}

double freeFreeSpectralRadius(const std::vector<MatrixD>& weights) {
  const int L = static_cast<int>(weights.size());
  std::vector<int> offsets(static_cast<std::size_t>(L + 1), 0);  // offsets[l] for free layer l ≥ 1
  int n = 0;
  for (int l = 1; l <= L; ++l) {
    offsets[static_cast<std::size_t>(l)] = n;
    n += static_cast<int>(l < L ? weights[static_cast<std::size_t>(l)].rows()
                                : weights[static_cast<std::size_t>(L - 1)].cols());
  }
  Eigen::MatrixXd m = Eigen::MatrixXd::Zero(n, n);
  for (int l = 1; l < L; ++l) {
    const MatrixD& w = weights[static_cast<std::size_t>(l)];
    const int a = offsets[static_cast<std::size_t>(l)], b = offsets[static_cast<std::size_t>(l + 1)];
    m.block(a, b, w.rows(), w.cols()) = w;
    m.block(b, a, w.cols(), w.rows()) = w.transpose();
  }
  if (n == 0) return 0;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(m, Eigen::EigenvaluesOnly);
  return solver.eigenvalues().cwiseAbs().maxCoeff();
}

Network makeNetwork(const NetworkSpec& spec) {
  spec.validate();
  Network net;
  net.rho = spec.rho;
  net.sizes = spec.sizes;
  const int L = net.layers();
  Rng rng(spec.seed, 0);
  std::vector<MatrixD> random;
  for (int l = 0; l < L; ++l)
    net.weights.push_back(normalMatrix(net.sizes[std::size_t(l)], net.sizes[std::size_t(l + 1)], rng));
  for (int l = 0; l < L; ++l)
    random.push_back(normalMatrix(net.sizes[std::size_t(l)], net.sizes[std::size_t(l + 1)], rng));
  const double radius = freeFreeSpectralRadius(net.weights);
  if (!(radius > 0)) throw Error("early inference: the free–free weights have spectral radius 0");
  net.scale = spec.radius / radius;
  for (int l = 0; l < L; ++l) {
    net.weights[std::size_t(l)] *= net.scale;
    random[std::size_t(l)] *= net.scale;
    net.feedback.push_back(spec.asymmetry == 0 ? net.weights[std::size_t(l)]
                                               : MatrixD((1 - spec.asymmetry) * net.weights[std::size_t(l)] +
                                                         spec.asymmetry * random[std::size_t(l)]));
  }
  for (int l = 0; l <= L; ++l) {
    RowVectorD b = RowVectorD::Zero(net.sizes[std::size_t(l)]);
    if (l > 0) b += net.weights[std::size_t(l - 1)].colwise().sum();
    if (l < L) b += net.feedback[std::size_t(l)].rowwise().sum().transpose();
    b *= -0.5;
    for (Eigen::Index i = 0; i < b.size(); ++i) b[i] += -0.05 + 0.1 * rng.uniformDouble();
    net.biases.push_back(b);
  }
  net.input.resize(net.sizes[0]);
  for (Eigen::Index i = 0; i < net.input.size(); ++i) net.input[i] = -0.4 + 0.8 * rng.uniformDouble();
  return net;
}

RowVectorD field(const Network& net, const State& s, int layer) {
  const auto l = static_cast<std::size_t>(layer);
  RowVectorD f = net.biases[l];
  if (layer > 0) f += rhoOf(net.rho, s[l - 1]) * net.weights[l - 1];
  if (layer < net.layers()) f += rhoOf(net.rho, s[l + 1]) * net.feedback[l].transpose();
  return f;
}

RowVectorD drive(const Network& net, const State& s, int layer) {
  return rhoPrimeOf(net.rho, s[std::size_t(layer)]).cwiseProduct(field(net, s, layer));
}

State drive(const Network& net, const State& s) {
  State r;
  for (int l = 0; l <= net.layers(); ++l) r.push_back(drive(net, s, l));
  return r;
}

double energy(const Network& net, const State& s) {
  double e = 0;
  for (int l = 0; l <= net.layers(); ++l) {
    const auto i = static_cast<std::size_t>(l);
    const RowVectorD p = rhoOf(net.rho, s[i]);
    e += 0.5 * s[i].squaredNorm() - net.biases[i].dot(p);
    if (l < net.layers()) e -= (p * net.weights[i] * rhoOf(net.rho, s[i + 1]).transpose())(0, 0);
  }
  return e;
}

State energyGradient(const Network& net, const State& s) {
  State g;
  for (int l = 0; l <= net.layers(); ++l) {
    const auto i = static_cast<std::size_t>(l);
    RowVectorD f = net.biases[i];
    if (l > 0) f += rhoOf(net.rho, s[i - 1]) * net.weights[i - 1];
    if (l < net.layers()) f += rhoOf(net.rho, s[i + 1]) * net.weights[i].transpose();
    g.push_back(s[i] - rhoPrimeOf(net.rho, s[i]).cwiseProduct(f));
  }
  return g;
}

double residual(const Network& net, const State& s) {
  double worst = 0;
  for (int l = 1; l <= net.layers(); ++l)
    worst = std::max(worst, (drive(net, s, l) - s[std::size_t(l)]).cwiseAbs().maxCoeff());
  return worst;
}

MatrixD freeJacobian(const Network& net, const State& s) {
  const int L = net.layers(), n = net.freeUnits();
  MatrixD j = MatrixD::Zero(n, n);
  std::vector<RowVectorD> d;
  for (int l = 0; l <= L; ++l) d.push_back(rhoPrimeOf(net.rho, s[std::size_t(l)]));
  for (int l = 1; l <= L; ++l) {
    const auto i = static_cast<std::size_t>(l);
    const int a = net.offset(l);
    if (net.rho != Rho::HardSigmoid) {
      const RowVectorD f = field(net, s, l);
      for (int u = 0; u < net.sizes[i]; ++u) j(a + u, a + u) = rhoSecond(net.rho, s[i][u]) * f[u];
    }
    if (l < L) {
      const int b = net.offset(l + 1);
      const MatrixD down = d[i].asDiagonal() * net.feedback[i] * d[i + 1].asDiagonal();           // J_{l←l+1}
      const MatrixD up = d[i + 1].asDiagonal() * net.weights[i].transpose() * d[i].asDiagonal();  // J_{l+1←l}
      j.block(a, b, down.rows(), down.cols()) = down;
      j.block(b, a, up.rows(), up.cols()) = up;
    }
  }
  return j;
}

Eigen::VectorXd stackFree(const Network& net, const State& s) {
  Eigen::VectorXd v(net.freeUnits());
  for (int l = 1; l <= net.layers(); ++l)
    v.segment(net.offset(l), net.sizes[std::size_t(l)]) = s[std::size_t(l)].transpose();
  return v;
}

State unstackFree(const Network& net, const Eigen::VectorXd& v) {
  State s;
  s.push_back(RowVectorD::Zero(net.sizes[0]));
  for (int l = 1; l <= net.layers(); ++l) s.push_back(v.segment(net.offset(l), net.sizes[std::size_t(l)]).transpose());
  return s;
}

}  // namespace vpf::early_inference
