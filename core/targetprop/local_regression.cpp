#include "core/targetprop/local_regression.h"

#include "core/common/error.h"
#include "core/targetprop/tp_model.h"

namespace vpf::targetprop {

template <typename S>
double localRegression(const MatrixT<S>& input, const MatrixT<S>& target, const MatrixT<S>& weights,
                       const RowVectorT<S>& bias, Activation activation, MatrixT<S>* weightGradient,
                       RowVectorT<S>* biasGradient) {
  if (input.cols() != weights.rows() || target.cols() != weights.cols() || bias.size() != weights.cols() ||
      input.rows() != target.rows() || input.rows() == 0)
    throw Error("local regression: input, target and parameter shapes do not agree");
  const MatrixT<S> z = affine(input, weights, bias);
  const MatrixT<S> y = activate(activation, z);
  const MatrixT<S> residual = y - target;
  const double n = static_cast<double>(input.rows());
  const double loss = static_cast<double>(residual.squaredNorm()) / n;
  if (weightGradient || biasGradient) {
    const MatrixT<S> g = (static_cast<S>(2 / n) * residual).cwiseProduct(derivative(activation, z, y));
    if (weightGradient) weightGradient->noalias() = input.transpose() * g;
    if (biasGradient) *biasGradient = g.colwise().sum();
  }
  return loss;
}

template double localRegression(const Matrix&, const Matrix&, const Matrix&, const RowVector&, Activation, Matrix*,
                                RowVector*);
template double localRegression(const MatrixD&, const MatrixD&, const MatrixD&, const RowVectorD&, Activation, MatrixD*,
                                RowVectorD*);

}  // namespace vpf::targetprop
