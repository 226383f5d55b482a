#pragma once
// The training algorithms, one row each (DESIGN §17): what every front end needs to know about an
// algorithm — its spelling on the command line and in model files, its names, the objective its
// trainer reports, which configuration fields it reads, the machines it can train, the Gibbs
// transitions its models need for paper Table 1 — and how to make its trainer. Adding an
// algorithm means: its trainer files, an Algorithm value, one row in algorithms.cpp, its tests.
#include <memory>
#include <string>
#include <vector>

#include "core/learning/training_config.h"
#include "core/model/boltzmann_machine.h"

namespace vpf {

class Trainer;

struct AlgorithmInfo {
  Algorithm id;
  std::string key;                    // spelling in `--algo` and meta.json: "vpf", "cd" (then "cd:K" when takesK)
  std::string name;                   // short name: "VPF", "CD" (then "CD-K" when takesK)
  std::string description;            // one line for menus: "CD-k (contrastive divergence)"
  bool takesK = false;                // reads TrainingConfig::k (Gibbs steps per update)
  bool takesMeanFieldEStep = false;   // reads TrainingConfig::meanFieldEStep
  bool rbmOnly = false;               // trains machines with one hidden layer and no intra-layer weights only
  std::string objectiveName;          // the quantity BatchStats::objective holds, for axis labels
  std::string objectiveSymbol;        // its symbol in the status line: "K", "CE"
  int reconstructionTransitions = 2;  // clamped Gibbs transitions of paper Table 1 for its models
  std::unique_ptr<Trainer> (*makeTrainer)(BoltzmannMachine&, const Matrix&, const TrainingConfig&) = nullptr;
};

/// Every algorithm, in the order menus list them.
const std::vector<AlgorithmInfo>& algorithms();
/// The row of `algorithm` (always present).
const AlgorithmInfo& algorithmInfo(Algorithm algorithm);
/// The row whose key is `key` ("vpf", "cd", …, case-insensitive), or null.
const AlgorithmInfo* findAlgorithm(const std::string& key);

}  // namespace vpf
