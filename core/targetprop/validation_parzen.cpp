#include "core/targetprop/validation_parzen.h"

#include "core/common/paper_reference.h"

namespace vpf::targetprop {

GenerateSettings samplingSettingsFor(const TpConfig& config, double priorScale) {
  GenerateSettings s;
  s.priorScale = priorScale;
  s.inference.iterations = config.inference.iterations;
  s.inference.delta = config.inference.delta;
  return s;
}

std::optional<ParzenResult> validationParzen(TpRun& run, const Matrix& priorRows, const Matrix& validation, int samples,
                                             double priorScale, Rng& rng, const StopToken* stop) {
  if (!run.fitPrior(priorRows, stop)) return std::nullopt;
  const Matrix drawn =
      generate<float>(run.model(), samples, samplingSettingsFor(run.config(), priorScale), rng, nullptr, stop);
  if (stop && stop->stopRequested()) return std::nullopt;
  ParzenResult r = parzenLogLikelihood(drawn, validation, paper::bengio2015::kSigma,
                                       [stop](double) { return !(stop && stop->stopRequested()); });
  if (r.cancelled) return std::nullopt;
  return r;
}

}  // namespace vpf::targetprop
