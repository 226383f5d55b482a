#pragma once
// VPF (paper Alg. 1, DESIGN §4). Each epoch: E-step over the WHOLE training set with the
// parameters at the start of the epoch — h_i ~ Bernoulli(sigmoid(h_{i−1}W[i−1] + b_i)) bottom-up,
// top-down input zeroed, then (DBM2) one asynchronous intra-layer sweep per hidden layer (eq. 5);
// one sample per data point. M-step: shuffled minibatches over y = (x, h), MPF gradient
// (eq. 1–2) for all layers at once.
#include "core/learning/trainer.h"

namespace vpf {

class VpfTrainer : public Trainer {
 public:
  VpfTrainer(BoltzmannMachine& model, const Matrix& data, const TrainingConfig& config);

  /// Hidden states of the current epoch's E-step, per hidden layer (N × n_l); for inspection.
  const std::vector<Matrix>& hiddenStates() const { return m_hidden; }

 protected:
  void prepareEpoch() override;
  double computeGradient(const std::vector<int>& rows, BoltzmannMachine& gradient) override;
  /// The complete states y = (x, h_1, …, h_ℓ) of the batch `rows` (reused storage).
  const std::vector<Matrix>& gatherBatch(const std::vector<int>& rows);

 private:
  std::vector<Matrix> m_hidden;  // index l−1 for layer l
  std::vector<Matrix> m_batch;   // batch states per layer (reused)
};

}  // namespace vpf
