#pragma once
// Small random machines and states for the core tests.
#include "core/common/rng.h"
#include "core/model/boltzmann_machine.h"

namespace vpf::testing {

/// Random parameters N(0, scale²); intra-layer weights symmetric with zero diagonal.
template <typename S>
BasicBoltzmannMachine<S> randomMachine(const std::vector<int>& sizes, bool intra, Rng& rng, double scale = 0.5) {
  auto m = BasicBoltzmannMachine<S>::zeros(sizes, intra);
  for (auto& w : m.W)
    for (Eigen::Index i = 0; i < w.size(); ++i) w.data()[i] = static_cast<S>(scale * rng.normal());
  for (auto& b : m.b)
    for (Eigen::Index i = 0; i < b.size(); ++i) b.data()[i] = static_cast<S>(scale * rng.normal());
  for (auto& l : m.L) {
    for (Eigen::Index i = 0; i < l.rows(); ++i)
      for (Eigen::Index j = i + 1; j < l.cols(); ++j) l(i, j) = l(j, i) = static_cast<S>(scale * rng.normal());
  }
  return m;
}

/// Random binary states, one N × n_l matrix per layer.
template <typename S>
std::vector<MatrixT<S>> randomStates(const std::vector<int>& sizes, int n, Rng& rng) {
  std::vector<MatrixT<S>> y;
  for (int s : sizes) {
    MatrixT<S> m(n, s);
    for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = rng.uniform() < 0.5f ? S(1) : S(0);
    y.push_back(m);
  }
  return y;
}

/// Every binary vector of length n as rows (2^n × n), bit i of the row index = unit i.
inline Matrix allBinaryStates(int n) {
  Matrix s(1 << n, n);
  for (int r = 0; r < (1 << n); ++r)
    for (int i = 0; i < n; ++i) s(r, i) = (r >> i) & 1 ? 1.0f : 0.0f;
  return s;
}

}  // namespace vpf::testing
