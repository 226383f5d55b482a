#pragma once
// One of the M-step's four local denoising regressions (Bengio et al. 2015, Alg. 2; spec A4):
// LR(Ũ, T; P, c, a): Z = Ũ P + c, Y = a(Z), ℓ = (1/N)‖Y − T‖²_F (summed over units, averaged over the
// N rows: the reference code's `mse`). Gradient G = (2/N)(Y − T) ⊙ a′(Z), ∇P = ŨᵀG, ∇c = 1ᵀG; the
// trainer descends it (the paper's "Θ ← Θ + ε∂/∂Θ(·)²" has the sign wrong).
// Shapes: Ũ N × m, T N × n, P m × n, c 1 × n.
#include "core/targetprop/activation.h"

namespace vpf::targetprop {

/// Returns ℓ and writes ∇P, ∇c (resized) when the pointers are given.
template <typename S>
double localRegression(const MatrixT<S>& input, const MatrixT<S>& target, const MatrixT<S>& weights,
                       const RowVectorT<S>& bias, Activation activation, MatrixT<S>* weightGradient = nullptr,
                       RowVectorT<S>* biasGradient = nullptr);

}  // namespace vpf::targetprop
