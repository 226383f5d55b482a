#pragma once
// Explicit, seedable random source (PCG32). Never global: every trainer/sampler owns one,
// so results are reproducible given a seed and the state can be checkpointed as text.
#include <pcg_random.hpp>

#include <cstdint>
#include <string>

#include "core/common/types.h"

namespace vpf {

class Rng {
 public:
  explicit Rng(std::uint64_t seed = 42, std::uint64_t stream = 0) : m_engine(seed, stream) {}

  /// Uniform in [0, 1) with 24 random bits (exactly representable in float).
  float uniform() { return static_cast<float>(m_engine() >> 8) * (1.0f / 16777216.0f); }
  double uniformDouble() {
    const std::uint64_t hi = m_engine() >> 5, lo = m_engine() >> 6;  // 53 bits
    return (static_cast<double>(hi) * 67108864.0 + static_cast<double>(lo)) * (1.0 / 9007199254740992.0);
  }
  /// Uniform integer in [0, n).
  std::uint32_t below(std::uint32_t n) { return m_engine(n); }
  /// Standard normal (Box–Muller; one value per call for simplicity and reproducibility).
  double normal();
  /// Exponential waiting time with the given rate.
  double exponential(double rate);

  /// Overwrites m with iid N(0, sd²) draws, using both Box–Muller outputs (the target-propagation
  /// M-step draws ~1.4e8 normals per epoch). Large matrices are filled in fixed-size chunks with
  /// generators seeded in order from this one, so the result does not depend on the thread count.
  void normalInPlace(Matrix& m, float sd);

  /// Replaces p (probabilities in [0,1]) by Bernoulli samples in {0,1}, in place.
  void bernoulliInPlace(Matrix& p);
  /// Returns Bernoulli samples of the probabilities p.
  Matrix bernoulli(const Matrix& p) {
    Matrix s = p;
    bernoulliInPlace(s);
    return s;
  }

  std::string state() const;              // text form, for checkpoints
  void setState(const std::string& text);  // throws vpf::Error on malformed text

  pcg32& engine() { return m_engine; }

 private:
  pcg32 m_engine;
};

}  // namespace vpf
