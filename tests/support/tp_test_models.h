#pragma once
// Small random target-propagation models and inputs for the tests of core/targetprop (double or
// float), with non-zero biases so every term of the maps is exercised.
#include "core/common/rng.h"
#include "core/targetprop/tp_model.h"

namespace vpf::testing {

template <typename S>
MatrixT<S> randomMatrix(Eigen::Index rows, Eigen::Index cols, Rng& rng, double scale = 1, double offset = 0) {
  MatrixT<S> m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i)
    m.data()[i] = static_cast<S>(offset + scale * (2 * rng.uniformDouble() - 1));
  return m;
}

/// A model of the given sizes and activations with weights U(−s, s) and biases U(−0.2, 0.2).
template <typename S>
targetprop::TpModel<S> randomTpModel(const targetprop::TpArchitecture& arch, std::uint64_t seed, double scale = 0.5) {
  Rng rng(seed);
  targetprop::TpModel<S> m = targetprop::zeroTpModel<S>(arch);
  m.W1 = randomMatrix<S>(arch.visible, arch.hidden1, rng, scale);
  m.W2 = randomMatrix<S>(arch.hidden1, arch.hidden2, rng, scale);
  m.V1 = randomMatrix<S>(arch.hidden1, arch.visible, rng, scale);
  m.V2 = randomMatrix<S>(arch.hidden2, arch.hidden1, rng, scale);
  m.b1 = randomMatrix<S>(1, arch.hidden1, rng, 0.2);
  m.b2 = randomMatrix<S>(1, arch.hidden2, rng, 0.2);
  m.c1 = randomMatrix<S>(1, arch.visible, rng, 0.2);
  m.c2 = randomMatrix<S>(1, arch.hidden1, rng, 0.2);
  return m;
}

inline targetprop::TpArchitecture smallArchitecture(int n0 = 7, int n1 = 5, int n2 = 3) {
  targetprop::TpArchitecture a;
  a.visible = n0;
  a.hidden1 = n1;
  a.hidden2 = n2;
  return a;
}

}  // namespace vpf::testing
