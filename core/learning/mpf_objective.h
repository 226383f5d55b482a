#pragma once
// MPF objective of a fully observed Boltzmann machine and its gradient (paper eq. 1–2; DESIGN §4).
// With α_j = ½ − y_j, z_j the full local field, δ_j = exp(α_j z_j) (α z clamped to ±80):
//   K = mean over samples of Σ_j δ_j over all units of all layers.
//   ∂K/∂b_j = ⟨α_j δ_j⟩,  ∂K/∂W[l] = (Y_lᵀ G_{l+1} + G_lᵀ Y_{l+1}) / N with G = α∘δ,
//   ∂K/∂L[l] = (Y_lᵀ G_l + G_lᵀ Y_l) / N with zero diagonal (one symmetric edge parameter).
// The descent update of eq. 1–2 is −gradient.
#include <algorithm>
#include <cmath>
#include <vector>

#include "core/common/types.h"
#include "core/model/boltzmann_machine.h"
#include "core/sampling/conditionals.h"

namespace vpf {

/// Returns K (mean per sample). If `gradient` is not null it must have the model's shapes and
/// receives ∂K/∂θ (without weight decay).
template <typename S>
S mpfObjective(const BasicBoltzmannMachine<S>& m, const std::vector<MatrixT<S>>& y,
               BasicBoltzmannMachine<S>* gradient = nullptr) {
  const int layers = m.layerCount();
  const S n = static_cast<S>(y[0].rows());
  std::vector<MatrixT<S>> g(layers);  // G_l = α∘δ
  S total = 0;
  for (int l = 0; l < layers; ++l) {
    MatrixT<S> z = localField(m, y, l);
    auto alpha = (S(0.5) - y[l].array());
    MatrixT<S> delta = (alpha * z.array()).max(S(-80)).min(S(80)).exp().matrix();
    total += delta.sum();
    if (gradient) g[l] = (alpha * delta.array()).matrix();
  }
  if (gradient) {
    for (int l = 0; l < layers; ++l) gradient->b[l] = g[l].colwise().sum() / n;
    for (int l = 0; l + 1 < layers; ++l) {
      // Y_lᵀ G_{l+1} + G_lᵀ Y_{l+1} as one GEMM over the stacked batch: [Y_l; G_l]ᵀ [G_{l+1}; Y_{l+1}].
      MatrixT<S> left(2 * y[l].rows(), y[l].cols()), right(2 * y[l].rows(), y[l + 1].cols());
      left << y[l], g[l];
      right << g[l + 1], y[l + 1];
      gradient->W[l].noalias() = left.transpose() * right;
      gradient->W[l] /= n;
    }
    for (int l = 0; l < layers; ++l) {
      if (!m.hasIntra(l)) continue;
      MatrixT<S> a = y[l].transpose() * g[l];
      gradient->L[l] = (a + a.transpose()) / n;
      gradient->L[l].diagonal().setZero();
    }
  }
  return total / n;
}

}  // namespace vpf
