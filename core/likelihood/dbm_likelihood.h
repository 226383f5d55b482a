#pragma once
// True log-likelihoods of deep Boltzmann machines, with and without intra-layer weights (DESIGN §7;
// Salakhutdinov & Hinton 2009):
//   log p(v) ≥ E_q[−E(v, h)] + H(q) − log Z, q the mean-field posterior (intra-layer terms included),
//   log Z exactly (few units) or by AIS over the joint state.
// Both sum the *summed-out* layers analytically: the even layers (the visible one included) that have
// no intra-layer weights, which are conditionally independent given the rest. The AIS path runs from
// the base-rate machine A (all weights 0, visible biases from the data's pixel marginals, hidden
// biases 0) to the model B through the machines with weights βW, βL, visible biases (1−β)b_A + βb0 and
// hidden biases βb; one Gibbs transition of the intermediate machine (gibbsTransition) per β. For an
// RBM it is the estimate of rbm_likelihood.h with the hidden layer kept instead of the visible one.
#include <cstdint>
#include <functional>
#include <vector>

#include "core/common/types.h"
#include "core/likelihood/rbm_likelihood.h"
#include "core/model/boltzmann_machine.h"

namespace vpf {

/// Per layer: summed out analytically (even, no intra-layer weights) or kept.
std::vector<bool> summedOutLayers(const BoltzmannMachine& m);
/// Units of the kept layers: what exactDbmLogPartition enumerates.
int keptUnits(const BoltzmannMachine& m);

/// log Z by enumerating the kept layers' states (≤ kMaxExactUnits units); throws vpf::Error otherwise.
PartitionEstimate exactDbmLogPartition(const BoltzmannMachine& m);

/// AIS estimate of log Z for any layered machine. `data` (N × n0, binarised) gives the base rate.
/// Deterministic for a seed; `progress(fraction)` returning false cancels (result.cancelled).
PartitionEstimate aisDbmLogPartition(const BoltzmannMachine& m, const Matrix& data, int runs, int betaSteps,
                                     std::uint64_t seed, const std::function<bool(double)>& progress = {});

struct MeanFieldSettings {
  int maxIterations = 100;  // sweeps over the hidden layers (odd ones, then even ones)
  double tolerance = 1e-6;  // stop when no mean changed by more than this in a sweep
};

/// The mean-field posterior of the hidden layers given v (N × n0): per layer l = 0 … ℓ the means
/// (layer 0 = v). Coordinate ascent on the bound: odd layers then even ones, each layer at once when
/// it has no intra-layer weights, unit by unit when it has (so the bound never decreases).
std::vector<MatrixD> meanFieldPosterior(const BoltzmannMachine& m, const Matrix& v,
                                        const MeanFieldSettings& settings = {});

/// E_q[−E(v, h)] + H(q) per row of v, with q = meanFieldPosterior: log p(v) + log Z minus KL(q‖p(h|v)).
Eigen::VectorXd meanFieldBound(const BoltzmannMachine& m, const Matrix& v, const MeanFieldSettings& settings = {});

/// Mean over the rows of `images` of the bound minus logZ, with its standard error.
LogLikelihood dbmLogLikelihoodBound(const BoltzmannMachine& m, const Matrix& images, double logZ,
                                    const MeanFieldSettings& settings = {});

}  // namespace vpf
