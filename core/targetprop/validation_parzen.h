#pragma once
// The generative score a target-propagation run is judged by while it trains (spec A7): Alg. 2
// samples (3 rounds, α 0.3, the run's N and δ) scored by the Parzen estimator (σ 0.2) against grey
// validation images, after fitting the prior p(h2) on training rows. `vpf tp train` and the Target
// prop tab both report it, so both call this.
#include <optional>

#include "core/common/rng.h"
#include "core/common/stop_token.h"
#include "core/metrics/parzen.h"
#include "core/targetprop/generate.h"
#include "core/targetprop/tp_run.h"

namespace vpf::targetprop {

/// GENERATE as the paper runs it, with the INFERENCE N and δ the run trains with and prior scale κ.
GenerateSettings samplingSettingsFor(const TpConfig& config, double priorScale);

/// Fits the prior on `priorRows`, draws `samples` Alg. 2 samples and scores them on `validation`.
/// nullopt when `stop` is requested.
std::optional<ParzenResult> validationParzen(TpRun& run, const Matrix& priorRows, const Matrix& validation, int samples,
                                             double priorScale, Rng& rng, const StopToken* stop = nullptr);

}  // namespace vpf::targetprop
