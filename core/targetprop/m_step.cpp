#include "core/targetprop/m_step.h"

#include <cmath>

#include "core/common/error.h"
#include "core/targetprop/corruption_noise.h"
#include "core/targetprop/local_regression.h"

namespace vpf::targetprop {

void CorruptionSettings::validate() const {
  for (double s : {sigmaX, sigmaA, sigmaB})
    if (!(s >= 0) || !std::isfinite(s)) throw Error("corruption σ must be non-negative and finite");
  if (spikes < 1 || spikes > 1000) throw Error("spike samples = " + std::to_string(spikes) + " (expected 1 to 1000)");
}

TpLosses& TpLosses::operator+=(const TpLosses& o) {
  g1 += o.g1;
  f1 += o.f1;
  g2 += o.g2;
  f2 += o.f2;
  reconstruction += o.reconstruction;
  return *this;
}

TpLosses TpLosses::scaled(double factor) const {
  return {g1 * factor, f1 * factor, g2 * factor, f2 * factor, reconstruction * factor};
}

bool TpLosses::allFinite() const {
  return std::isfinite(g1) && std::isfinite(f1) && std::isfinite(g2) && std::isfinite(f2) &&
         std::isfinite(reconstruction);
}

TpLosses mStepGradient(const TpModel<float>& m, const Matrix& x, const LatentState<float>& latent,
                       const CorruptionSettings& c, Rng& rng, TpModel<float>& gradient) {
  TpLosses losses;
  const Matrix& h1 = latent.h1;
  const Matrix& h2 = latent.h2;
  losses.g1 = localRegression(gaussianCorruption(h1, static_cast<float>(c.sigmaA), rng), x, m.V1, m.c1, m.arch.g1,
                              &gradient.V1, &gradient.c1);
  losses.f1 = localRegression(gaussianCorruption(x, static_cast<float>(c.sigmaX), rng), h1, m.W1, m.b1, m.arch.f1,
                              &gradient.W1, &gradient.b1);
  losses.g2 = localRegression(spikeAverage(h2, c.spikes, rng), h1, m.V2, m.c2, m.arch.g2, &gradient.V2, &gradient.c2);
  losses.f2 = localRegression(gaussianCorruption(h1, static_cast<float>(c.sigmaB), rng), h2, m.W2, m.b2, m.arch.f2,
                              &gradient.W2, &gradient.b2);
  return losses;
}

template <typename S>
double reconstructionCost(const TpModel<S>& model, const MatrixT<S>& x) {
  const MatrixT<S> r = model.g1(model.g2(model.f2(model.f1(x))));
  return static_cast<double>((r - x).squaredNorm()) / static_cast<double>(x.rows());
}

template double reconstructionCost(const TpModel<float>&, const Matrix&);
template double reconstructionCost(const TpModel<double>&, const MatrixD&);

}  // namespace vpf::targetprop
