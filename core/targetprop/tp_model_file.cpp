#include "core/targetprop/tp_model_file.h"

#include <filesystem>
#include <limits>
#include <set>

#include "core/common/error.h"
#include "core/common/memory_budget.h"
#include "core/io/atomic_file.h"
#include "core/io/meta_json.h"
#include "core/io/model_kind.h"
#include "core/io/npy.h"
#include "core/io/zip_archive.h"
#include "core/targetprop/tp_meta_json.h"

namespace vpf::targetprop {

using nlohmann::json;

namespace {

constexpr int kFormatVersion = 1;
constexpr std::uint64_t kMaxMetaBytes = 64ull << 20;
constexpr std::uint64_t kMaxNpyHeaderBytes = 65536 + 16;
// No member can legitimately expand beyond this multiple of the file size (see core/io/model_file).
constexpr std::uint64_t kMaxExpansion = 1100;

struct Array {
  std::string name;
  const float* data;
  std::vector<std::uint64_t> shape;  // 2-D weights, 1-D biases and moments
};

std::uint64_t u64(Eigen::Index v) { return static_cast<std::uint64_t>(v); }

template <typename M>
Array matrixArray(const std::string& name, const M& m) {
  return {name, m.data(), {u64(m.rows()), u64(m.cols())}};
}
template <typename V>
Array vectorArray(const std::string& name, const V& v) {
  return {name, v.data(), {u64(v.size())}};
}

// The parameter arrays in file order, with the shapes the architecture requires.
std::vector<Array> parameterArrays(const TpModel<float>& m) {
  return {matrixArray("W1", m.W1), vectorArray("b1", m.b1), matrixArray("W2", m.W2), vectorArray("b2", m.b2),
          matrixArray("V1", m.V1), vectorArray("c1", m.c1), matrixArray("V2", m.V2), vectorArray("c2", m.c2)};
}

std::vector<std::pair<std::string, Eigen::Index>> blockSizes(const TpModel<float>& m) {
  std::vector<std::pair<std::string, Eigen::Index>> out;
  const_cast<TpModel<float>&>(m).forEachBlock(
      [&](const char* name, float*, Eigen::Index size) { out.emplace_back(name, size); });
  return out;
}

std::string shapeText(const std::vector<std::uint64_t>& shape) {
  std::string s = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + (shape.size() == 1 ? ",)" : ")");
}

void checkFinite(const std::string& what, const float* data, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isfinite(data[i])) throw Error(what + " contains a non-finite value at index " + std::to_string(i));
}

void validate(const TpModel<float>& m) {
  const TpModel<float> shapes = zeroTpModel<float>(m.arch);
  const auto expected = parameterArrays(shapes);
  const auto actual = parameterArrays(m);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (actual[i].shape != expected[i].shape)
      throw Error(actual[i].name + " has shape " + shapeText(actual[i].shape) + ", the layer sizes need " +
                  shapeText(expected[i].shape));
    std::size_t n = 1;
    for (auto d : actual[i].shape) n *= d;
    checkFinite(actual[i].name, actual[i].data, n);
  }
  if (m.hasPrior()) {
    if (m.priorMean.size() != m.arch.hidden2 || m.priorVar.size() != m.arch.hidden2)
      throw Error("the prior needs " + std::to_string(m.arch.hidden2) + " means and variances");
    checkFinite("prior_mean", m.priorMean.data(), static_cast<std::size_t>(m.priorMean.size()));
    checkFinite("prior_var", m.priorVar.data(), static_cast<std::size_t>(m.priorVar.size()));
    if ((m.priorVar.array() < 0).any()) throw Error("prior_var has a negative variance");
  } else if (m.priorVar.size() != 0) {
    throw Error("prior_var is set without prior_mean");
  }
}

std::vector<const std::vector<std::vector<float>>*> momentLists(const OptimizerState& o, bool rms) {
  std::vector<const std::vector<std::vector<float>>*> lists{&o.firstMoment, &o.secondMoment};
  if (rms) lists.push_back(&o.momentum);
  return lists;
}

const char* const kMomentPrefixes[] = {"moment1_", "moment2_", "momentum_"};

bool isReservedMember(const std::string& name) {
  static const std::set<std::string> parameters{"W1.npy", "b1.npy", "W2.npy", "b2.npy",         "V1.npy",
                                                "c1.npy", "V2.npy", "c2.npy", "prior_mean.npy", "prior_var.npy"};
  if (parameters.count(name)) return true;
  for (const char* prefix : kMomentPrefixes)
    if (name.rfind(prefix, 0) == 0) return true;
  return false;
}

class Loader {
 public:
  explicit Loader(const std::string& path) : m_zip(path) {
    std::error_code ec;
    const auto bytes = std::filesystem::file_size(path, ec);
    m_plausible = ec ? std::numeric_limits<std::uint64_t>::max() / 2 : bytes * kMaxExpansion + kMaxNpyHeaderBytes;
  }

