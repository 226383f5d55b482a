#pragma once
// One set-up of the Bengio & Fischer 2015 experiment (DESIGN §19, spec B3): the network, its
// interior stable fixed point ŝ (reseeding seed+1, seed+2, … up to 100 tries) and the target
// y* = clip(ŷ + offset·u, β1 + m, β2 − m), u a random unit vector (Rng(seed, 1)), so y stays
// interior and nothing crosses a kink. C = ½‖ŷ − y*‖² (Eq. 13).
#include <cstdint>

#include "core/common/error.h"
#include "core/early_inference/fixed_point.h"
#include "core/early_inference/network.h"

namespace vpf::early_inference {

struct ExperimentSpec {
  NetworkSpec network;
  FixedPointSettings fixedPoint;
  double targetOffset = 0.1;  // ‖y* − ŷ‖ before clipping
  int maxTries = 100;         // network seeds tried: seed, seed+1, …
};

struct Experiment {
  Network net;
  FixedPoint fixedPoint;
  RowVectorD target;           // y*, 1 × n_L
  std::uint64_t seedUsed = 0;  // the network seed that gave the fixed point
  int reseeds = 0;             // seedUsed − spec seed
  double cost() const;         // C = ½‖ŷ − y*‖²
};

/// Thrown when no seed of the allowed range gives an interior, converged, stable fixed point.
class NoFixedPointError : public Error {
 public:
  using Error::Error;
};

Experiment setUpExperiment(const ExperimentSpec& spec);

}  // namespace vpf::early_inference
