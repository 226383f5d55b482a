#pragma once
// GENERATE of Bengio et al. 2015, Alg. 2 (spec A4, Fig. 3): H2 ~ p(h2) = N(μ, κ·diag v), X = g1(g2(H2)),
// then `rounds` times (H1, H2) = INFERENCE(X; α = 0.3), X = g1(H1). INFERENCE restarts from f1(X), so
// the drawn H2 acts only through the first decode. The directed baseline (the paper's 126) stops after
// the first decode. Returns count × n0 grey mean images.
#include <vector>

#include "core/common/rng.h"
#include "core/common/stop_token.h"
#include "core/targetprop/inference.h"
#include "core/targetprop/prior.h"

namespace vpf::targetprop {

enum class GenerateMode { Alg2, Directed };

GenerateMode parseGenerateMode(const std::string& name);  // "alg2" | "directed"; throws vpf::Error
std::string generateModeName(GenerateMode mode);

struct GenerateSettings {
  GenerateMode mode = GenerateMode::Alg2;
  int rounds = 3;
  double priorScale = kDefaultPriorScale;                                // κ
  InferenceSettings inference{15, 0.1, 0.3, InferenceMode::TargetProp};  // α = 0.3 when generating
  void validate() const;
};

/// `rounds`, if given, receives X after the first decode and after every round (rounds + 1 frames;
/// one frame in directed mode). When `stop` is requested it returns the X of the last finished round.
template <typename S>
MatrixT<S> generate(const TpModel<S>& model, int count, const GenerateSettings& settings, Rng& rng,
                    std::vector<MatrixT<S>>* rounds = nullptr, const StopToken* stop = nullptr);

}  // namespace vpf::targetprop
