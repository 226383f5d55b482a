// `vpf info` for target-propagation files: what the file holds (sizes, activations, kind, epochs,
// prior), how it was trained (meta.json's config) and its last epoch's losses.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/tp_commands.h"
#include "core/io/model_kind.h"
#include "core/targetprop/tp_meta_json.h"
#include "core/targetprop/tp_model_file.h"

namespace vpf::cli {

void printTpInfo(const std::string& path, bool json) {
  using namespace targetprop;
  const TpModelFile f = loadTpModel(path);
  const TpArchitecture& a = f.model.arch;
  const TpConfig& c = f.meta.config;
  const long long parameters =
      2LL * a.visible * a.hidden1 + 2LL * a.hidden1 * a.hidden2 + a.visible + 2LL * a.hidden1 + a.hidden2;
  nlohmann::json j = toJson(a);
  j["file"] = path;
  j["kind"] = kTargetPropKind;
  j["parameters"] = parameters;
  j["dataset"] = f.meta.dataset;
  j["epochs"] = f.meta.epochsDone;
  j["config"] = toJson(c);
  j["prior_fitted"] = f.model.hasPrior();
  j["prior_scale"] = f.meta.priorScale;
  j["checkpoint"] = f.trainerState.has_value();
  if (!f.meta.history.empty()) j["final_losses"] = toJson(f.meta.history.back().losses);
  if (json) {
    std::cout << j.dump(2) << "\n";
    return;
  }
  std::cout << "file            " << path << "\nmodel           " << kTargetPropKind << " " << a.visible << "-"
            << a.hidden1 << "-" << a.hidden2 << " (" << parameters << " parameters; f1 " << activationName(a.f1)
            << ", f2 " << activationName(a.f2) << ", g1 " << activationName(a.g1) << ", g2 " << activationName(a.g2)
            << ")\ntrained by      target propagation on " << f.meta.dataset << " ("
            << (c.binarised ? "binarised" : "grey") << "), " << f.meta.epochsDone << " of " << c.epochs
            << " epochs, batch " << c.batchSize << ", " << updateRuleName(c.optimizer.rule) << " lr "
            << c.optimizer.learningRate << ", seed " << c.seed << "\ninference       N " << c.inference.iterations
            << ", δ " << c.inference.delta << ", α " << c.inference.alpha << "\ncorruption      σ_x "
            << c.corruption.sigmaX << ", σ_a " << c.corruption.sigmaA << ", σ_b " << c.corruption.sigmaB << ", "
            << c.corruption.spikes << " spikes\nprior p(h2)     "
            << (f.model.hasPrior() ? "fitted" : "not fitted (sample/parzen fit one)") << ", κ " << f.meta.priorScale
            << "\nresumable       " << (f.trainerState ? "yes (checkpoint)" : "no") << "\n";
  if (!f.meta.history.empty()) {
    const TpLosses& l = f.meta.history.back().losses;
    std::cout << "final losses    g1 " << l.g1 << ", f1 " << l.f1 << ", g2 " << l.g2 << ", f2 " << l.f2
              << ", reconstruction " << l.reconstruction << "\n";
  }
}

}  // namespace vpf::cli
