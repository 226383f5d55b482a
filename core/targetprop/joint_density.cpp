#include "core/targetprop/joint_density.h"

#include <cmath>
#include <limits>
#include <numbers>

#include "core/common/error.h"

namespace vpf::targetprop {

namespace {
const double kLog2Pi = std::log(2 * std::numbers::pi);
}

template <typename S>
Eigen::VectorXd logJointWithoutPrior(const TpModel<S>& model, const MatrixT<S>& x, const LatentState<S>& h) {
  const Eigen::MatrixXd visible = (x - model.g1(h.h1)).template cast<double>();
  const Eigen::MatrixXd hidden = (h.h1 - model.g2(h.h2)).template cast<double>();
  const double constant = 0.5 * (model.arch.visible + model.arch.hidden1) * kLog2Pi;
  return (-0.5 * visible.rowwise().squaredNorm() - 0.5 * hidden.rowwise().squaredNorm()).array() - constant;
}

template <typename S>
Eigen::VectorXd logPrior(const TpModel<S>& model, const MatrixT<S>& h2) {
  if (!model.hasPrior()) throw Error("the model has no fitted prior p(h2)");
  const Eigen::RowVectorXd mean = model.priorMean.template cast<double>();
  const Eigen::RowVectorXd var = model.priorVar.template cast<double>();
  const Eigen::MatrixXd d = h2.template cast<double>().rowwise() - mean;
  const Eigen::RowVectorXd inverse = var.cwiseInverse();
  const double constant = 0.5 * (var.array().log().sum() + model.arch.hidden2 * kLog2Pi);
  return (-0.5 * (d.array().square().rowwise() * inverse.array()).rowwise().sum()) - constant;
}

template <typename S>
JointTrajectory jointTrajectory(const TpModel<S>& model, const MatrixT<S>& x, const InferenceSettings& settings,
                                const StopToken* stop) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  JointTrajectory out;
  out.withoutPrior = Eigen::MatrixXd::Constant(x.rows(), settings.iterations + 1, nan);
  if (model.hasPrior()) out.withPrior = out.withoutPrior;
  infer<S>(
      model, x, settings,
      [&](int t, const LatentState<S>& h) {
        out.withoutPrior.col(t) = logJointWithoutPrior(model, x, h);
        if (model.hasPrior()) out.withPrior.col(t) = out.withoutPrior.col(t) + logPrior(model, h.h2);
        return true;
      },
      stop);
  return out;
}

MeanCurve meanCurve(const Eigen::MatrixXd& values) {
  MeanCurve curve;
  const double n = static_cast<double>(values.rows());
  for (Eigen::Index t = 0; t < values.cols(); ++t) {
    const double mean = values.col(t).mean();
    const double var = n > 1 ? (values.col(t).array() - mean).square().sum() / (n - 1) : 0.0;
    curve.mean.push_back(mean);
    curve.standardError.push_back(std::sqrt(var / n));
  }
  return curve;
}

template Eigen::VectorXd logJointWithoutPrior(const TpModel<float>&, const Matrix&, const LatentState<float>&);
template Eigen::VectorXd logJointWithoutPrior(const TpModel<double>&, const MatrixD&, const LatentState<double>&);
template Eigen::VectorXd logPrior(const TpModel<float>&, const Matrix&);
template Eigen::VectorXd logPrior(const TpModel<double>&, const MatrixD&);
template JointTrajectory jointTrajectory(const TpModel<float>&, const Matrix&, const InferenceSettings&,
                                         const StopToken*);
template JointTrajectory jointTrajectory(const TpModel<double>&, const MatrixD&, const InferenceSettings&,
                                         const StopToken*);

}  // namespace vpf::targetprop
