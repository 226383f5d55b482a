#pragma once
// A layered binary Boltzmann machine (DESIGN §3, paper "Background"):
// layers h0 (visible) … hℓ, inter-layer weights W[l] (n_l × n_{l+1}), biases b[l] (1 × n_l) and,
// for DBM2, intra-layer weights L[l] (n_l × n_l, symmetric, zero diagonal) in hidden layers.
// Energy E(y) = −Σ_l y_l W_l y_{l+1} − Σ_l b_l·y_l − ½ Σ_l y_l L_l y_l   (T = 1).
// Templated on the scalar so the gradient tests can run in double; training uses float.
#include <string>
#include <vector>

#include "core/common/types.h"

namespace vpf {

/// How the parameters were initialised; recorded in the model file.
struct InitOptions {
  std::string scheme = "normal";     // "normal": W ~ N(0, weightScale²); "zero"
  double weightScale = 0.1;          // 0.01 bootstraps the first E-steps more slowly (measured on MNIST)
  bool visibleBiasFromData = false;  // b0 = logit(mean pixel), clipped to ±8 (Hinton's recipe)
};

template <typename S>
struct BasicBoltzmannMachine {
  std::vector<int> sizes;        // n_0 (visible), n_1, …, n_ℓ
  std::vector<MatrixT<S>> W;     // W[l]: n_l × n_{l+1}, l = 0 … ℓ−1
  std::vector<RowVectorT<S>> b;  // b[l]: 1 × n_l,        l = 0 … ℓ
  std::vector<MatrixT<S>> L;     // L[l]: n_l × n_l for hidden l when intra, else 0 × 0
  InitOptions init;

  int layerCount() const { return static_cast<int>(sizes.size()); }
  int hiddenLayerCount() const { return layerCount() - 1; }
  bool isRbm() const { return layerCount() == 2 && !hasIntraLayer(); }
  bool hasIntra(int l) const { return l < static_cast<int>(L.size()) && L[l].size() > 0; }
  bool hasIntraLayer() const {
    for (int l = 0; l < layerCount(); ++l)
      if (hasIntra(l)) return true;
    return false;
  }
  std::size_t parameterCount() const {
    std::size_t n = 0;
    for (const auto& w : W) n += w.size();
    for (const auto& v : b) n += v.size();
    for (const auto& l : L) n += l.size();
    return n;
  }

  /// All parameters zero, shapes set. `intra` adds L[l] for every hidden layer.
  static BasicBoltzmannMachine zeros(const std::vector<int>& sizes, bool intra) {
    BasicBoltzmannMachine m;
    m.sizes = sizes;
    const int n = static_cast<int>(sizes.size());
    for (int l = 0; l + 1 < n; ++l) m.W.push_back(MatrixT<S>::Zero(sizes[l], sizes[l + 1]));
    for (int l = 0; l < n; ++l) m.b.push_back(RowVectorT<S>::Zero(sizes[l]));
    for (int l = 0; l < n; ++l) m.L.push_back(intra && l > 0 ? MatrixT<S>::Zero(sizes[l], sizes[l]) : MatrixT<S>());
    return m;
  }

  template <typename T>
  BasicBoltzmannMachine<T> cast() const {
    BasicBoltzmannMachine<T> m;
    m.sizes = sizes;
    m.init = init;
    for (const auto& w : W) m.W.push_back(w.template cast<T>());
    for (const auto& v : b) m.b.push_back(v.template cast<T>());
    for (const auto& l : L) m.L.push_back(l.template cast<T>());
    return m;
  }

  /// Calls f(name, data pointer, element count, decayed) for every parameter block, in a fixed
  /// order (W0.., b0.., L..). `decayed` marks weights that get weight decay (not biases).
  template <typename F>
  void forEachBlock(F&& f) {
    for (std::size_t l = 0; l < W.size(); ++l) f("W" + std::to_string(l), W[l].data(), W[l].size(), true);
    for (std::size_t l = 0; l < b.size(); ++l) f("b" + std::to_string(l), b[l].data(), b[l].size(), false);
    for (std::size_t l = 0; l < L.size(); ++l)
      if (L[l].size() > 0) f("L" + std::to_string(l), L[l].data(), L[l].size(), true);
  }

  bool allFinite() const {
    for (const auto& w : W)
      if (!w.allFinite()) return false;
    for (const auto& v : b)
      if (!v.allFinite()) return false;
    for (const auto& l : L)
      if (!l.allFinite()) return false;
    return true;
  }
};

using BoltzmannMachine = BasicBoltzmannMachine<float>;

/// Parsed architecture "rbm:196", "dbm:196,196,64" (+ intra flag); visible size from the data.
struct Architecture {
  std::vector<int> hidden;  // hidden layer sizes
  bool intra = false;
  std::string describe(int visible) const;  // "RBM 784-196", "DBM2 784-196-196-64"
};
/// Throws vpf::Error with the accepted forms on a malformed spec.
Architecture parseArchitecture(const std::string& spec, bool intra);

class Rng;
/// A machine of the given architecture, initialised as `init` says (visible-bias recipe uses
/// `data`, N × n_0 binarised, when given).
BoltzmannMachine makeMachine(int visible, const Architecture& arch, const InitOptions& init, Rng& rng,
                             const Matrix* data = nullptr);

/// "RBM", "DBM1" (no intra-layer weights) or "DBM2" (with), as the paper names them.
std::string machineKind(const BoltzmannMachine& m);

/// Energy per sample of full states (one matrix per layer, N × n_l): returns N values.
template <typename S>
Eigen::Matrix<S, Eigen::Dynamic, 1> energy(const BasicBoltzmannMachine<S>& m, const std::vector<MatrixT<S>>& y) {
  Eigen::Matrix<S, Eigen::Dynamic, 1> e = Eigen::Matrix<S, Eigen::Dynamic, 1>::Zero(y[0].rows());
  for (int l = 0; l < m.layerCount(); ++l) {
    e.noalias() -= y[l] * m.b[l].transpose();
    if (l + 1 < m.layerCount()) e -= ((y[l] * m.W[l]).array() * y[l + 1].array()).rowwise().sum().matrix();
    if (m.hasIntra(l)) e -= S(0.5) * ((y[l] * m.L[l]).array() * y[l].array()).rowwise().sum().matrix();
  }
  return e;
}

/// Free energy of an RBM, F(v) = −b0·v − Σ_j softplus(vW + b1)_j, per row of v.
Eigen::VectorXd freeEnergy(const BoltzmannMachine& rbm, const Matrix& v);

/// Receptive fields of hidden layer `layer` (1 … ℓ) in pixel space: W0 for layer 1, else the
/// projection through the lower weights W0·W1⋯W_{layer−1} (n0 × n_layer). Throws vpf::Error on
/// a bad layer index.
Matrix projectedFilters(const BoltzmannMachine& m, int layer);

}  // namespace vpf
