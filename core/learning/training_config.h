#pragma once
// Every hyper-parameter of a training run, with the paper's defaults (paper "Experiments",
// DESIGN §4–5). `validate` refuses absurd values with a message before anything is allocated.
#include <cstdint>
#include <string>
#include <vector>

namespace vpf {

enum class Algorithm { Vpf, VpfLayerwise, Cd, Pcd };  // described row by row in core/learning/algorithms.cpp
enum class OptimizerKind { Adam, Sgd };

struct TrainingConfig {
  Algorithm algorithm = Algorithm::Vpf;
  int k = 1;  // Gibbs steps for CD-k / PCD-k
  int batchSize = 40;
  double learningRate = 1e-3;
  double weightDecay = 1e-4;  // λ in λ Σ w²
  OptimizerKind optimizer = OptimizerKind::Adam;
  double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
  int epochs = 10;
  std::uint64_t seed = 42;
  bool meanFieldEStep = false;  // VPF option: probabilities instead of samples in the E-step
  double binarizeThreshold = 0.5;

  /// Throws vpf::Error naming the parameter and the accepted range. `layerSizes` includes the
  /// visible layer; `trainCount` is the number of training rows.
  void validate(const std::vector<int>& layerSizes, std::size_t trainCount) const;
};

/// "vpf", "cd:K", "pcd:K" → algorithm and k (throws vpf::Error otherwise).
void parseAlgorithm(const std::string& spec, TrainingConfig& config);
/// Inverse of parseAlgorithm: "vpf", "cd:1", "pcd:10".
std::string algorithmSpec(const TrainingConfig& config);
/// Human name: "VPF", "CD-1", "PCD-10".
std::string algorithmName(const TrainingConfig& config);

/// The settings that apply to a running training at its next epoch boundary are taken from
/// `requested` (learning rate, weight decay, Adam's β1, β2, ε, the epoch target); the others stay.
TrainingConfig withLiveSettings(const TrainingConfig& current, const TrainingConfig& requested);
/// True when `requested` changes a setting that shapes the run (algorithm, k, batch size, optimizer,
/// seed, binarisation, E-step) and so needs a new run rather than a live change.
bool needsNewRun(const TrainingConfig& current, const TrainingConfig& requested);
/// True when the live settings (see withLiveSettings) of `a` and `b` agree.
bool sameLiveSettings(const TrainingConfig& a, const TrainingConfig& b);
/// For messages: "learning rate, weight decay, …" and "algorithm, k, batch size, …".
std::string liveSettingNames();
std::string newRunSettingNames();

/// Bytes a training run of this shape needs (parameters, optimizer state, E-step states).
std::uint64_t estimatedTrainingBytes(const std::vector<int>& layerSizes, std::size_t trainCount,
                                     const TrainingConfig& config);

}  // namespace vpf
