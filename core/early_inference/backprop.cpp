#include "core/early_inference/backprop.h"

#include <Eigen/LU>

namespace vpf::early_inference {

namespace {

RowVectorD primeOf(Rho kind, const RowVectorD& s) {
  return s.unaryExpr([kind](double v) { return rhoPrime(kind, v); });
}
RowVectorD rhoOf(Rho kind, const RowVectorD& s) {
  return s.unaryExpr([kind](double v) { return rho(kind, v); });
}

}  // namespace

Backprop layeredBackprop(const Network& net, const State& fixedPoint, const RowVectorD& target) {
  const int L = net.layers();
  Backprop bp;
  bp.delta.assign(std::size_t(L + 1), RowVectorD());
  bp.costGradientW.assign(std::size_t(L), MatrixD());
  bp.delta[std::size_t(L)] = fixedPoint.back() - target;
  for (int l = L - 1; l >= 0; --l) {
    const auto i = static_cast<std::size_t>(l);
    const RowVectorD upper = bp.delta[i + 1].cwiseProduct(primeOf(net.rho, fixedPoint[i + 1]));
    bp.delta[i] = (upper * net.weights[i].transpose()).cwiseProduct(primeOf(net.rho, fixedPoint[i]));
    bp.costGradientW[i] = rhoOf(net.rho, fixedPoint[i]).transpose() * upper;
  }
  return bp;
}

double layeredCost(const Network& net, const State& fixedPoint, const RowVectorD& target, int layer,
                   const RowVectorD& v) {
  RowVectorD current = v;
  for (int m = layer; m < net.layers(); ++m) {
    State s = fixedPoint;
    s[std::size_t(m)] = current;
    const auto up = static_cast<std::size_t>(m + 1);
    // R_{m+1} with its input from below through W_m (field() would add the same terms).
    RowVectorD f = net.biases[up] + rhoOf(net.rho, s[up - 1]) * net.weights[up - 1];
    if (m + 1 < net.layers()) f += rhoOf(net.rho, s[up + 1]) * net.feedback[up].transpose();
    current = primeOf(net.rho, s[up]).cwiseProduct(f);
  }
  return 0.5 * (current - target).squaredNorm();
}

State equilibriumResponse(const Network& net, const State& fixedPoint, const RowVectorD& target, const Nudge& nudge) {
  const int L = net.layers(), n = net.freeUnits(), ny = net.sizes.back(), oy = net.offset(L);
  const MatrixD j = freeJacobian(net, fixedPoint);
  const Eigen::VectorXd e = (target - fixedPoint.back()).transpose();
  Eigen::VectorXd u = Eigen::VectorXd::Zero(n);
  if (nudge.kind == NudgeKind::Drive) {
    const int nh = n - ny;
    const Eigen::MatrixXd m = Eigen::MatrixXd::Identity(nh, nh) - Eigen::MatrixXd(j.topLeftCorner(nh, nh));
    const Eigen::VectorXd rhs = Eigen::MatrixXd(j.topRightCorner(nh, ny)) * e;
    u.head(nh) = m.partialPivLu().solve(rhs);
    u.tail(ny) = e;
  } else {
    Eigen::MatrixXd m = Eigen::MatrixXd::Identity(n, n) - Eigen::MatrixXd(j);
    m.bottomRightCorner(ny, ny).diagonal().array() += nudge.beta;
    Eigen::VectorXd rhs = Eigen::VectorXd::Zero(n);
    rhs.segment(oy, ny) = nudge.beta * e;
    u = m.partialPivLu().solve(rhs);
  }
  return unstackFree(net, u);
}

}  // namespace vpf::early_inference
