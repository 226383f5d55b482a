#pragma once
// Layered back-propagation at the fixed point, the quantity early inference should reproduce
// (Bengio & Fischer 2015 Eq. 13–15, 20–25; DESIGN §19, spec B2). In rows, with P′_l = ρ′(ŝ_l):
//   δ_L = ŷ − y*,   δ_l = ((δ_{l+1} ⊙ P′_{l+1}) W_lᵀ) ⊙ P′_l   (δ_l = J_{l+1←l}ᵀ δ_{l+1}, bottom-up W)
//   g_k = δ_{L−k} = ∂C/∂ĥ_k,   ∂C/∂W_l = ρ(ŝ_l)ᵀ (δ_{l+1} ⊙ P′_{l+1})   (n_l × n_{l+1})
// layeredCost is the same map evaluated from R alone, C∘Φ_1∘…∘Φ_k with Φ_j(v) = R_{L−j+1}(ŝ with
// s_{L−j} := v), for finite-difference checks that use no Jacobian code. equilibriumResponse is the
// implicit (recurrent-backprop) response u_∞ of the linearised dynamics that later inference turns to.
#include <vector>

#include "core/early_inference/dynamics_settings.h"
#include "core/early_inference/network.h"

namespace vpf::early_inference {

struct Backprop {
  std::vector<RowVectorD> delta;       // δ_l, l = 0 … L (δ_0 = ∂C/∂x, for completeness)
  std::vector<MatrixD> costGradientW;  // ∂C/∂W_l, l = 0 … L−1
  /// g_k = δ_{L−k}, k = 0 (y) … L.
  const RowVectorD& g(int k) const { return delta[delta.size() - 1 - static_cast<std::size_t>(k)]; }
};

Backprop layeredBackprop(const Network& net, const State& fixedPoint, const RowVectorD& target);

/// C(Φ_{L−layer}(…Φ(v))): layer `layer` set to v, then R_{m+1}(ŝ with s_m := current) upward to y,
/// C = ½‖y − y*‖². For layer = L it is C(v). Only net.weights (the bottom-up weights) carry v upward.
double layeredCost(const Network& net, const State& fixedPoint, const RowVectorD& target, int layer,
                   const RowVectorD& v);

/// u_∞ of the linearised dynamics about ŝ (layer 0 zero). Drive: y ends at y*, so u_y = y* − ŷ and
/// (I − J_hh) u_h = J_{h,y}(y* − ŷ). Weak(β): (I − J_ff + β P_y) u = β P_y (y* − ŷ).
State equilibriumResponse(const Network& net, const State& fixedPoint, const RowVectorD& target, const Nudge& nudge);

}  // namespace vpf::early_inference
