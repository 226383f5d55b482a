#pragma once
// The M-step of Bengio et al. 2015, Alg. 2 (spec A4): with (H1, H2) from INFERENCE held fixed, four
// independent denoising regressions, one per map, each on freshly corrupted inputs:
//   g1 (V1, c1): H1 + σ_a Ξ → X     f1 (W1, b1): X + σ_x Ξ → H1
//   g2 (V2, c2): spikes(H2) → H1    f2 (W2, b2): H1 + σ_b Ξ → H2
// The four share one optimizer step. Float: it runs in the trainer.
#include "core/common/rng.h"
#include "core/targetprop/inference.h"
#include "core/targetprop/tp_model.h"

namespace vpf::targetprop {

struct CorruptionSettings {
  double sigmaX = 0.5;  // σ_x, X → f1 (the reference code's)
  double sigmaA = 0.3;  // σ_a, H1 → g1
  double sigmaB = 0.5;  // σ_b, H1 → f2
  int spikes = 3;       // Bernoulli samples averaged for H2 → g2
  void validate() const;
  bool operator==(const CorruptionSettings&) const = default;
};

/// ℓ of each regression (1/N ‖Y − T‖²_F), and the monitored ‖g1(g2(f2(f1 X))) − X‖²/N.
struct TpLosses {
  double g1 = 0, f1 = 0, g2 = 0, f2 = 0;
  double reconstruction = 0;
  TpLosses& operator+=(const TpLosses& o);
  TpLosses scaled(double factor) const;
  bool allFinite() const;
};

/// Writes the gradients of the four regressions into `gradient` (same architecture; the prior is
/// untouched) and returns their losses (reconstruction left 0). Draws the corruptions from `rng` in
/// the order g1, f1, g2, f2.
TpLosses mStepGradient(const TpModel<float>& model, const Matrix& x, const LatentState<float>& latent,
                       const CorruptionSettings& corruption, Rng& rng, TpModel<float>& gradient);

/// ‖g1(g2(f2(f1 X))) − X‖²_F / N.
template <typename S>
double reconstructionCost(const TpModel<S>& model, const MatrixT<S>& x);

}  // namespace vpf::targetprop
