#include "core/io/meta_json.h"

#include <cmath>
#include <limits>

#include "core/common/error.h"
#include "core/learning/algorithms.h"

namespace vpf {

using nlohmann::json;

namespace {

json finiteOrNull(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json numberArray(const std::vector<double>& values) {
  json a = json::array();
  for (double v : values) a.push_back(finiteOrNull(v));
  return a;
}

double toNumber(const json& v, const JsonObject& o, const std::string& key) {
  if (v.is_null()) return std::numeric_limits<double>::quiet_NaN();
  if (!v.is_number()) o.fail(key, "expected a number, got " + std::string(v.type_name()));
  return v.get<double>();
}

long long toInteger(const json& v, const JsonObject& o, const std::string& key, long long min, long long max) {
  long long value = 0;
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(max)) o.fail(key, std::to_string(u) + " is out of range");
    value = static_cast<long long>(u);
  } else if (v.is_number_integer()) {
    value = v.get<long long>();
  } else if (v.is_number_float() && std::floor(v.get<double>()) == v.get<double>() &&
             std::abs(v.get<double>()) < 9e15) {  // 40.0 from a hand-edited file
    value = static_cast<long long>(v.get<double>());
  } else {
    o.fail(key, "expected an integer, got " + (v.is_number() ? v.dump() : std::string(v.type_name())));
  }
  if (value < min || value > max)
    o.fail(key, std::to_string(value) + " is out of range [" + std::to_string(min) + ", " + std::to_string(max) + "]");
  return value;
}

std::string optimizerName(OptimizerKind k) { return k == OptimizerKind::Sgd ? "sgd" : "adam"; }

}  // namespace

JsonObject::JsonObject(const json& j, std::string where) : m_j(j), m_where(std::move(where)) {
  if (!m_j.is_object()) throw Error("meta.json: " + m_where + ": expected an object, got " + j.type_name());
}

bool JsonObject::has(const std::string& key) const { return m_j.contains(key); }

std::string JsonObject::path(const std::string& key) const { return m_where.empty() ? key : m_where + "." + key; }

void JsonObject::fail(const std::string& key, const std::string& problem) const {
  throw Error("meta.json: " + path(key) + ": " + problem);
}

const json& JsonObject::at(const std::string& key) const {
  const auto it = m_j.find(key);
  if (it == m_j.end()) throw Error("meta.json: missing key '" + path(key) + "'");
  return *it;
}

std::string JsonObject::string(const std::string& key) const {
  const json& v = at(key);
  if (!v.is_string()) fail(key, "expected a string, got " + std::string(v.type_name()));
  return v.get<std::string>();
}

bool JsonObject::boolean(const std::string& key) const {
  const json& v = at(key);
  if (!v.is_boolean()) fail(key, "expected true or false, got " + std::string(v.type_name()));
  return v.get<bool>();
}

double JsonObject::number(const std::string& key) const { return toNumber(at(key), *this, key); }

long long JsonObject::integer(const std::string& key, long long min, long long max) const {
  return toInteger(at(key), *this, key, min, max);
}

std::uint64_t JsonObject::unsignedInteger(const std::string& key) const {
  const json& v = at(key);
  if (v.is_number_unsigned()) return v.get<std::uint64_t>();
  return static_cast<std::uint64_t>(toInteger(v, *this, key, 0, std::numeric_limits<long long>::max()));
}

std::vector<double> JsonObject::numbers(const std::string& key) const {
  const json& v = at(key);
  if (!v.is_array()) fail(key, "expected an array of numbers, got " + std::string(v.type_name()));
  std::vector<double> out;
  for (const auto& e : v) out.push_back(toNumber(e, *this, key));
  return out;
}

std::vector<long long> JsonObject::integers(const std::string& key, long long min, long long max) const {
  const json& v = at(key);
  if (!v.is_array()) fail(key, "expected an array of integers, got " + std::string(v.type_name()));
  std::vector<long long> out;
  for (const auto& e : v) out.push_back(toInteger(e, *this, key, min, max));
  return out;
}

json toJson(const TrainingConfig& c) {
  return json{{"algorithm", algorithmSpec(c)},
              {"k", c.k},
              {"batchSize", c.batchSize},
              {"learningRate", finiteOrNull(c.learningRate)},
              {"weightDecay", finiteOrNull(c.weightDecay)},
              {"optimizer", optimizerName(c.optimizer)},
              {"beta1", finiteOrNull(c.beta1)},
              {"beta2", finiteOrNull(c.beta2)},
              {"epsilon", finiteOrNull(c.epsilon)},
              {"epochs", c.epochs},
              {"seed", c.seed},
              {"meanFieldEStep", c.meanFieldEStep},
              {"binarizeThreshold", finiteOrNull(c.binarizeThreshold)}};
}

