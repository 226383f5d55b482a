#include "core/likelihood/model_likelihood.h"

#include "core/common/error.h"
#include "core/likelihood/dbm_likelihood.h"

namespace vpf {

std::string LikelihoodEstimate::method() const {
  return std::string(logZ.exact ? "exact" : "ais") + (bound ? "+meanfield" : "");
}

LikelihoodEstimate estimateLogLikelihood(const BoltzmannMachine& model, const Matrix& train, const Matrix& test,
                                         const LikelihoodSettings& settings,
                                         const std::function<bool(double)>& progress) {
  if (test.cols() != model.sizes[0]) throw Error("the test images do not match the model's visible layer");
  LikelihoodEstimate out;
  const bool rbm = model.isRbm();
  out.bound = !rbm;
  if (settings.exact)
    out.logZ = rbm ? exactLogPartition(model) : exactDbmLogPartition(model);
  else
    out.logZ = rbm ? aisLogPartition(model, train, settings.runs, settings.betas, settings.seed, progress)
                   : aisDbmLogPartition(model, train, settings.runs, settings.betas, settings.seed, progress);
  if (out.logZ.cancelled) {
    out.cancelled = true;
    return out;
  }
  out.testLogLikelihood =
      rbm ? rbmLogLikelihood(model, test, out.logZ.logZ) : dbmLogLikelihoodBound(model, test, out.logZ.logZ);
  return out;
}

}  // namespace vpf
