#pragma once
// Model and checkpoint files (DESIGN §11): a NumPy .npz archive (libzip) with members W0.npy,
// W1.npy, …, b0.npy, …, L1.npy, … (float32, C order) and meta.json (architecture, algorithm,
// hyper-parameters, binarisation, epoch, metric history, format version). Checkpoints add the
// optimizer moments (adam_m_<block>.npy, adam_v_<block>.npy), PCD chains (pcd_chain.npy) and the
// RNG state (in meta.json) so training resumes bit-for-bit. Loads in Python with numpy.load.
// Saving is atomic: a temp file in the same folder, then rename; a failed save keeps the old file.
#include <optional>
#include <string>

#include "core/learning/trainer.h"
#include "core/learning/training_config.h"
#include "core/model/boltzmann_machine.h"

namespace vpf {

struct ModelMeta {
  int formatVersion = 1;
  std::string dataset;    // "mnist", "fashion", path…
  TrainingConfig config;  // algorithm, hyper-parameters, seed, binarisation threshold
  int epochsDone = 0;
  std::vector<EpochStats> history;  // per-epoch metrics
  std::string createdBy = "VPF Lab";
};

struct ModelFile {
  BoltzmannMachine model;
  ModelMeta meta;
  std::optional<TrainerState> trainerState;  // present in checkpoints
};

/// The metadata of a model trained on `dataset` with `config` for `epochsDone` epochs.
ModelMeta modelMeta(const std::string& dataset, const TrainingConfig& config, int epochsDone,
                    const std::vector<EpochStats>& history);

/// Writes model (+ trainer state when given → a checkpoint). Throws vpf::Error on failure.
void saveModel(const std::string& path, const BoltzmannMachine& model, const ModelMeta& meta,
               const TrainerState* trainerState = nullptr);
/// Reads and validates (shapes agree, symmetric zero-diagonal L, finite values). Throws vpf::Error
/// naming the file and the problem (truncated, not a zip, missing member, shape mismatch…, or a
/// model of another family such as kTargetPropKind, core/io/model_kind.h).
ModelFile loadModel(const std::string& path);

}  // namespace vpf
