#pragma once
// Clamped reconstruction of corrupted images (DESIGN §6, paper Table 1 and Fig. 4).
// Corrupted pixels (mask 1) start as Bernoulli(½) noise (DESIGN §6; or as 0, an option the paper
// leaves open — see CorruptionStart), known pixels stay clamped to the original;
// each transition samples the hidden layers and resamples the corrupted pixels; the result is
// p(v|h) of the last transition on the corrupted pixels, the original on the known ones.
// Error = Σ|x − x̂| over the image (L1).
#include <functional>
#include <string>
#include <vector>

#include "core/common/rng.h"
#include "core/common/types.h"
#include "core/common/stop_token.h"
#include "core/model/boltzmann_machine.h"

namespace vpf {

/// How the corrupted pixels start the chain: Bernoulli(½) noise (DESIGN §6) or switched off.
enum class CorruptionStart { Noise, Zeros };
CorruptionStart parseCorruptionStart(const std::string& name);  // "noise" | "zeros"

/// Reconstructs every row of `images` (N × n0, binarised) under `mask` (1 × n0). Returns N × n0.
/// Plain RBMs take a faster path (the corrupted columns only); other machines reconstructMasked().
/// `afterTransition(t)` returning false stops early (cancellation).
Matrix reconstruct(const BoltzmannMachine& m, const Matrix& images, const RowVector& mask, int transitions,
                   Rng& rng, CorruptionStart start = CorruptionStart::Noise,
                   const std::function<bool(int)>& afterTransition = {});
/// Same with a per-image mask (N × n0). `frames`, if given, receives the result after every
/// transition (frames->back() is the return value) and `start0` the chain's initial visible state.
/// `afterTransition(t)` (t = 1 … transitions) returning false stops early (cancellation).
Matrix reconstructMasked(const BoltzmannMachine& m, const Matrix& images, const Matrix& masks, int transitions,
                         Rng& rng, CorruptionStart start = CorruptionStart::Noise,
                         std::vector<Matrix>* frames = nullptr, Matrix* start0 = nullptr,
                         const std::function<bool(int)>& afterTransition = {});

/// L1 error per row, Σ_i |x_i − x̂_i|.
Eigen::VectorXd reconstructionErrors(const Matrix& original, const Matrix& reconstructed);

struct ReconstructionScore {
  double mean = 0, stddev = 0;
  int images = 0, transitions = 0;
};

/// Reconstruct in blocks of `blockSize` images with progress/cancel (progress(fraction) false → stop);
/// progress is also reported after every transition inside a block, so long chains cancel quickly.
ReconstructionScore evaluateReconstruction(const BoltzmannMachine& m, const Matrix& images, const RowVector& mask,
                                           int transitions, std::uint64_t seed,
                                           const std::function<bool(double)>& progress = {}, int blockSize = 1000,
                                           CorruptionStart start = CorruptionStart::Noise);

}  // namespace vpf
