#pragma once
// The target-propagation model of Bengio et al. 2015 (spec A1): a directed generative chain going
// down, p(x|h1) = N(g1(h1), I), p(h1|h2) = N(g2(h2), I), p(h2) = N(μ, κ·diag v) fitted after training,
// and a recognition chain going up with means f1(x), f2(h1). Rows are samples (DESIGN §3):
//   f1(X)  = a_f1(X W1 + b1)    W1: n0 × n1, b1: 1 × n1      (paper: softplus h1 units)
//   f2(H1) = a_f2(H1 W2 + b2)   W2: n1 × n2, b2: 1 × n2      (paper: sigmoid h2 units)
//   g2(H2) = a_g2(H2 V2 + c2)   V2: n2 × n1, c2: 1 × n1      (code: softplus)
//   g1(H1) = a_g1(H1 V1 + c1)   V1: n1 × n0, c1: 1 × n0      (code: sigmoid)
// Scalar-templated (float in the app, double in the tests).
#include <string>
#include <vector>

#include "core/common/rng.h"
#include "core/common/types.h"
#include "core/targetprop/activation.h"

namespace vpf::targetprop {

struct TpArchitecture {
  int visible = 784, hidden1 = 1000, hidden2 = 100;  // n0 (x), n1 (h1), n2 (h2)
  Activation f1 = Activation::Softplus, f2 = Activation::Sigmoid;
  Activation g1 = Activation::Sigmoid, g2 = Activation::Softplus;
  void validate() const;  // throws vpf::Error naming the bad size
  bool operator==(const TpArchitecture&) const = default;
};

/// Z P + c: the affine part of every map (c added to every row).
template <typename S>
MatrixT<S> affine(const MatrixT<S>& u, const MatrixT<S>& p, const RowVectorT<S>& c) {
  MatrixT<S> z = u * p;
  z.rowwise() += c;
  return z;
}

template <typename S>
struct TpModel {
  TpArchitecture arch;
  MatrixT<S> W1, W2, V1, V2;
  RowVectorT<S> b1, b2, c1, c2;
  RowVectorT<S> priorMean, priorVar;  // μ and the population variance v of H2 (1 × n2); empty before fitPrior

  MatrixT<S> f1(const MatrixT<S>& x) const { return activate(arch.f1, affine(x, W1, b1)); }
  MatrixT<S> f2(const MatrixT<S>& h1) const { return activate(arch.f2, affine(h1, W2, b2)); }
  MatrixT<S> g1(const MatrixT<S>& h1) const { return activate(arch.g1, affine(h1, V1, c1)); }
  MatrixT<S> g2(const MatrixT<S>& h2) const { return activate(arch.g2, affine(h2, V2, c2)); }

  bool hasPrior() const { return priorMean.size() > 0; }
  bool allFinite() const;

  /// The trained parameters in a fixed order (name, data, size; names are the file's members). The
  /// prior is not a trained parameter and is not visited.
  template <typename F>
  void forEachBlock(F&& f) {
    f("W1", W1.data(), W1.size());
    f("b1", b1.data(), b1.size());
    f("W2", W2.data(), W2.size());
    f("b2", b2.data(), b2.size());
    f("V1", V1.data(), V1.size());
    f("c1", c1.data(), c1.size());
    f("V2", V2.data(), V2.size());
    f("c2", c2.data(), c2.size());
  }

  template <typename T>
  TpModel<T> cast() const;
};

/// All parameters zero (gradient storage; the identity-map tests set weights by hand).
template <typename S>
TpModel<S> zeroTpModel(const TpArchitecture& arch);

/// The reference code's initialisation: every weight matrix semi-orthogonal (U Vᵀ from the thin SVD
/// of a U(−1, 1) matrix, so its singular values are all 1), biases zero.
template <typename S>
TpModel<S> makeTpModel(const TpArchitecture& arch, Rng& rng);

template <typename S>
template <typename T>
TpModel<T> TpModel<S>::cast() const {
  TpModel<T> m;
  m.arch = arch;
  m.W1 = W1.template cast<T>();
  m.W2 = W2.template cast<T>();
  m.V1 = V1.template cast<T>();
  m.V2 = V2.template cast<T>();
  m.b1 = b1.template cast<T>();
  m.b2 = b2.template cast<T>();
  m.c1 = c1.template cast<T>();
  m.c2 = c2.template cast<T>();
  m.priorMean = priorMean.template cast<T>();
  m.priorVar = priorVar.template cast<T>();
  return m;
}

}  // namespace vpf::targetprop
