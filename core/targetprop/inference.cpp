#include "core/targetprop/inference.h"

#include "core/common/error.h"

namespace vpf::targetprop {

InferenceMode parseInferenceMode(const std::string& name) {
  if (name == "tp" || name == "targetprop") return InferenceMode::TargetProp;
  if (name == "gradient") return InferenceMode::Gradient;
  throw Error("unknown inference mode \"" + name + "\" (expected tp or gradient)");
}

std::string inferenceModeName(InferenceMode mode) { return mode == InferenceMode::Gradient ? "gradient" : "tp"; }

void InferenceSettings::validate() const {
  if (iterations < 0 || iterations > 100000)
    throw Error("inference iterations = " + std::to_string(iterations) + " is out of range (0 to 100000)");
  if (!(delta > 0) || !std::isfinite(delta)) throw Error("inference step δ must be positive and finite");
  if (!(alpha >= 0) || !std::isfinite(alpha)) throw Error("inference weight α must be non-negative and finite");
}

template <typename S>
Inference<S>::Inference(const TpModel<S>& model, const MatrixT<S>& x, const InferenceSettings& settings,
                        const MatrixT<S>* mask)
    : m_model(model), m_x(x), m_mask(mask), m_settings(settings) {
  settings.validate();
  if (x.cols() != model.arch.visible)
    throw Error("the images have " + std::to_string(x.cols()) + " pixels, the model's visible layer has " +
                std::to_string(model.arch.visible) + " units");
  if (mask && (mask->rows() != x.rows() || mask->cols() != x.cols()))
    throw Error("the inpainting mask has a different shape from the images");
  if (!mask) m_f1x = model.f1(x);
  startFrom(mask ? model.f1(x) : m_f1x);
}

template <typename S>
void Inference<S>::startFrom(const MatrixT<S>& h1) {
  setState(h1, m_model.f2(h1));
}

template <typename S>
void Inference<S>::setState(const MatrixT<S>& h1, const MatrixT<S>& h2) {
  m_state.h1 = h1;
  m_state.h2 = h2;
  m_g2 = m_model.g2(h2);
  m_done = 0;
}

template <typename S>
MatrixT<S> Inference<S>::visibleTarget(const MatrixT<S>& g1h1) const {
  if (!m_mask) return m_x;
  return (m_mask->array() > S(0)).select(g1h1, m_x);  // copies, so known pixels stay bitwise X
}

template <typename S>
void Inference<S>::step() {
  const TpModel<S>& p = m_model;
  const S delta = static_cast<S>(m_settings.delta), alpha = static_cast<S>(m_settings.alpha);
  MatrixT<S>& h1 = m_state.h1;
  MatrixT<S>& h2 = m_state.h2;
  if (m_settings.mode == InferenceMode::TargetProp) {
    h2 += delta * (p.f2(h1) - p.f2(m_g2));
    m_g2 = p.g2(h2);
    const MatrixT<S> g1h1 = p.g1(h1);
    const MatrixT<S> drive =
        m_mask ? MatrixT<S>(p.f1(visibleTarget(g1h1)) - p.f1(g1h1)) : MatrixT<S>(m_f1x - p.f1(g1h1));
    h1 += delta * drive + alpha * (m_g2 - h1);
  } else {
    const MatrixT<S> z2 = affine(h2, p.V2, p.c2);
    const MatrixT<S> g2h2 = activate(p.arch.g2, z2);
    h2 += delta * ((h1 - g2h2).cwiseProduct(derivative(p.arch.g2, z2, g2h2)) * p.V2.transpose());
    m_g2 = p.g2(h2);
    const MatrixT<S> z1 = affine(h1, p.V1, p.c1);
    const MatrixT<S> g1h1 = activate(p.arch.g1, z1);
    const MatrixT<S> residual = visibleTarget(g1h1) - g1h1;
    h1 += delta * (residual.cwiseProduct(derivative(p.arch.g1, z1, g1h1)) * p.V1.transpose()) + alpha * (m_g2 - h1);
  }
  ++m_done;
}

template <typename S>
LatentState<S> infer(const TpModel<S>& model, const MatrixT<S>& x, const InferenceSettings& settings,
                     const InferenceObserver<S>& observer, const StopToken* stop) {
  Inference<S> inference(model, x, settings);
  if (observer && !observer(0, inference.state())) return inference.state();
  for (int t = 1; t <= settings.iterations; ++t) {
    if (stop && stop->stopRequested()) break;
    inference.step();
    if (observer && !observer(t, inference.state())) break;
  }
  return inference.state();
}

template class Inference<float>;
template class Inference<double>;
template LatentState<float> infer(const TpModel<float>&, const Matrix&, const InferenceSettings&,
                                  const InferenceObserver<float>&, const StopToken*);
template LatentState<double> infer(const TpModel<double>&, const MatrixD&, const InferenceSettings&,
                                   const InferenceObserver<double>&, const StopToken*);

}  // namespace vpf::targetprop
