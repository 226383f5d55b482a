#pragma once
// CD-k and PCD-k for RBMs (DESIGN §5; Hinton 2002, Tieleman 2008, the Theano tutorial).
// Positive statistics from p(h|x) of the data; negative from a k-step Gibbs chain started at the
// data's hidden sample (CD) or at a persistent chain (PCD: one chain per batch row, hidden state
// initialised to zeros as in the Theano tutorial). Gradient of −log-likelihood:
//   ∂/∂W = −(⟨v pᵀ⟩_data − ⟨v pᵀ⟩_model),  biases likewise.
// Objective reported: reconstruction cross-entropy of the data through one h sample.
#include "core/learning/trainer.h"

namespace vpf {

class ContrastiveDivergenceTrainer : public Trainer {
 public:
  ContrastiveDivergenceTrainer(BoltzmannMachine& model, const Matrix& data, const TrainingConfig& config);

 protected:
  void prepareEpoch() override {}
  double computeGradient(const std::vector<int>& rows, BoltzmannMachine& gradient) override;
  void saveExtraState(TrainerState& s) const override;
  void restoreExtraState(const TrainerState& s) override;

 private:
  bool persistent() const { return m_config.algorithm == Algorithm::Pcd; }
  Matrix m_chain;  // PCD hidden states, batchSize × n1
};

}  // namespace vpf
