#pragma once
// The test log-likelihood of any Boltzmann machine, the one entry point `vpf loglik` and the
// Confabulate tab call (DESIGN §7): RBMs exactly given log Z (rbm_likelihood.h), DBMs by the
// mean-field lower bound (dbm_likelihood.h); log Z summed exactly or estimated by AIS.
#include <cstdint>
#include <functional>
#include <string>

#include "core/likelihood/rbm_likelihood.h"

namespace vpf {

struct LikelihoodSettings {
  bool exact = false;  // sum log Z (small machines only) instead of AIS
  int runs = 100;      // AIS chains
  int betas = 14500;   // AIS β steps (Salakhutdinov & Murray 2008)
  std::uint64_t seed = 42;
};

struct LikelihoodEstimate {
  PartitionEstimate logZ;
  LogLikelihood testLogLikelihood;  // a lower bound when `bound`
  bool bound = false;               // DBM: the mean-field bound E_q[−E] + H(q) − log Z
  bool cancelled = false;
  /// "exact" | "ais", then "+meanfield" for a bound.
  std::string method() const;
};

/// `train` (binarised) gives the AIS base rate; `test` (binarised) the images scored. Throws
/// vpf::Error for mismatched shapes or an exact sum that is too large. `progress(fraction)`
/// returning false cancels.
LikelihoodEstimate estimateLogLikelihood(const BoltzmannMachine& model, const Matrix& train, const Matrix& test,
                                         const LikelihoodSettings& settings,
                                         const std::function<bool(double)>& progress = {});

}  // namespace vpf
