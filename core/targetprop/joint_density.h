#pragma once
// The joint log-density of Bengio et al. 2015, Fig. 4 (spec A4): per row,
//   ℓ(x, h) = −½‖x − g1(h1)‖² − ½‖h1 − g2(h2)‖² + log N(h2; μ, diag v) − ½(n0 + n1) log 2π,
// recorded at every iteration t = 0 … N of INFERENCE. The paper does not say whether its curve holds
// the prior term, so both are computed (the prior term needs a fitted prior).
#include <vector>

#include "core/common/stop_token.h"
#include "core/targetprop/inference.h"

namespace vpf::targetprop {

/// ℓ per row, without the prior term (rows of x, h1, h2 belong together).
template <typename S>
Eigen::VectorXd logJointWithoutPrior(const TpModel<S>& model, const MatrixT<S>& x, const LatentState<S>& h);
/// log N(h2; μ, diag v) per row. Throws vpf::Error without a fitted prior.
template <typename S>
Eigen::VectorXd logPrior(const TpModel<S>& model, const MatrixT<S>& h2);

/// ℓ of every row at t = 0 … iterations: rows × (iterations + 1); `withPrior` is empty when the model
/// has no prior. Stopping leaves the columns not reached at NaN.
struct JointTrajectory {
  Eigen::MatrixXd withoutPrior, withPrior;
};
template <typename S>
JointTrajectory jointTrajectory(const TpModel<S>& model, const MatrixT<S>& x, const InferenceSettings& settings,
                                const StopToken* stop = nullptr);

/// Column means and standard errors (sd / √rows) of a trajectory matrix (Fig. 4's band).
struct MeanCurve {
  std::vector<double> mean, standardError;
};
MeanCurve meanCurve(const Eigen::MatrixXd& values);

}  // namespace vpf::targetprop
