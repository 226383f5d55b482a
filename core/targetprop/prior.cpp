#include "core/targetprop/prior.h"

#include <algorithm>
#include <cmath>

#include "core/common/error.h"

namespace vpf::targetprop {

template <typename S>
void setPriorFromLatents(TpModel<S>& model, const MatrixT<S>& h2) {
  if (h2.rows() == 0 || h2.cols() != model.arch.hidden2) throw Error("the prior needs H2 rows of the model's h2 size");
  const Eigen::MatrixXd h = h2.template cast<double>();
  const Eigen::RowVectorXd mean = h.colwise().mean();
  const Eigen::RowVectorXd var = (h.rowwise() - mean).array().square().colwise().mean();
  model.priorMean = mean.cast<S>();
  model.priorVar = var.cast<S>();
}

template <typename S>
bool fitPrior(TpModel<S>& model, const MatrixT<S>& x, const InferenceSettings& inference, const StopToken* stop,
              int blockRows) {
  if (blockRows < 1) throw Error("fitPrior: the block size must be positive");
  MatrixT<S> h2(x.rows(), model.arch.hidden2);
  for (Eigen::Index begin = 0; begin < x.rows(); begin += blockRows) {
    if (stop && stop->stopRequested()) return false;
    const Eigen::Index n = std::min<Eigen::Index>(blockRows, x.rows() - begin);
    const MatrixT<S> block = x.middleRows(begin, n);
    h2.middleRows(begin, n) = infer(model, block, inference).h2;
  }
  setPriorFromLatents(model, h2);
  return true;
}

template <typename S>
MatrixT<S> samplePrior(const TpModel<S>& model, int count, double priorScale, Rng& rng) {
  if (!model.hasPrior()) throw Error("the model has no fitted prior p(h2) (fit it after training)");
  if (count < 0) throw Error("the sample count must not be negative");
  if (!(priorScale > 0) || !std::isfinite(priorScale)) throw Error("the prior scale κ must be positive");
  Matrix noise(count, model.arch.hidden2);
  rng.normalInPlace(noise, 1.0f);
  const RowVectorT<S> sd = (static_cast<S>(priorScale) * model.priorVar.array()).sqrt().matrix();
  MatrixT<S> h2 = noise.cast<S>() * sd.asDiagonal();
  h2.rowwise() += model.priorMean;
  return h2;
}

template void setPriorFromLatents(TpModel<float>&, const Matrix&);
template void setPriorFromLatents(TpModel<double>&, const MatrixD&);
template bool fitPrior(TpModel<float>&, const Matrix&, const InferenceSettings&, const StopToken*, int);
template bool fitPrior(TpModel<double>&, const MatrixD&, const InferenceSettings&, const StopToken*, int);
template Matrix samplePrior(const TpModel<float>&, int, double, Rng&);
template MatrixD samplePrior(const TpModel<double>&, int, double, Rng&);

}  // namespace vpf::targetprop
