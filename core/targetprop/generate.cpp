#include "core/targetprop/generate.h"

#include "core/common/error.h"

namespace vpf::targetprop {

GenerateMode parseGenerateMode(const std::string& name) {
  if (name == "alg2") return GenerateMode::Alg2;
  if (name == "directed") return GenerateMode::Directed;
  throw Error("unknown sampling mode \"" + name + "\" (expected alg2 or directed)");
}

std::string generateModeName(GenerateMode mode) { return mode == GenerateMode::Directed ? "directed" : "alg2"; }

void GenerateSettings::validate() const {
  if (rounds < 0 || rounds > 1000) throw Error("sampling rounds = " + std::to_string(rounds) + " (expected 0 to 1000)");
  inference.validate();
}

template <typename S>
MatrixT<S> generate(const TpModel<S>& model, int count, const GenerateSettings& settings, Rng& rng,
                    std::vector<MatrixT<S>>* rounds, const StopToken* stop) {
  settings.validate();
  MatrixT<S> x = model.g1(model.g2(samplePrior(model, count, settings.priorScale, rng)));
  if (rounds) rounds->assign(1, x);
  if (settings.mode == GenerateMode::Directed) return x;
  for (int r = 0; r < settings.rounds; ++r) {
    if (stop && stop->stopRequested()) break;
    const LatentState<S> latent = infer(model, x, settings.inference, {}, stop);
    if (stop && stop->stopRequested()) break;
    x = model.g1(latent.h1);
    if (rounds) rounds->push_back(x);
  }
  return x;
}

template Matrix generate(const TpModel<float>&, int, const GenerateSettings&, Rng&, std::vector<Matrix>*,
                         const StopToken*);
template MatrixD generate(const TpModel<double>&, int, const GenerateSettings&, Rng&, std::vector<MatrixD>*,
                          const StopToken*);

}  // namespace vpf::targetprop
