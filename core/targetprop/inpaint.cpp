#include "core/targetprop/inpaint.h"

#include "core/common/error.h"

namespace vpf::targetprop {

MissingStart parseMissingStart(const std::string& name) {
  if (name == "uniform") return MissingStart::Uniform;
  if (name == "bernoulli") return MissingStart::Bernoulli;
  if (name == "zeros") return MissingStart::Zeros;
  throw Error("unknown start for the missing pixels \"" + name + "\" (expected uniform, bernoulli or zeros)");
}

std::string missingStartName(MissingStart start) {
  switch (start) {
    case MissingStart::Uniform:
      return "uniform";
    case MissingStart::Bernoulli:
      return "bernoulli";
    case MissingStart::Zeros:
      break;
  }
  return "zeros";
}

void InpaintSettings::validate() const {
  if (steps < 0 || steps > 10000) throw Error("inpainting steps = " + std::to_string(steps) + " (expected 0 to 10000)");
  inference.validate();
}

namespace {

template <typename S>
MatrixT<S> startValues(MissingStart start, Eigen::Index rows, Eigen::Index cols, Rng& rng) {
  MatrixT<S> u(rows, cols);
  for (Eigen::Index i = 0; i < u.size(); ++i) {
    if (start == MissingStart::Uniform)
      u.data()[i] = static_cast<S>(rng.uniform());
    else if (start == MissingStart::Bernoulli)
      u.data()[i] = rng.uniform() < 0.5f ? S(1) : S(0);
    else
      u.data()[i] = S(0);
  }
  return u;
}

// (1−m)⊙x + m⊙fill, with the known pixels copied rather than computed so they stay bitwise x.
template <typename S>
MatrixT<S> clamp(const MatrixT<S>& x, const MatrixT<S>& mask, const MatrixT<S>& fill) {
  return (mask.array() > S(0)).select(fill, x);
}

}  // namespace

template <typename S>
InpaintResult<S> inpaint(const TpModel<S>& model, const MatrixT<S>& x, const MatrixT<S>& mask,
                         const InpaintSettings& settings, Rng& rng, bool keepFrames, const StopToken* stop) {
  settings.validate();
  if (mask.rows() != x.rows() || mask.cols() != x.cols())
    throw Error("the inpainting mask has a different shape from the images");
  if (((mask.array() != S(0)) && (mask.array() != S(1))).any())
    throw Error("the inpainting mask must hold only 0 (known) and 1 (missing)");
  InpaintResult<S> result;
  result.images = clamp(x, mask, startValues<S>(settings.start, x.rows(), x.cols(), rng));
  if (keepFrames) result.frames.push_back(result.images);
  Inference<S> inference(model, x, settings.inference, &mask);
  for (int s = 1; s <= settings.steps; ++s) {
    if (stop && stop->stopRequested()) break;
    inference.startFrom(model.f1(result.images));
    for (int t = 0; t < settings.inference.iterations; ++t) inference.step();
    result.images = clamp(x, mask, model.g1(inference.state().h1));
    result.stepsDone = s;
    if (keepFrames) {
      result.frames.push_back(result.images);
      result.hidden.push_back(inference.state().h1);
    }
  }
  return result;
}

template InpaintResult<float> inpaint(const TpModel<float>&, const Matrix&, const Matrix&, const InpaintSettings&, Rng&,
                                      bool, const StopToken*);
template InpaintResult<double> inpaint(const TpModel<double>&, const MatrixD&, const MatrixD&, const InpaintSettings&,
                                       Rng&, bool, const StopToken*);

}  // namespace vpf::targetprop
