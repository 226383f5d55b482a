#pragma once
// The layered symmetric energy-based network of Bengio & Fischer 2015 (DESIGN §19, spec B1, B3).
// Layers l = 0 (x, clamped) … L (y); W_l is n_l × n_{l+1}; states are rows (1 × n_l per layer).
//   Energy (Eq. 6, layered):  E(s) = Σ_l ½‖s_l‖² − Σ_l ρ(s_l) W_l ρ(s_{l+1})ᵀ − Σ_l b_l·ρ(s_l)
//   Drive (Eq. 8):            R_l = ρ′(s_l) ⊙ (b_l + ρ(s_{l−1}) W_{l−1} + ρ(s_{l+1}) B_lᵀ)
// B_l are the top-down weights of the dynamics: B_l = W_l for the symmetric network, (1−a)W_l + aM_l
// for the asymmetry control (M_l random). The energy is always that of the symmetric W, so
// R = s − ∇E holds only for a = 0 (for a ≠ 0 the dynamics has no energy).
// The paper's h_k, at distance k from the output, is layer L − k.
#include <cstdint>
#include <vector>

#include "core/common/types.h"
#include "core/early_inference/nonlinearity.h"

namespace vpf::early_inference {

using State = std::vector<RowVectorD>;  // layer l: 1 × n_l, l = 0 … L

/// The construction of spec B3.
struct NetworkSpec {
  std::vector<int> sizes{16, 32, 32, 32, 8};  // n_0 (x) … n_L (y); at least one hidden layer
  Rho rho = Rho::HardSigmoid;
  double radius = 0.5;     // spectral radius of the symmetric free–free block matrix
  double asymmetry = 0;    // a ∈ [0, 1]: top-down weights (1−a)W_l + aM_l
  std::uint64_t seed = 1;  // network draws: W, M, biases, x (Rng(seed, 0))
  void validate() const;   // throws vpf::Error naming the bad field
};

struct Network {
  Rho rho = Rho::HardSigmoid;
  std::vector<int> sizes;
  std::vector<MatrixD> weights;    // W_l, n_l × n_{l+1}, l = 0 … L−1 (bottom-up; the energy's W)
  std::vector<MatrixD> feedback;   // B_l, n_l × n_{l+1} (top-down weights of the dynamics)
  std::vector<RowVectorD> biases;  // b_l, 1 × n_l, l = 0 … L
  RowVectorD input;                // x, 1 × n_0
  double scale = 1;                // common factor applied to the N(0,1) draws

  int layers() const { return static_cast<int>(sizes.size()) - 1; }  // L
  int freeUnits() const;                                             // Σ_{l≥1} n_l
  int offset(int layer) const;  // index of layer (≥ 1) in the stacked free vector
  bool symmetric() const;       // B_l == W_l for all l
  State zeroState() const;      // x = input, free layers 0
};

/// W_l iid N(0,1) and M_l iid N(0,1) (drawn for every a, so the W are the same for every a), all
/// scaled by one factor so that the symmetric free–free matrix has spectral radius `radius`;
/// b_l = −½(column sums of W_{l−1} + row sums of B_l) + U(−0.05, 0.05), cancelling ρ's mean ½ so the
/// fixed point is near 0; x ~ U(−0.4, 0.4).
Network makeNetwork(const NetworkSpec& spec);

/// Spectral radius of the symmetric matrix with blocks W_l (l = 1 … L−1) between free layers.
double freeFreeSpectralRadius(const std::vector<MatrixD>& weights);

/// b_l + ρ(s_{l−1}) W_{l−1} + ρ(s_{l+1}) B_lᵀ.
RowVectorD field(const Network& net, const State& s, int layer);
/// R_l(s) (Eq. 8) for one layer, and for every layer (layer 0 too, although x is clamped).
RowVectorD drive(const Network& net, const State& s, int layer);
State drive(const Network& net, const State& s);
/// E(s) (Eq. 6) with the symmetric W, and ∂E/∂s for every layer.
double energy(const Network& net, const State& s);
State energyGradient(const Network& net, const State& s);

/// ‖R_f(s) − s_f‖∞ over the free layers.
double residual(const Network& net, const State& s);

/// The dense Jacobian ∂R_f/∂s_f of the free layers (Σ n_f square, layers stacked from 1 to L):
/// blocks J_{l←l+1} = D_l B_l D_{l+1}, J_{l+1←l} = D_{l+1} W_lᵀ D_l, diagonal diag(ρ″(s_l) ⊙ field_l)
/// (zero for the hard sigmoid), D_l = diag ρ′(s_l) (Eq. 20–22).
MatrixD freeJacobian(const Network& net, const State& s);

/// Stacks / unstacks the free layers of a state (layer 0 of the result of unstack is zero).
Eigen::VectorXd stackFree(const Network& net, const State& s);
State unstackFree(const Network& net, const Eigen::VectorXd& v);

}  // namespace vpf::early_inference