  TpModelFile load() {
    if (!m_zip.contains("meta.json")) throw Error("missing member meta.json (not a VPF Lab model file?)");
    json root;
    try {
      root = json::parse(m_zip.read("meta.json", std::min(kMaxMetaBytes, m_plausible)));
    } catch (const json::parse_error& e) {
      throw Error(std::string("meta.json is not valid JSON: ") + e.what());
    }
    if (!root.is_object()) throw Error("meta.json is not a JSON object");
    const JsonObject meta(root, "");
    const std::string kind = meta.has("kind") ? meta.string("kind") : "";
    if (kind != kTargetPropKind)
      throw Error("is a Boltzmann machine model (kind \"" + (kind.empty() ? std::string("none") : kind) +
                  "\"), not a " + kTargetPropKind + " (target propagation) model");
    const long long version = meta.integer("formatVersion", 0, std::numeric_limits<int>::max());
    if (version != kFormatVersion)
      throw Error("unsupported formatVersion " + std::to_string(version) + " of a " + kTargetPropKind +
                  " file (this VPF Lab reads version " + std::to_string(kFormatVersion) + ")");

    TpModelFile file;
    TpModel<float>& m = file.model;
    const TpArchitecture arch = tpArchitectureFromJson(root);
    try {
      arch.validate();
    } catch (const Error& e) {
      meta.fail("sizes", e.what());
    }
    {
      // Before anything is allocated: the parameters as float32, their decoded .npy copies, and a
      // checkpoint's three optimizer moments per parameter.
      const double v = arch.visible, h1 = arch.hidden1, h2 = arch.hidden2;
      const double parameters = 2 * v * h1 + 2 * h1 * h2 + v + 2 * h1 + h2 + 2 * h2;  // + the prior's μ, v
      const bool checkpoint =
          meta.has("checkpoint") && meta.at("checkpoint").is_boolean() && meta.boolean("checkpoint");
      requireMemory(static_cast<std::uint64_t>(parameters * sizeof(float) * (checkpoint ? 5 : 2)),
                    "the " + std::string(kTargetPropKind) + " model " + std::to_string(arch.visible) + "-" +
                        std::to_string(arch.hidden1) + "-" + std::to_string(arch.hidden2));
    }
    m = zeroTpModel<float>(arch);
    m.W1 = readArray("W1", {u64(arch.visible), u64(arch.hidden1)});
    m.b1 = readArray("b1", {u64(arch.hidden1)});
    m.W2 = readArray("W2", {u64(arch.hidden1), u64(arch.hidden2)});
    m.b2 = readArray("b2", {u64(arch.hidden2)});
    m.V1 = readArray("V1", {u64(arch.hidden1), u64(arch.visible)});
    m.c1 = readArray("c1", {u64(arch.visible)});
    m.V2 = readArray("V2", {u64(arch.hidden2), u64(arch.hidden1)});
    m.c2 = readArray("c2", {u64(arch.hidden1)});
    if (meta.boolean("prior")) {
      m.priorMean = readArray("prior_mean", {u64(arch.hidden2)});
      m.priorVar = readArray("prior_var", {u64(arch.hidden2)});
    }
    try {
      validate(m);
    } catch (const Error& e) {
      throw Error(std::string("invalid model: ") + e.what());
    }

    TpModelMeta& mm = file.meta;
    mm.formatVersion = static_cast<int>(version);
    if (meta.has("dataset")) mm.dataset = meta.string("dataset");
    mm.config = tpConfigFromJson(meta.at("config"), "config", arch);
    mm.epochsDone = static_cast<int>(meta.integer("epochsDone", 0, std::numeric_limits<int>::max()));
    if (meta.has("history")) mm.history = tpHistoryFromJson(meta.at("history"), "history");
    mm.priorScale = meta.number("priorScale");
    if (!(mm.priorScale > 0)) meta.fail("priorScale", "must be positive");
    if (meta.has("createdBy")) mm.createdBy = meta.string("createdBy");

    const bool checkpoint = meta.boolean("checkpoint");
    if (checkpoint)
      file.trainerState = readTrainerState(meta, m, mm.config);
    else if (meta.has("trainerState"))
      meta.fail("trainerState", "present but \"checkpoint\" is not true");
    for (const auto& name : m_zip.names())
      if (isReservedMember(name) && !m_used.count(name))
        throw Error("unexpected member " + name + " (meta.json does not describe it)");
    return file;
  }

 private:
  Matrix readArray(const std::string& name, const std::vector<std::uint64_t>& shape) {
    const std::string member = name + ".npy";
    if (!m_zip.contains(member)) throw Error("missing member " + member);
    m_used.insert(member);
    std::uint64_t bytes = sizeof(float);
    for (auto d : shape) bytes *= d;
    const NpyArray array =
        decodeNpy(m_zip.read(member, std::min(m_plausible, bytes + kMaxNpyHeaderBytes)), "member " + member);
    if (array.dtype != "<f4")
      throw Error("member " + member + " has dtype '" + array.dtype + "', expected '<f4' (float32)");
    if (array.shape != shape)
      throw Error("member " + member + " has shape " + shapeText(array.shape) + " but meta.json sizes need " +
                  shapeText(shape));
    Matrix out = npyToMatrix(array, "member " + member);
    checkFinite("member " + member, out.data(), static_cast<std::size_t>(out.size()));
    return out;
  }

