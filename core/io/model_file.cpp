#include "core/io/model_file.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <set>

#include "core/common/error.h"
#include "core/common/memory_budget.h"
#include "core/common/rng.h"
#include "core/io/atomic_file.h"
#include "core/io/csv_writer.h"
#include "core/io/meta_json.h"
#include "core/io/model_kind.h"
#include "core/io/npy.h"
#include "core/io/zip_archive.h"

namespace vpf {

using nlohmann::json;

namespace {

constexpr int kFormatVersion = 1;
constexpr long long kMaxLayerSize = 1 << 24;
constexpr std::size_t kMaxLayers = 64;
constexpr std::uint64_t kMaxMetaBytes = 64ull << 20;
constexpr std::uint64_t kMaxNpyHeaderBytes = 65536 + 16;
constexpr long long kMaxChains = 1024;
// Deflate cannot expand data by more than ~1032:1, so no member of a file can legitimately be
// larger than this multiple of the file size (guards allocations against a lying directory).
constexpr std::uint64_t kMaxExpansion = 1100;

struct Block {
  std::string name;
  Eigen::Index size;
};

std::vector<Block> blocksOf(const BoltzmannMachine& model) {
  std::vector<Block> out;
  // forEachBlock is non-const only because it hands out mutable pointers; here we only read names
  // and sizes, so the optimizer-state order stays defined in one place.
  const_cast<BoltzmannMachine&>(model).forEachBlock([&](const std::string& name, float*, Eigen::Index size, bool) {
    out.push_back({name, size});
  });
  return out;
}

// Built with += rather than "lit" + std::string&&, which trips GCC 12's bogus -Wrestrict.
std::string indexed(const char* prefix, std::size_t index) {
  std::string s(prefix);
  s += std::to_string(index);
  return s;
}

std::string shapeText(Eigen::Index rows, Eigen::Index cols) {
  std::string s(1, '(');
  s += std::to_string(rows);
  s += ", ";
  s += std::to_string(cols);
  s += ')';
  return s;
}

std::string shapeText(const std::vector<std::uint64_t>& shape) {
  std::string s = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + (shape.size() == 1 ? ",)" : ")");
}

// Position of the first non-finite value, for messages; -1 if all finite.
Eigen::Index firstNonFinite(const float* data, Eigen::Index n) {
  for (Eigen::Index i = 0; i < n; ++i)
    if (!std::isfinite(data[i])) return i;
  return -1;
}

void checkFinite(const std::string& member, const float* data, Eigen::Index n, Eigen::Index cols) {
  const Eigen::Index i = firstNonFinite(data, n);
  if (i < 0) return;
  std::string where = cols > 0 ? shapeText(i / cols, i % cols) : std::string(1, '[');
  if (cols <= 0) where += std::to_string(i) + "]";
  throw Error(member + " contains a non-finite value (" + std::to_string(data[i]) + ") at " + where);
}

// Intra-layer weights are one parameter per edge: symmetric with a zero diagonal. The optimizer
// keeps them exactly so; the tolerance only forgives last-bit differences from vectorised code.
void checkIntra(const std::string& member, const Matrix& L) {
  for (Eigen::Index i = 0; i < L.rows(); ++i)
    if (L(i, i) != 0.0f)
      throw Error(member + " (intra-layer weights) has a non-zero diagonal entry at (" + std::to_string(i) + ", " +
                  std::to_string(i) + ")");
  const float scale = std::max(L.cwiseAbs().maxCoeff(), std::numeric_limits<float>::min());
  for (Eigen::Index i = 0; i < L.rows(); ++i)
    for (Eigen::Index j = i + 1; j < L.cols(); ++j)
      if (std::abs(L(i, j) - L(j, i)) > 1e-5f * scale)
        throw Error(member + " (intra-layer weights) is not symmetric: entry " + shapeText(i, j) + " = " +
                    std::to_string(L(i, j)) + " but " + shapeText(j, i) + " = " + std::to_string(L(j, i)));
}

// Everything a loaded model must satisfy; also checked before saving so we never write a file we
// would refuse to read.
// `inFile`: name the arrays as archive members ("member L1.npy") rather than parameters ("L1").
void validateModel(const BoltzmannMachine& m, bool inFile) {
  const auto name = [inFile](const char* prefix, std::size_t l) {
    if (!inFile) return indexed(prefix, l);
    std::string s = "member ";
    s += indexed(prefix, l);
    s += ".npy";
    return s;
  };
  const std::size_t layers = m.sizes.size();
  if (layers < 2 || layers > kMaxLayers)
    throw Error("a model needs 2 to " + std::to_string(kMaxLayers) + " layers, this one has " + std::to_string(layers));
  for (int n : m.sizes)
    if (n < 1 || n > kMaxLayerSize) throw Error("layer size " + std::to_string(n) + " is out of range");
  if (m.W.size() != layers - 1 || m.b.size() != layers || (!m.L.empty() && m.L.size() != layers))
    throw Error("the model's parameter lists do not match its " + std::to_string(layers) + " layers");
  for (std::size_t l = 0; l < layers; ++l) {
    const Eigen::Index n = m.sizes[l];
    if (l + 1 < layers && (m.W[l].rows() != n || m.W[l].cols() != m.sizes[l + 1]))
      throw Error(name("W", l) + " has shape " + shapeText(m.W[l].rows(), m.W[l].cols()) + ", the layer sizes need " +
                  shapeText(n, m.sizes[l + 1]));
    if (m.b[l].size() != n)
      throw Error(name("b", l) + " has " + std::to_string(m.b[l].size()) + " entries, layer " + std::to_string(l) +
                  " has " + std::to_string(n) + " units");
    if (m.hasIntra(static_cast<int>(l)) && (m.L[l].rows() != n || m.L[l].cols() != n))
      throw Error(name("L", l) + " has shape " + shapeText(m.L[l].rows(), m.L[l].cols()) + ", layer " +
                  std::to_string(l) + " needs " + shapeText(n, n));
  }
  for (std::size_t l = 0; l + 1 < layers; ++l) checkFinite(name("W", l), m.W[l].data(), m.W[l].size(), m.W[l].cols());
  for (std::size_t l = 0; l < layers; ++l) checkFinite(name("b", l), m.b[l].data(), m.b[l].size(), 0);
  for (std::size_t l = 0; l < m.L.size(); ++l) {
    if (!m.hasIntra(static_cast<int>(l))) continue;
    checkFinite(name("L", l), m.L[l].data(), m.L[l].size(), m.L[l].cols());
    checkIntra(name("L", l), m.L[l]);
  }
}

std::string npyOf(const float* data, std::vector<std::uint64_t> shape) { return encodeNpy(data, shape); }

std::uint64_t u64(Eigen::Index v) { return static_cast<std::uint64_t>(v); }

// Member names of the parameter and checkpoint arrays; anything else (e.g. a README a user added
// with Python) is ignored by the loader.
bool isReservedMember(const std::string& name) {
  if (name.size() < 5 || name.compare(name.size() - 4, 4, ".npy") != 0) return false;
  const std::string stem = name.substr(0, name.size() - 4);
  if (stem.rfind("adam_", 0) == 0 || stem.rfind("pcd_chain", 0) == 0) return true;
  return (stem[0] == 'W' || stem[0] == 'b' || stem[0] == 'L') && stem.size() > 1 &&
         std::all_of(stem.begin() + 1, stem.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string sizesText(const std::vector<long long>& sizes) {
  std::string text;
  for (std::size_t i = 0; i < sizes.size(); ++i) text += (i ? "-" : "") + std::to_string(sizes[i]);
  return text;
}

// What loading needs before anything is allocated: the parameters as float32 and their decoded .npy
// copies; a checkpoint adds Adam's two moments per parameter and at most kMaxChains PCD chains.
std::uint64_t declaredBytes(const JsonObject& meta, const std::vector<long long>& sizes, const json& intra) {
  double parameters = 0, units = 0;
  for (std::size_t l = 0; l < sizes.size(); ++l) {
    const double n = static_cast<double>(sizes[l]);
    units += n;
    parameters +=
        n + (l + 1 < sizes.size() ? n * static_cast<double>(sizes[l + 1]) : 0) + (intra[l].get<bool>() ? n * n : 0);
  }
  const bool checkpoint = meta.has("checkpoint") && meta.at("checkpoint").is_boolean() && meta.boolean("checkpoint");
  const double bytes = sizeof(float) * (2 * parameters + (checkpoint ? 2 * parameters + kMaxChains * units : 0));
  return bytes >= 1.8e19 ? std::numeric_limits<std::uint64_t>::max() : static_cast<std::uint64_t>(bytes);
}

class Loader {
 public:
  explicit Loader(const std::string& path) : m_zip(path) {
    std::error_code ec;
    const auto bytes = std::filesystem::file_size(path, ec);
    m_plausible = ec ? std::numeric_limits<std::uint64_t>::max() / 2 : bytes * kMaxExpansion + kMaxNpyHeaderBytes;
  }

  ModelFile load() {
    if (!m_zip.contains("meta.json")) throw Error("missing member meta.json (not a VPF Lab model file?)");
    json root;
    try {
      root = json::parse(m_zip.read("meta.json", std::min(kMaxMetaBytes, m_plausible)));
    } catch (const json::parse_error& e) {
      throw Error(std::string("meta.json is not valid JSON: ") + e.what());
    }
    if (root.is_object() && root.contains("kind") && root["kind"] == kTargetPropKind)
      throw Error(std::string("is a ") + kTargetPropKind +
                  " model (target propagation, Bengio et al. 2015), not a Boltzmann machine; it cannot be opened "
                  "here");
    const JsonObject meta(root, "");
    const long long version = meta.integer("formatVersion", 0, std::numeric_limits<int>::max());
    if (version != kFormatVersion)
      throw Error("unsupported formatVersion " + std::to_string(version) + " (this VPF Lab reads version " +
                  std::to_string(kFormatVersion) +
                  (version > kFormatVersion ? "; the file is from a newer version)" : ")"));

    ModelFile file;
    BoltzmannMachine& m = file.model;
    const auto sizes = meta.integers("sizes", 1, kMaxLayerSize);
    if (sizes.size() < 2 || sizes.size() > kMaxLayers)
      meta.fail("sizes",
                "needs 2 to " + std::to_string(kMaxLayers) + " layer sizes, got " + std::to_string(sizes.size()));
    for (auto n : sizes) m.sizes.push_back(static_cast<int>(n));
    const json& intraJson = meta.at("intra");
    if (!intraJson.is_array() || intraJson.size() != sizes.size() ||
        !std::all_of(intraJson.begin(), intraJson.end(), [](const json& v) { return v.is_boolean(); }))
      meta.fail("intra", "expected " + std::to_string(sizes.size()) + " booleans (one per layer)");
    if (meta.has("init")) m.init = initOptionsFromJson(meta.at("init"), "init");

    const std::size_t layers = sizes.size();
    requireMemory(declaredBytes(meta, sizes, intraJson), "the model " + sizesText(sizes));
    for (std::size_t l = 0; l + 1 < layers; ++l)
      m.W.push_back(readMatrix(indexed("W", l), {u64(sizes[l]), u64(sizes[l + 1])}));
    for (std::size_t l = 0; l < layers; ++l) m.b.push_back(readMatrix(indexed("b", l), {u64(sizes[l])}));
    for (std::size_t l = 0; l < layers; ++l)
      m.L.push_back(intraJson[l].get<bool>() ? readMatrix(indexed("L", l), {u64(sizes[l]), u64(sizes[l])}) : Matrix());
    validateModel(m, true);
    const std::string kind = meta.string("kind");
    if (kind != machineKind(m))
      meta.fail("kind", "says \"" + kind + "\" but the layers and intra flags describe a " + machineKind(m));

    ModelMeta& mm = file.meta;
    mm.formatVersion = static_cast<int>(version);
    if (meta.has("dataset")) mm.dataset = meta.string("dataset");
    mm.config = trainingConfigFromJson(meta.at("config"), "config");
    mm.epochsDone = static_cast<int>(meta.integer("epochsDone", 0, std::numeric_limits<int>::max()));
    if (meta.has("history")) mm.history = historyFromJson(meta.at("history"), "history");
    if (meta.has("createdBy")) mm.createdBy = meta.string("createdBy");

    const bool checkpoint = meta.has("checkpoint") && meta.boolean("checkpoint");
    if (checkpoint)
      file.trainerState = readTrainerState(meta, m);
    else if (meta.has("trainerState"))
      meta.fail("trainerState", "present but \"checkpoint\" is not true");

    for (const auto& name : m_zip.names())
      if (isReservedMember(name) && !m_used.count(name))
        throw Error("unexpected member " + name +
                    (checkpoint ? " (meta.json does not describe it)" : " (meta.json says this is not a checkpoint)"));
    return file;
  }

 private:
  // Reads `<name>.npy`, requiring float32 and exactly `shape` (1-D for biases and moments).
  Matrix readMatrix(const std::string& name, const std::vector<std::uint64_t>& shape) {
    const std::string member = name + ".npy";
    NpyArray array = readArray(member, shape);
    if (array.shape != shape)
      throw Error("member " + member + " has shape " + shapeText(array.shape) + " but meta.json sizes need " +
                  shapeText(shape));
    Matrix out = npyToMatrix(array, "member " + member);
    checkFinite("member " + member, out.data(), out.size(), shape.size() == 2 ? out.cols() : 0);
    return out;
  }

  NpyArray readArray(const std::string& member, const std::vector<std::uint64_t>& shape) {
    if (!m_zip.contains(member)) throw Error("missing member " + member);
    m_used.insert(member);
    std::uint64_t bytes = sizeof(float);
    for (auto d : shape) bytes *= d;
    const std::uint64_t cap = std::min(m_plausible, shape.empty() ? m_plausible : bytes + kMaxNpyHeaderBytes);
    NpyArray array = decodeNpy(m_zip.read(member, cap), "member " + member);
    if (array.dtype != "<f4")
      throw Error("member " + member + " has dtype '" + array.dtype + "', expected '<f4' (float32)");
    return array;
  }

  TrainerState readTrainerState(const JsonObject& meta, const BoltzmannMachine& m) {
    const JsonObject t(meta.at("trainerState"), "trainerState");
    TrainerState s;
    s.epochsDone = static_cast<int>(t.integer("epochsDone", 0, std::numeric_limits<int>::max()));
    s.rngState = t.string("rngState");
    try {
      Rng probe;
      probe.setState(s.rngState);
    } catch (const Error&) {
      t.fail("rngState", "not a valid random-generator state");
    }
    s.optimizer.step = t.integer("optimizerStep", 0, std::numeric_limits<long long>::max());
    if (t.has("history")) s.history = historyFromJson(t.at("history"), "trainerState.history");

    const json& names = t.at("optimizerBlocks");
    const auto blocks = blocksOf(m);
    if (!names.is_array()) t.fail("optimizerBlocks", "expected an array of block names");
    if (!names.empty()) {
      bool same = names.size() == blocks.size();
      for (std::size_t i = 0; same && i < blocks.size(); ++i)
        same = names[i].is_string() && names[i].get<std::string>() == blocks[i].name;
      if (!same)
        t.fail("optimizerBlocks", names.dump() +
                                      " does not match the model's parameter blocks (checkpoint "
                                      "inconsistent with the model)");
      for (const auto& block : blocks) {
        const std::uint64_t n = u64(block.size);
        s.optimizer.firstMoment.push_back(readVector("adam_m_" + block.name, n));
        s.optimizer.secondMoment.push_back(readVector("adam_v_" + block.name, n));
      }
    }
    const long long chains = t.integer("pcdChains", 0, kMaxChains);
    for (long long i = 0; i < chains; ++i) {
      const std::string member = "pcd_chain" + std::to_string(i) + ".npy";
      NpyArray array = readArray(member, {});
      if (array.shape.size() != 2)
        throw Error("member " + member + " has shape " + shapeText(array.shape) + ", expected a 2-D chain state");
      Matrix chain = npyToMatrix(array, "member " + member);
      checkFinite("member " + member, chain.data(), chain.size(), chain.cols());
      s.persistentChains.push_back(std::move(chain));
    }
    return s;
  }

  std::vector<float> readVector(const std::string& name, std::uint64_t n) {
    const Matrix v = readMatrix(name, {n});
    return std::vector<float>(v.data(), v.data() + v.size());
  }

  ZipReader m_zip;
  std::uint64_t m_plausible = 0;
  std::set<std::string> m_used;
};

}  // namespace

ModelMeta modelMeta(const std::string& dataset, const TrainingConfig& config, int epochsDone,
                    const std::vector<EpochStats>& history) {
  ModelMeta meta;
  meta.dataset = dataset;
  meta.config = config;
  meta.epochsDone = epochsDone;
  meta.history = history;
  return meta;
}

void saveModel(const std::string& path, const BoltzmannMachine& model, const ModelMeta& meta,
               const TrainerState* trainerState) {
  std::string archive;
  try {
    validateModel(model, false);
    const std::size_t layers = model.sizes.size();
    json j;
    j["formatVersion"] = kFormatVersion;
    j["kind"] = machineKind(model);
    j["sizes"] = model.sizes;
    json intra = json::array();
    for (std::size_t l = 0; l < layers; ++l) intra.push_back(model.hasIntra(static_cast<int>(l)));
    j["intra"] = intra;
    j["init"] = toJson(model.init);
    j["dataset"] = meta.dataset;
    j["config"] = toJson(meta.config);
    j["epochsDone"] = meta.epochsDone;
    j["history"] = toJson(meta.history);
    j["createdBy"] = meta.createdBy;
    j["checkpoint"] = trainerState != nullptr;

    // meta.json first, so a reader sees the description before the arrays.
    std::vector<std::pair<std::string, std::string>> members;
    members.emplace_back("meta.json", "");
    for (std::size_t l = 0; l + 1 < layers; ++l)
      members.emplace_back(indexed("W", l) + ".npy",
                           npyOf(model.W[l].data(), {u64(model.W[l].rows()), u64(model.W[l].cols())}));
    for (std::size_t l = 0; l < layers; ++l)
      members.emplace_back(indexed("b", l) + ".npy", npyOf(model.b[l].data(), {u64(model.b[l].size())}));
    for (std::size_t l = 0; l < model.L.size(); ++l)
      if (model.hasIntra(static_cast<int>(l)))
        members.emplace_back(indexed("L", l) + ".npy",
                             npyOf(model.L[l].data(), {u64(model.L[l].rows()), u64(model.L[l].cols())}));

    if (trainerState) {
      const TrainerState& s = *trainerState;
      const OptimizerState& o = s.optimizer;
      const auto blocks = blocksOf(model);
      json names = json::array();
      if (!o.firstMoment.empty() || !o.secondMoment.empty()) {
        if (o.firstMoment.size() != blocks.size() || o.secondMoment.size() != blocks.size())
          throw Error("the optimizer state has " + std::to_string(o.firstMoment.size()) + "/" +
                      std::to_string(o.secondMoment.size()) + " moment blocks, the model has " +
                      std::to_string(blocks.size()) + " parameter blocks");
        for (std::size_t i = 0; i < blocks.size(); ++i) {
          const auto& b = blocks[i];
          for (const auto* moment : {&o.firstMoment[i], &o.secondMoment[i]}) {
            if (static_cast<Eigen::Index>(moment->size()) != b.size)
              throw Error("the optimizer moment of block " + b.name + " has " + std::to_string(moment->size()) +
                          " entries, the block has " + std::to_string(b.size));
            checkFinite("optimizer moment of " + b.name, moment->data(), b.size, 0);
          }
          members.emplace_back("adam_m_" + b.name + ".npy", npyOf(o.firstMoment[i].data(), {u64(b.size)}));
          members.emplace_back("adam_v_" + b.name + ".npy", npyOf(o.secondMoment[i].data(), {u64(b.size)}));
          names.push_back(b.name);
        }
      }
      if (s.persistentChains.size() > static_cast<std::size_t>(kMaxChains))
        throw Error("too many persistent chains (" + std::to_string(s.persistentChains.size()) + ")");
      for (std::size_t i = 0; i < s.persistentChains.size(); ++i) {
        const Matrix& c = s.persistentChains[i];
        checkFinite("persistent chain " + std::to_string(i), c.data(), c.size(), c.cols());
        members.emplace_back("pcd_chain" + std::to_string(i) + ".npy", npyOf(c.data(), {u64(c.rows()), u64(c.cols())}));
      }
      j["trainerState"] = json{{"epochsDone", s.epochsDone},
                               {"rngState", s.rngState},
                               {"optimizerStep", o.step},
                               {"optimizerBlocks", names},
                               {"pcdChains", s.persistentChains.size()},
                               {"history", toJson(s.history)}};
    }
    // Replace invalid UTF-8 (e.g. a non-UTF-8 dataset path) rather than refuse to save.
    members.front().second = j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
    archive = buildZip(members);
  } catch (const Error& e) {
    throw Error("cannot save " + path + ": " + e.what());
  } catch (const std::exception& e) {  // bad_alloc, json errors (e.g. invalid UTF-8 in a string)
    throw Error("cannot save " + path + ": " + e.what());
  }
  writeFileAtomically(path, archive);
}

ModelFile loadModel(const std::string& path) {
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

}  // namespace vpf