json toJson(const InitOptions& init) {
  return json{{"scheme", init.scheme},
              {"weightScale", finiteOrNull(init.weightScale)},
              {"visibleBiasFromData", init.visibleBiasFromData}};
}

json toJson(const EpochStats& s) {
  return json{{"epoch", s.epoch},
              {"objective", finiteOrNull(s.objective)},
              {"seconds", finiteOrNull(s.seconds)},
              {"sparsity", numberArray(s.sparsity)},
              {"squaredWeight", numberArray(s.squaredWeight)}};
}

json toJson(const std::vector<EpochStats>& history) {
  json a = json::array();
  for (const auto& s : history) a.push_back(toJson(s));
  return a;
}

// Keys that are absent keep their defaults (files written before a field existed still load);
// keys that are present must have the right type and range.
TrainingConfig trainingConfigFromJson(const json& j, const std::string& where) {
  const JsonObject o(j, where);
  TrainingConfig c;
  constexpr long long kIntMax = std::numeric_limits<int>::max();
  if (o.has("algorithm")) {
    const std::string spec = o.string("algorithm");
    try {
      parseAlgorithm(spec, c);
    } catch (const Error& e) {
      o.fail("algorithm", e.what());
    }
    // "cd:3" carries k; a separate "k" must agree with it.
    if (o.has("k") && algorithmInfo(c.algorithm).takesK && o.integer("k", 1, kIntMax) != c.k)
      o.fail("k", "disagrees with algorithm '" + spec + "'");
  }
  if (o.has("k")) c.k = static_cast<int>(o.integer("k", 1, kIntMax));
  if (o.has("batchSize")) c.batchSize = static_cast<int>(o.integer("batchSize", 1, kIntMax));
  if (o.has("learningRate")) c.learningRate = o.number("learningRate");
  if (o.has("weightDecay")) c.weightDecay = o.number("weightDecay");
  if (o.has("optimizer")) {
    const std::string name = o.string("optimizer");
    if (name == "adam")
      c.optimizer = OptimizerKind::Adam;
    else if (name == "sgd")
      c.optimizer = OptimizerKind::Sgd;
    else
      o.fail("optimizer", "expected \"adam\" or \"sgd\", got \"" + name + "\"");
  }
  if (o.has("beta1")) c.beta1 = o.number("beta1");
  if (o.has("beta2")) c.beta2 = o.number("beta2");
  if (o.has("epsilon")) c.epsilon = o.number("epsilon");
  if (o.has("epochs")) c.epochs = static_cast<int>(o.integer("epochs", 0, kIntMax));
  if (o.has("seed")) c.seed = o.unsignedInteger("seed");
  if (o.has("meanFieldEStep")) c.meanFieldEStep = o.boolean("meanFieldEStep");
  if (o.has("binarizeThreshold")) c.binarizeThreshold = o.number("binarizeThreshold");
  return c;
}

InitOptions initOptionsFromJson(const json& j, const std::string& where) {
  const JsonObject o(j, where);
  InitOptions init;
  if (o.has("scheme")) init.scheme = o.string("scheme");
  if (o.has("weightScale")) init.weightScale = o.number("weightScale");
  if (o.has("visibleBiasFromData")) init.visibleBiasFromData = o.boolean("visibleBiasFromData");
  return init;
}

EpochStats epochStatsFromJson(const json& j, const std::string& where) {
  const JsonObject o(j, where);
  EpochStats s;
  s.epoch = static_cast<int>(o.integer("epoch", 0, std::numeric_limits<int>::max()));
  s.objective = o.number("objective");
  if (o.has("seconds")) s.seconds = o.number("seconds");
  if (o.has("sparsity")) s.sparsity = o.numbers("sparsity");
  if (o.has("squaredWeight")) s.squaredWeight = o.numbers("squaredWeight");
  return s;
}

std::vector<EpochStats> historyFromJson(const json& j, const std::string& where) {
  if (!j.is_array()) throw Error("meta.json: " + where + ": expected an array, got " + j.type_name());
  std::vector<EpochStats> out;
  out.reserve(j.size());
  for (std::size_t i = 0; i < j.size(); ++i)
    out.push_back(epochStatsFromJson(j[i], where + "[" + std::to_string(i) + "]"));
  return out;
}

}  // namespace vpf
