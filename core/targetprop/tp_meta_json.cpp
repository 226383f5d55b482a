#include "core/targetprop/tp_meta_json.h"

#include <cmath>
#include <limits>

#include "core/common/error.h"
#include "core/io/meta_json.h"

namespace vpf::targetprop {

using nlohmann::json;

namespace {

json finiteOrNull(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

constexpr long long kMaxInt = std::numeric_limits<int>::max();

}  // namespace

json toJson(const TpArchitecture& a) {
  return json{{"sizes", {a.visible, a.hidden1, a.hidden2}},
              {"activations",
               {{"f1", activationName(a.f1)},
                {"f2", activationName(a.f2)},
                {"g1", activationName(a.g1)},
                {"g2", activationName(a.g2)}}}};
}

json toJson(const TpConfig& c) {
  const BlockOptimizerSettings& o = c.optimizer;
  return json{{"epochs", c.epochs},
              {"batchSize", c.batchSize},
              {"optimizer",
               {{"rule", updateRuleName(o.rule)},
                {"learningRate", o.learningRate},
                {"beta1", o.beta1},
                {"beta2", o.beta2},
                {"epsilon", o.epsilon},
                {"rmsDecay", o.rmsDecay},
                {"momentum", o.momentum},
                {"stabiliser", o.stabiliser}}},
              {"inference",
               {{"iterations", c.inference.iterations},
                {"delta", c.inference.delta},
                {"alpha", c.inference.alpha},
                {"mode", inferenceModeName(c.inference.mode)}}},
              {"corruption",
               {{"sigmaX", c.corruption.sigmaX},
                {"sigmaA", c.corruption.sigmaA},
                {"sigmaB", c.corruption.sigmaB},
                {"spikes", c.corruption.spikes}}},
              {"shuffle", c.shuffle},
              {"pixels", c.binarised ? "binarised" : "grey"},
              {"seed", c.seed}};
}

json toJson(const TpLosses& l) {
  return json{{"g1", finiteOrNull(l.g1)},
              {"f1", finiteOrNull(l.f1)},
              {"g2", finiteOrNull(l.g2)},
              {"f2", finiteOrNull(l.f2)},
              {"reconstruction", finiteOrNull(l.reconstruction)}};
}

json toJson(const std::vector<TpEpochStats>& history) {
  json a = json::array();
  for (const auto& e : history)
    a.push_back(json{{"epoch", e.epoch}, {"losses", toJson(e.losses)}, {"seconds", finiteOrNull(e.seconds)}});
  return a;
}

TpArchitecture tpArchitectureFromJson(const json& j) {
  const JsonObject meta(j, "");
  const auto sizes = meta.integers("sizes", 1, 1 << 16);
  if (sizes.size() != 3) meta.fail("sizes", "expected 3 layer sizes (x, h1, h2), got " + std::to_string(sizes.size()));
  TpArchitecture a;
  a.visible = static_cast<int>(sizes[0]);
  a.hidden1 = static_cast<int>(sizes[1]);
  a.hidden2 = static_cast<int>(sizes[2]);
  const JsonObject act(meta.at("activations"), "activations");
  const auto read = [&](const char* key) {
    try {
      return parseActivation(act.string(key));
    } catch (const Error& e) {
      act.fail(key, e.what());
    }
  };
  a.f1 = read("f1");
  a.f2 = read("f2");
  a.g1 = read("g1");
  a.g2 = read("g2");
  return a;
}

TpConfig tpConfigFromJson(const json& j, const std::string& where, const TpArchitecture& arch) {
  const JsonObject c(j, where);
  TpConfig config;
  config.architecture = arch;
  config.epochs = static_cast<int>(c.integer("epochs", 0, kMaxInt));
  config.batchSize = static_cast<int>(c.integer("batchSize", 1, kMaxInt));
  const JsonObject o(c.at("optimizer"), where + ".optimizer");
  try {
    config.optimizer.rule = parseUpdateRule(o.string("rule"));
  } catch (const Error& e) {
    o.fail("rule", e.what());
  }
  config.optimizer.learningRate = o.number("learningRate");
  config.optimizer.beta1 = o.number("beta1");
  config.optimizer.beta2 = o.number("beta2");
  config.optimizer.epsilon = o.number("epsilon");
  config.optimizer.rmsDecay = o.number("rmsDecay");
  config.optimizer.momentum = o.number("momentum");
  config.optimizer.stabiliser = o.number("stabiliser");
  const JsonObject inf(c.at("inference"), where + ".inference");
  config.inference.iterations = static_cast<int>(inf.integer("iterations", 0, kMaxInt));
  config.inference.delta = inf.number("delta");
  config.inference.alpha = inf.number("alpha");
  try {
    config.inference.mode = parseInferenceMode(inf.string("mode"));
  } catch (const Error& e) {
    inf.fail("mode", e.what());
  }
  const JsonObject cor(c.at("corruption"), where + ".corruption");
  config.corruption.sigmaX = cor.number("sigmaX");
  config.corruption.sigmaA = cor.number("sigmaA");
  config.corruption.sigmaB = cor.number("sigmaB");
  config.corruption.spikes = static_cast<int>(cor.integer("spikes", 1, 1000));
  config.shuffle = c.boolean("shuffle");
  const std::string pixels = c.string("pixels");
  if (pixels != "grey" && pixels != "binarised") c.fail("pixels", "expected \"grey\" or \"binarised\"");
  config.binarised = pixels == "binarised";
  config.seed = c.unsignedInteger("seed");
  try {
    config.architecture.validate();
    config.inference.validate();
    config.corruption.validate();
  } catch (const Error& e) {
    throw Error("meta.json: " + where + ": " + e.what());
  }
  return config;
}

std::vector<TpEpochStats> tpHistoryFromJson(const json& j, const std::string& where) {
  if (!j.is_array()) throw Error("meta.json: " + where + ": expected an array");
  std::vector<TpEpochStats> history;
  for (std::size_t i = 0; i < j.size(); ++i) {
    const std::string at = where + "[" + std::to_string(i) + "]";
    const JsonObject e(j[i], at);
    TpEpochStats s;
    s.epoch = static_cast<int>(e.integer("epoch", 0, kMaxInt));
    s.seconds = e.number("seconds");
    const JsonObject l(e.at("losses"), at + ".losses");
    s.losses = {l.number("g1"), l.number("f1"), l.number("g2"), l.number("f2"), l.number("reconstruction")};
    history.push_back(s);
  }
  return history;
}

}  // namespace vpf::targetprop
