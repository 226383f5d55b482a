#include "core/learning/training_config.h"

#include <cmath>
#include <fstream>
#include <sstream>

#include "core/common/error.h"
#include "core/common/memory_budget.h"
#include "core/learning/algorithms.h"

namespace vpf {

namespace {
std::string str(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}
}  // namespace

void TrainingConfig::validate(const std::vector<int>& layerSizes, std::size_t trainCount) const {
  if (layerSizes.size() < 2) throw Error("the model needs a visible and at least one hidden layer");
  for (std::size_t l = 0; l < layerSizes.size(); ++l)
    if (layerSizes[l] <= 0)
      throw Error("layer " + std::to_string(l) + " has " + std::to_string(layerSizes[l]) +
                  " units; every layer needs at least one unit");
  if (batchSize <= 0) throw Error("batch size must be at least 1 (got " + std::to_string(batchSize) + ")");
  if (batchSize > 100000) throw Error("batch size " + std::to_string(batchSize) + " is too large (at most 100000)");
  if (trainCount == 0) throw Error("the training set is empty");
  if (!(learningRate > 0) || !std::isfinite(learningRate) || learningRate > 10)
    throw Error("learning rate must be in (0, 10] (got " + str(learningRate) + ")");
  if (!(weightDecay >= 0) || !std::isfinite(weightDecay) || weightDecay > 1)
    throw Error("weight decay must be in [0, 1] (got " + str(weightDecay) + ")");
  if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1))
    throw Error("Adam betas must be in [0, 1) (got " + str(beta1) + ", " + str(beta2) + ")");
  if (!(epsilon > 0) || !std::isfinite(epsilon))
    throw Error("Adam epsilon must be positive (got " + str(epsilon) + ")");
  if (epochs < 0 || epochs > 100000) throw Error("epochs must be in [0, 100000] (got " + std::to_string(epochs) + ")");
  const AlgorithmInfo& info = algorithmInfo(algorithm);
  if (info.takesK && (k < 1 || k > 100000))
    throw Error(info.name + " steps k must be in [1, 100000] (got " + std::to_string(k) + ")");
  if (info.rbmOnly && layerSizes.size() != 2)
    throw Error(algorithmName(*this) + " trains RBMs only (one hidden layer); use VPF for deep machines");
  if (!(binarizeThreshold >= 0 && binarizeThreshold < 1))
    throw Error("binarisation threshold must be in [0, 1) (got " + str(binarizeThreshold) + ")");
  const std::uint64_t need = estimatedTrainingBytes(layerSizes, trainCount, *this);
  // 80 % of what is available: the data set, the GUI and the snapshots need the rest.
  const std::uint64_t have = availableMemoryBytes();
  if (need > have / 10 * 8)
    throw Error("this model needs about " + formatBytes(need) + " of memory, but only " + formatBytes(have) +
                " is available; use fewer or smaller layers");
}

void parseAlgorithm(const std::string& spec, TrainingConfig& config) {
  std::string keys;
  for (const AlgorithmInfo& a : algorithms()) keys += (keys.empty() ? "" : ", ") + a.key + (a.takesK ? ":K" : "");
  const std::string usage = "expected " + keys + " (e.g. cd:1, pcd:10), got '" + spec + "'";
  const auto colon = spec.find(':');
  const AlgorithmInfo* info = findAlgorithm(spec.substr(0, colon));
  if (!info || (!info->takesK && colon != std::string::npos)) throw Error("invalid algorithm: " + usage);
  int k = 1;
  if (colon != std::string::npos) {
    std::size_t used = 0;
    try {
      k = std::stoi(spec.substr(colon + 1), &used);
    } catch (...) {
      throw Error("invalid algorithm: " + usage);
    }
    if (used != spec.size() - colon - 1 || k < 1) throw Error("invalid algorithm: " + usage);
  }
  config.algorithm = info->id;
  if (info->takesK) config.k = k;
}

std::string algorithmSpec(const TrainingConfig& config) {
  const AlgorithmInfo& a = algorithmInfo(config.algorithm);
  return a.takesK ? a.key + ":" + std::to_string(config.k) : a.key;
}

std::string algorithmName(const TrainingConfig& config) {
  const AlgorithmInfo& a = algorithmInfo(config.algorithm);
  return a.takesK ? a.name + "-" + std::to_string(config.k) : a.name;
}

