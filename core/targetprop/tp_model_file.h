#pragma once
// Target-propagation model files (spec C1 "Model file"): a NumPy .npz with W1, b1, W2, b2, V1, c1, V2,
// c2 (float32, C order; biases 1-D), prior_mean and prior_var once the prior is fitted, and meta.json
// {"kind": "bengio2015-tp", formatVersion, sizes, activations, config, epochsDone, history,
// priorScale, prior, dataset, createdBy, checkpoint}. Checkpoints add the optimizer moments
// (moment1_<block>.npy, moment2_<block>.npy, momentum_<block>.npy for RMSprop) and trainerState (RNG
// state, optimizer step, history) so training resumes exactly. Saved atomically.
#include <optional>
#include <string>

#include "core/targetprop/prior.h"
#include "core/targetprop/tp_trainer.h"

namespace vpf::targetprop {

struct TpModelMeta {
  int formatVersion = 1;
  std::string dataset;
  TpConfig config;  // its architecture is the model's
  int epochsDone = 0;
  std::vector<TpEpochStats> history;
  double priorScale = kPaperPriorScale;  // κ for sampling
  std::string createdBy = "VPF Lab";
};

struct TpModelFile {
  TpModel<float> model;
  TpModelMeta meta;
  std::optional<TpTrainerState> trainerState;  // present in checkpoints
};

/// Throws vpf::Error("cannot save <path>: …") when the model is invalid or the write fails.
void saveTpModel(const std::string& path, const TpModel<float>& model, const TpModelMeta& meta,
                 const TpTrainerState* trainerState = nullptr);
/// Reads and validates (kind, shapes, finite values, v ≥ 0, checkpoint consistency). Throws
/// vpf::Error naming the file and the problem; a Boltzmann model is refused naming its kind.
TpModelFile loadTpModel(const std::string& path);

}  // namespace vpf::targetprop