  TpTrainerState readTrainerState(const JsonObject& meta, const TpModel<float>& m, const TpConfig& config) {
    const JsonObject t(meta.at("trainerState"), "trainerState");
    TpTrainerState s;
    s.epochsDone = static_cast<int>(t.integer("epochsDone", 0, std::numeric_limits<int>::max()));
    s.rngState = t.string("rngState");
    try {
      Rng probe;
      probe.setState(s.rngState);
    } catch (const Error&) {
      t.fail("rngState", "not a valid random-generator state");
    }
    s.optimizer.step = t.integer("optimizerStep", 0, std::numeric_limits<long long>::max());
    if (t.has("history")) s.history = tpHistoryFromJson(t.at("history"), "trainerState.history");
    const bool moments = t.boolean("optimizerMoments");
    if (moments) {
      if (config.optimizer.rule == UpdateRule::Sgd) t.fail("optimizerMoments", "SGD keeps no moments");
      const bool rms = config.optimizer.rule == UpdateRule::CentredRmsprop;
      std::vector<std::vector<std::vector<float>>*> lists{&s.optimizer.firstMoment, &s.optimizer.secondMoment};
      if (rms) lists.push_back(&s.optimizer.momentum);
      for (const auto& [name, size] : blockSizes(m))
        for (std::size_t k = 0; k < lists.size(); ++k) {
          const Matrix v = readArray(kMomentPrefixes[k] + name, {u64(size)});
          lists[k]->emplace_back(v.data(), v.data() + v.size());
        }
    }
    return s;
  }

  ZipReader m_zip;
  std::uint64_t m_plausible = 0;
  std::set<std::string> m_used;
};

}  // namespace

void saveTpModel(const std::string& path, const TpModel<float>& model, const TpModelMeta& meta,
                 const TpTrainerState* trainerState) {
  std::string archive;
  try {
    validate(model);
    if (!(meta.config.architecture == model.arch))
      throw Error("the settings' layer sizes or activations differ from the model's");
    json j = toJson(model.arch);
    j["formatVersion"] = kFormatVersion;
    j["kind"] = kTargetPropKind;
    j["config"] = toJson(meta.config);
    j["dataset"] = meta.dataset;
    j["epochsDone"] = meta.epochsDone;
    j["history"] = toJson(meta.history);
    j["priorScale"] = meta.priorScale;
    j["prior"] = model.hasPrior();
    j["createdBy"] = meta.createdBy;
    j["checkpoint"] = trainerState != nullptr;

    std::vector<std::pair<std::string, std::string>> members;
    members.emplace_back("meta.json", "");  // first, so a reader sees the description before the arrays
    for (const Array& a : parameterArrays(model)) members.emplace_back(a.name + ".npy", encodeNpy(a.data, a.shape));
    if (model.hasPrior()) {
      members.emplace_back("prior_mean.npy", encodeNpy(model.priorMean.data(), {u64(model.priorMean.size())}));
      members.emplace_back("prior_var.npy", encodeNpy(model.priorVar.data(), {u64(model.priorVar.size())}));
    }
    if (trainerState) {
      const TpTrainerState& s = *trainerState;
      const bool rms = meta.config.optimizer.rule == UpdateRule::CentredRmsprop;
      const bool moments = !s.optimizer.firstMoment.empty();
      if (moments) {
        const auto blocks = blockSizes(model);
        const auto lists = momentLists(s.optimizer, rms);
        for (std::size_t k = 0; k < lists.size(); ++k) {
          if (lists[k]->size() != blocks.size())
            throw Error("the optimizer state does not match the model's " + std::to_string(blocks.size()) +
                        " parameter blocks");
          for (std::size_t b = 0; b < blocks.size(); ++b) {
            const auto& v = (*lists[k])[b];
            if (static_cast<Eigen::Index>(v.size()) != blocks[b].second)
              throw Error("an optimizer moment of block " + blocks[b].first + " has the wrong size");
            checkFinite("optimizer moment of " + blocks[b].first, v.data(), v.size());
            members.emplace_back(kMomentPrefixes[k] + blocks[b].first + ".npy", encodeNpy(v.data(), {u64(v.size())}));
          }
        }
      }
      j["trainerState"] = json{{"epochsDone", s.epochsDone},
                               {"rngState", s.rngState},
                               {"optimizerStep", s.optimizer.step},
                               {"optimizerMoments", moments},
                               {"history", toJson(s.history)}};
    }
    members.front().second = j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
    archive = buildZip(members);
  } catch (const std::exception& e) {
    throw Error("cannot save " + path + ": " + e.what());
  }
  writeFileAtomically(path, archive);
}

TpModelFile loadTpModel(const std::string& path) {
  try {
    Loader loader(path);
    return loader.load();
  } catch (const Error& e) {
    throw Error(path + ": " + e.what());
  } catch (const std::bad_alloc&) {
    throw Error(path + ": out of memory while reading the model");
  } catch (const std::exception& e) {
    throw Error(path + ": " + e.what());
  }
}

}  // namespace vpf::targetprop
