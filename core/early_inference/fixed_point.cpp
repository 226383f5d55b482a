#include "core/early_inference/fixed_point.h"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <Eigen/LU>
#include <cmath>
#include <limits>

namespace vpf::early_inference {

namespace {

// The hard sigmoid's linear solve (see the header).
State linearFixedPoint(const Network& net) {
  const int L = net.layers(), n = net.freeUnits();
  Eigen::MatrixXd a = Eigen::MatrixXd::Identity(n, n);
  Eigen::VectorXd c(n);
  for (int l = 1; l <= L; ++l) {
    const auto i = static_cast<std::size_t>(l);
    const int o = net.offset(l);
    RowVectorD rhs = net.biases[i];
    if (l == 1) {
      rhs += net.input.unaryExpr([&](double v) { return rho(net.rho, v); }) * net.weights[0];
    } else {
      rhs += 0.5 * net.weights[i - 1].colwise().sum();
      a.block(o, net.offset(l - 1), net.sizes[i], net.sizes[i - 1]) -= net.weights[i - 1].transpose();
    }
    if (l < L) {
      rhs += 0.5 * net.feedback[i].rowwise().sum().transpose();
      a.block(o, net.offset(l + 1), net.sizes[i], net.sizes[i + 1]) -= net.feedback[i];
    }
    c.segment(o, net.sizes[i]) = rhs.transpose();
  }
  const Eigen::VectorXd s =
      net.symmetric() ? Eigen::VectorXd(a.ldlt().solve(c)) : Eigen::VectorXd(a.partialPivLu().solve(c));
  State state = unstackFree(net, s);
  state[0] = net.input;
  return state;
}

}  // namespace

Relaxation relax(const Network& net, const State& start, double eps, double tolerance, int maxIterations) {
  Relaxation r;
  r.state = start;
  r.residual = residual(net, r.state);
  while (r.residual >= tolerance && r.iterations < maxIterations) {
    const State target = drive(net, r.state);
    for (int l = 1; l <= net.layers(); ++l) {
      RowVectorD& s = r.state[std::size_t(l)];
      s += eps * (target[std::size_t(l)] - s);
    }
    ++r.iterations;
    r.residual = residual(net, r.state);
  }
  r.converged = r.residual < tolerance;
  return r;
}

double stabilityMargin(const Network& net, const State& s) {
  const MatrixD j = freeJacobian(net, s);
  const Eigen::MatrixXd m = Eigen::MatrixXd::Identity(j.rows(), j.cols()) - Eigen::MatrixXd(j);
  if (net.symmetric()) {
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(0.5 * (m + m.transpose()), Eigen::EigenvaluesOnly);
    return solver.eigenvalues().minCoeff();
  }
  Eigen::EigenSolver<Eigen::MatrixXd> solver(m, false);
  return solver.eigenvalues().real().minCoeff();
}

double smallestKinkMargin(const Network& net, const State& s) {
  if (net.rho != Rho::HardSigmoid) return std::numeric_limits<double>::quiet_NaN();
  double margin = std::numeric_limits<double>::infinity();
  for (int l = 1; l <= net.layers(); ++l)
    for (double v : s[std::size_t(l)]) margin = std::min({margin, v - kBeta1, kBeta2 - v});
  return margin;
}

FixedPoint solveFixedPoint(const Network& net, const FixedPointSettings& settings) {
  FixedPoint fp;
  if (net.rho == Rho::HardSigmoid) {
    fp.state = linearFixedPoint(net);
    fp.residual = residual(net, fp.state);
    fp.converged = fp.residual <= settings.linearTolerance;
  } else {
    Relaxation r =
        relax(net, net.zeroState(), settings.relaxStep, settings.relaxTolerance, settings.maxRelaxIterations);
    fp.iterations = r.iterations;
    fp.state = r.state;
    fp.residual = r.residual;
    while (r.converged && fp.residual >= settings.newtonTolerance && fp.newtonSteps < settings.maxNewtonSteps) {
      const MatrixD j = freeJacobian(net, fp.state);
      const Eigen::MatrixXd m = Eigen::MatrixXd::Identity(j.rows(), j.cols()) - Eigen::MatrixXd(j);
      const Eigen::VectorXd rhs = stackFree(net, drive(net, fp.state)) - stackFree(net, fp.state);
      const Eigen::VectorXd step = m.partialPivLu().solve(rhs);
      State next = fp.state;
      for (int l = 1; l <= net.layers(); ++l)
        next[std::size_t(l)] += step.segment(net.offset(l), net.sizes[std::size_t(l)]).transpose();
      const double res = residual(net, next);
      ++fp.newtonSteps;
      if (!(res < fp.residual)) break;  // at the rounding floor
      fp.state = next;
      fp.residual = res;
    }
    fp.converged = fp.residual < settings.newtonTolerance;
  }
  fp.lambdaMin = stabilityMargin(net, fp.state);
  fp.minMargin = smallestKinkMargin(net, fp.state);
  fp.interior = net.rho != Rho::HardSigmoid || fp.minMargin > settings.margin;
  return fp;
}

}  // namespace vpf::early_inference
