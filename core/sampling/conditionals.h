#pragma once
// Conditional distributions of a layered Boltzmann machine (DESIGN §4, §6; paper eq. 5).
// States are N × n_l matrices of {0,1} (or probabilities), one sample per row.
#include <vector>

#include "core/common/rng.h"
#include "core/common/types.h"
#include "core/model/boltzmann_machine.h"

namespace vpf {

/// Elementwise logistic function, numerically safe.
Matrix sigmoid(const Matrix& z);

/// Full local field of layer l given every layer's state (below, above and, for DBM2, the same
/// layer through L[l]; L has zero diagonal so z_j excludes y_j): z_l = y_{l−1}W_{l−1} + y_{l+1}W_lᵀ
/// + y_l L_l + b_l.  The MPF objective uses exactly this field.
template <typename S>
MatrixT<S> localField(const BasicBoltzmannMachine<S>& m, const std::vector<MatrixT<S>>& y, int l) {
  MatrixT<S> z(y[l].rows(), m.sizes[l]);
  z.rowwise() = m.b[l];
  if (l > 0) z.noalias() += y[l - 1] * m.W[l - 1];
  if (l + 1 < m.layerCount()) z.noalias() += y[l + 1] * m.W[l].transpose();
  if (m.hasIntra(l)) z.noalias() += y[l] * m.L[l];
  return z;
}

/// p(h_l = 1 | h_{l−1}) with the top-down input zeroed (VPF E-step; RBM p(h|v)).
Matrix upProbability(const BoltzmannMachine& m, int l, const Matrix& below);
/// p(h_l = 1 | h_{l+1}) from the layer above only (confabulation descent; RBM p(v|h)).
Matrix downProbability(const BoltzmannMachine& m, int l, const Matrix& above);
/// Field from the external (non-intra) neighbours of layer l; `below`/`above` may be null.
Matrix externalField(const BoltzmannMachine& m, int l, const Matrix* below, const Matrix* above);

/// Paper eq. 5: units of layer l resampled one at a time in fixed order (0 … n_l−1), each from
/// sigmoid(external_j + Σ_{k≠j} L_kj h_k) using the newest values. `probabilities`, if given,
/// receives each unit's probability at the moment it was sampled. No-op without L[l].
void asyncIntraSweep(const BoltzmannMachine& m, int l, const Matrix& external, Matrix& h, Rng& rng,
                     Matrix* probabilities = nullptr);

/// The bottom-up pass of the VPF E-step (paper Alg. 1; also how chains start from data): states for `data` (N × n0):
/// returns per hidden layer l = 1…ℓ a N × n_l matrix (samples, or probabilities when meanField).
std::vector<Matrix> vpfEStep(const BoltzmannMachine& m, const Matrix& data, Rng& rng, bool meanField);

}  // namespace vpf
