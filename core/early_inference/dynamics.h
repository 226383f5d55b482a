#pragma once
// Leaky-integrator inference after the nudge (Bengio & Fischer 2015 Eq. 1–5, 12; DESIGN §19, spec B1,
// B3), in two forms over the free layers 1 … L (x clamped):
//  - DisplacementDynamics integrates u_t = s_t^nudged − s_t^free directly,
//      u_{t+1} = u_t + ε(ΔR(u_t) − u_t),  ΔR = R(s̃ + u) − R(s̃) = Δρ′ ⊙ (F̃ + ΔF) + ρ′(s̃) ⊙ ΔF,
//    F the field, ΔF = Δρ_{l−1}W_{l−1} + Δρ_{l+1}B_lᵀ, Δρ and Δρ′ exact (rhoChange), s̃ the free run's
//    (noisy) argument of R. No state is ever subtracted, so ε^{k+1}‖g‖ ≈ 1e−16‖g‖ is resolved, and a
//    layer at distance k from y is exactly 0.0 for t ≤ k. Without noise the free run stays at ŝ;
//    with noise it is integrated alongside with the same η (common random numbers).
//  - StateDynamics integrates one run's state s_t (for display, and to show the cancellation the
//    displacement form avoids).
// Output rules: the nudged run drives y toward y* (Drive) or adds εβ(y* − y) to R (Weak); its free
// partner drives y toward ŷ (Drive, so y stays at ŷ) or follows R (Weak with β = 0). The objects
// keep a reference to the network, which must outlive them.
#include <vector>

#include "core/common/rng.h"
#include "core/early_inference/dynamics_settings.h"
#include "core/early_inference/network.h"

namespace vpf::early_inference {

/// η_t (or ξ_t) for the free layers, one State per step, N(0, 1)·scale, from Rng(seed, 2).
class NoiseSource {
 public:
  NoiseSource(const Network& net, double scale, std::uint64_t seed);
  const State& next();  // layer 0 stays zero

 private:
  State m_noise;
  double m_scale;
  Rng m_rng;
};

class DisplacementDynamics {
 public:
  /// From u_0 = 0 at the fixed point ŝ, toward `target` (y*).
  DisplacementDynamics(const Network& net, const State& fixedPoint, const RowVectorD& target,
                       const DynamicsSettings& settings);

  void step();
  int time() const { return m_t; }
  const State& displacement() const { return m_u; }   // u_t (layer 0 zero)
  const State& freeState() const { return m_base; }   // the free run (ŝ when noise free)
  const State& lastNoise() const { return m_noise; }  // η_t or ξ_t of the last step (zero when noise free)
  /// Hard sigmoid: the smallest distance to a kink of any free unit's argument of ρ, in the free and
  /// the nudged run, over the steps so far (+∞ before the first; NaN for sigm(4s)).
  double smallestMargin() const { return m_margin; }

 private:
  const Network& m_net;
  DynamicsSettings m_settings;
  State m_base, m_u, m_noise;
  RowVectorD m_target, m_fixedOutput, m_error;  // y*, ŷ, y* − ŷ
  std::vector<RowVectorD> m_field, m_prime;     // F(ŝ), ρ′(ŝ): the noise-free free run
  NoiseSource m_source;
  double m_margin;
  int m_t = 0;
};

/// How one state-form run treats y.
struct OutputRule {
  enum Kind { FollowR, Drive, Weak } kind = FollowR;
  RowVectorD target;  // Drive, Weak
  double beta = 0;    // Weak
};
/// The rules of the nudged run and of its free partner (see the file comment).
OutputRule nudgedRule(const Nudge& nudge, const RowVectorD& target);
OutputRule freeRule(const Nudge& nudge, const RowVectorD& fixedOutput);

class StateDynamics {
 public:
  StateDynamics(const Network& net, const State& start, const OutputRule& output, const DynamicsSettings& settings);

  void step();
  int time() const { return m_t; }
  const State& state() const { return m_s; }
  const State& lastNoise() const { return m_noise; }

 private:
  const Network& m_net;
  DynamicsSettings m_settings;
  OutputRule m_output;
  State m_s, m_noise;
  NoiseSource m_source;
  int m_t = 0;
};

}  // namespace vpf::early_inference
