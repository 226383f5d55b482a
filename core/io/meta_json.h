#pragma once
// JSON (de)serialisation of the model-file metadata (meta.json, DESIGN §11) with nlohmann::json.
// Readers check every value's type and range and throw vpf::Error("meta.json: <key>: <problem>").
// Non-finite doubles are written as null (JSON has no NaN) and read back as NaN.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/learning/trainer.h"
#include "core/learning/training_config.h"
#include "core/model/boltzmann_machine.h"

namespace vpf {

nlohmann::json toJson(const TrainingConfig& config);
nlohmann::json toJson(const InitOptions& init);
nlohmann::json toJson(const EpochStats& stats);
nlohmann::json toJson(const std::vector<EpochStats>& history);

/// `where` names the object in messages, e.g. "config" or "history[3]".
TrainingConfig trainingConfigFromJson(const nlohmann::json& j, const std::string& where);
InitOptions initOptionsFromJson(const nlohmann::json& j, const std::string& where);
EpochStats epochStatsFromJson(const nlohmann::json& j, const std::string& where);
std::vector<EpochStats> historyFromJson(const nlohmann::json& j, const std::string& where);

/// Typed access to object members with messages naming the key ("meta.json: config.k: …").
class JsonObject {
 public:
  JsonObject(const nlohmann::json& j, std::string where);
  bool has(const std::string& key) const;
  const nlohmann::json& at(const std::string& key) const;  // throws when missing
  std::string path(const std::string& key) const;          // "config.k"
  [[noreturn]] void fail(const std::string& key, const std::string& problem) const;

  std::string string(const std::string& key) const;
  bool boolean(const std::string& key) const;
  double number(const std::string& key) const;  // null → NaN
  long long integer(const std::string& key, long long min, long long max) const;
  std::uint64_t unsignedInteger(const std::string& key) const;
  std::vector<double> numbers(const std::string& key) const;
  std::vector<long long> integers(const std::string& key, long long min, long long max) const;

 private:
  const nlohmann::json& m_j;
  std::string m_where;
};

}  // namespace vpf
