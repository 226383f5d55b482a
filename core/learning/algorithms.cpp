#include "core/learning/algorithms.h"

#include <algorithm>
#include <cctype>

#include "core/learning/contrastive_divergence.h"
#include "core/learning/vpf_layerwise_trainer.h"
#include "core/learning/vpf_trainer.h"

namespace vpf {

namespace {

template <typename T>
std::unique_ptr<Trainer> make(BoltzmannMachine& model, const Matrix& data, const TrainingConfig& config) {
  return std::make_unique<T>(model, data, config);
}

std::vector<AlgorithmInfo> makeTable() {
  AlgorithmInfo vpf{Algorithm::Vpf, "vpf", "VPF", "VPF (variational probability flow)"};
  vpf.takesMeanFieldEStep = true;
  vpf.objectiveName = "MPF objective K (per sample)";
  vpf.objectiveSymbol = "K";
  vpf.reconstructionTransitions = 2;  // paper Table 1: two transitions suffice for VPF models
  vpf.makeTrainer = make<VpfTrainer>;

  AlgorithmInfo layerwise = vpf;
  layerwise.id = Algorithm::VpfLayerwise;
  layerwise.key = "vpf-layerwise";
  layerwise.name = "VPF layer-wise";
  layerwise.description = "VPF, one MPF objective per layer pair (a stack of RBMs; not in the paper)";
  layerwise.makeTrainer = make<VpfLayerwiseTrainer>;

  AlgorithmInfo cd{Algorithm::Cd, "cd", "CD", "CD-k (contrastive divergence)"};
  cd.takesK = true;
  cd.rbmOnly = true;
  cd.objectiveName = "reconstruction cross-entropy";
  cd.objectiveSymbol = "CE";
  cd.reconstructionTransitions = 1000;  // paper Table 1: CD/PCD chains need 1000 to mix
  cd.makeTrainer = make<ContrastiveDivergenceTrainer>;

  AlgorithmInfo pcd = cd;
  pcd.id = Algorithm::Pcd;
  pcd.key = "pcd";
  pcd.name = "PCD";
  pcd.description = "PCD-k (persistent CD)";
  return {vpf, layerwise, cd, pcd};
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

const std::vector<AlgorithmInfo>& algorithms() {
  static const std::vector<AlgorithmInfo> table = makeTable();
  return table;
}

const AlgorithmInfo& algorithmInfo(Algorithm algorithm) {
  for (const AlgorithmInfo& a : algorithms())
    if (a.id == algorithm) return a;
  return algorithms().front();  // unreachable: every Algorithm value has a row (test_training_config)
}

const AlgorithmInfo* findAlgorithm(const std::string& key) {
  const std::string k = lower(key);
  for (const AlgorithmInfo& a : algorithms())
    if (a.key == k) return &a;
  return nullptr;
}

}  // namespace vpf