namespace {

// Every field of TrainingConfig once: whether a change applies to a running training (at its next
// epoch boundary) or needs a new run — because it shapes the data, the random stream or the trainer.
struct ConfigField {
  const char* label;
  bool live;
  bool (*same)(const TrainingConfig&, const TrainingConfig&);
  void (*copy)(TrainingConfig& to, const TrainingConfig& from);
  bool (*readBy)(const AlgorithmInfo&) = nullptr;  // null: every algorithm reads it
};

#define VPF_CONFIG_FIELD(member, label, live, ...)                                                      \
  ConfigField {                                                                                         \
    label, live, [](const TrainingConfig& a, const TrainingConfig& b) { return a.member == b.member; }, \
        [](TrainingConfig& to, const TrainingConfig& from) { to.member = from.member; }, __VA_ARGS__    \
  }

const ConfigField kFields[] = {
    VPF_CONFIG_FIELD(algorithm, "algorithm", false),
    VPF_CONFIG_FIELD(k, "k", false, [](const AlgorithmInfo& a) { return a.takesK; }),
    VPF_CONFIG_FIELD(meanFieldEStep, "mean-field E-step", false, [](const AlgorithmInfo& a) { return a.takesMeanFieldEStep; }),
    VPF_CONFIG_FIELD(batchSize, "batch size", false),
    VPF_CONFIG_FIELD(optimizer, "optimizer", false),
    VPF_CONFIG_FIELD(seed, "seed", false),
    VPF_CONFIG_FIELD(binarizeThreshold, "binarisation", false),
    VPF_CONFIG_FIELD(learningRate, "learning rate", true),
    VPF_CONFIG_FIELD(weightDecay, "weight decay", true),
    VPF_CONFIG_FIELD(beta1, "β1", true),
    VPF_CONFIG_FIELD(beta2, "β2", true),
    VPF_CONFIG_FIELD(epsilon, "ε", true),
    VPF_CONFIG_FIELD(epochs, "epochs", true),
};
#undef VPF_CONFIG_FIELD

bool readBy(const ConfigField& f, const TrainingConfig& c) { return !f.readBy || f.readBy(algorithmInfo(c.algorithm)); }

std::string joinLabels(bool live) {
  std::string out;
  for (const ConfigField& f : kFields)
    if (f.live == live) out += (out.empty() ? "" : ", ") + std::string(f.label);
  return out;
}

}  // namespace

TrainingConfig withLiveSettings(const TrainingConfig& current, const TrainingConfig& requested) {
  TrainingConfig next = current;
  for (const ConfigField& f : kFields)
    if (f.live) f.copy(next, requested);
  return next;
}

bool needsNewRun(const TrainingConfig& current, const TrainingConfig& requested) {
  for (const ConfigField& f : kFields)
    if (!f.live && (readBy(f, current) || readBy(f, requested)) && !f.same(current, requested)) return true;
  return false;
}

bool sameLiveSettings(const TrainingConfig& a, const TrainingConfig& b) {
  for (const ConfigField& f : kFields)
    if (f.live && !f.same(a, b)) return false;
  return true;
}

std::string liveSettingNames() { return joinLabels(true); }
std::string newRunSettingNames() { return joinLabels(false); }

std::uint64_t estimatedTrainingBytes(const std::vector<int>& sizes, std::size_t trainCount,
                                     const TrainingConfig& config) {
  std::uint64_t params = 0, units = 0;
  for (std::size_t l = 0; l < sizes.size(); ++l) {
    const auto n = static_cast<std::uint64_t>(sizes[l]);
    units += n;
    params += n;
    if (l + 1 < sizes.size()) params += n * static_cast<std::uint64_t>(sizes[l + 1]);
    if (l > 0) params += n * n;  // worst case: intra-layer weights
  }
  // model + gradient + last good copy + 2 Adam moments; E-step states of every layer for the set;
  // a few batch-sized work matrices.
  const std::uint64_t batch = static_cast<std::uint64_t>(std::max(config.batchSize, 1));
  return 4 * (5 * params + units * static_cast<std::uint64_t>(trainCount) + 8 * units * batch);
}

}  // namespace vpf
