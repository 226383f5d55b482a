#pragma once
// Settings of the leaky-integrator inference of Bengio & Fischer 2015 (Eq. 1–5; DESIGN §19, spec B1,
// B3): the step ε, how the output is nudged toward y*, and the injected noise.
#include <cstdint>
#include <string>

namespace vpf::early_inference {

/// Drive: y_{t+1} = y_t + ε(y* − y_t) (Eq. 12; the free run drives y toward ŷ, so it stays at ŷ).
/// Weak(β): y_{t+1} = y_t + ε(R_y(s_t) − y_t) + εβ(y* − y_t) (the free run has β = 0).
enum class NudgeKind { Drive, Weak };

struct Nudge {
  NudgeKind kind = NudgeKind::Drive;
  double beta = 1;  // Weak only
  /// Factor of the first output step: Δy = ε·strength()·(y* − ŷ).
  double strength() const { return kind == NudgeKind::Drive ? 1.0 : beta; }
};

/// "drive" | "weak:B"; parseNudge throws vpf::Error naming the bad value.
std::string nudgeName(const Nudge& nudge);
Nudge parseNudge(const std::string& text);

/// Injected (Eq. 1–2): s_{t+1} = s_t + ε(R(s_t + η_t) − s_t), η_t ~ N(0, σ²I) on the free units.
/// Langevin: s_{t+1} = s_t + ε(R(s_t) − s_t) + √(2εT) ξ_t, ξ_t ~ N(0, I) (level = T).
enum class NoiseKind { Injected, Langevin };

struct DynamicsSettings {
  double eps = 0.01;
  Nudge nudge;
  NoiseKind noiseKind = NoiseKind::Injected;
  double noiseLevel = 0;        // σ_η (Injected) or T (Langevin); 0 = noise free
  std::uint64_t noiseSeed = 0;  // the same seed gives the same η in the free and the nudged run
  void validate() const;        // throws vpf::Error
};

}  // namespace vpf::early_inference
