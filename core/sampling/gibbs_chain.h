#pragma once
// A Gibbs chain that keeps its full state and a step counter, so the GUI and tests can advance it
// one step at a time (DESIGN §6). One step = odd layers given their neighbours, then even layers
// (visible included) given theirs; for DBM2 each hidden layer is followed by its asynchronous
// intra-layer sweep (paper eq. 5). For an RBM this is h ~ p(h|v), v ~ p(v|h).
// Optional clamping keeps known visible pixels (mask 0) at the given image.
#include <vector>

#include "core/common/rng.h"
#include "core/common/types.h"
#include "core/model/boltzmann_machine.h"

namespace vpf {

/// One transition of a layered machine on `samples` (per layer N × n_l), odd layers first, then
/// even ones; `probs` receives the probabilities each layer was sampled from. When `masks` is
/// given (N × n0, 1 = free), visible pixels with mask 0 are reset to `images` after sampling.
void gibbsTransition(const BoltzmannMachine& m, std::vector<Matrix>& samples, std::vector<Matrix>& probs, Rng& rng,
                     const Matrix* masks = nullptr, const Matrix* images = nullptr);

/// The layer updates of one transition in order: odd layers, then even ones (gibbsTransition).
std::vector<int> gibbsUpdateOrder(const BoltzmannMachine& m);
/// One layer update of gibbsTransition: layer l given its neighbours (for DBM2 hidden layers the
/// asynchronous intra-layer sweep of paper eq. 5); `probs` must have one entry per layer.
void gibbsUpdateLayer(const BoltzmannMachine& m, int l, std::vector<Matrix>& samples, std::vector<Matrix>& probs,
                      Rng& rng, const Matrix* masks = nullptr, const Matrix* images = nullptr);

class GibbsChain {
 public:
  /// Starts from visible states `v0` (N × n0); hidden layers start by an upward pass (samples).
  GibbsChain(const BoltzmannMachine& model, const Matrix& v0, std::uint64_t seed);

  /// Clamp: pixels with mask 0 stay at `image` (rows broadcast), mask 1 pixels are sampled.
  void setClamp(const RowVector& corruptionMask, const Matrix& image);
  /// Per-chain masks (N × n0, 1 = free pixel) and images (N × n0).
  void setClamp(const Matrix& corruptionMasks, const Matrix& images);
  void clearClamp();

  void step();                       // one full transition (finishes a partly done one)
  /// One layer update of the current transition (gibbsUpdateOrder); the step counter advances
  /// after the last one. Stepping sub-step by sub-step gives exactly the same chain as step().
  void subStep();
  /// Index into updateOrder() of the next layer update (0 at a transition boundary).
  int subStepIndex() const { return m_subStep; }
  const std::vector<int>& updateOrder() const { return m_order; }
  void run(int steps) { for (int i = 0; i < steps; ++i) step(); }
  long long stepCount() const { return m_steps; }

  const std::vector<Matrix>& samples() const { return m_samples; }        // per layer, N × n_l
  const std::vector<Matrix>& probabilities() const { return m_probs; }    // per layer, as sampled
  /// Energy of the current joint state, per chain (row).
  Eigen::VectorXd energies() const;
  const BoltzmannMachine& model() const { return m_model; }

 private:
  const BoltzmannMachine& m_model;
  Rng m_rng;
  std::vector<Matrix> m_samples, m_probs;
  Matrix m_masks, m_clampImages;  // empty when not clamped
  std::vector<int> m_order;
  int m_subStep = 0;
  long long m_steps = 0;
};

}  // namespace vpf
