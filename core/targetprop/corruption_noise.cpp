#include "core/targetprop/corruption_noise.h"

#include "core/common/error.h"

namespace vpf::targetprop {

Matrix gaussianCorruption(const Matrix& u, float sigma, Rng& rng) {
  Matrix noise(u.rows(), u.cols());
  rng.normalInPlace(noise, sigma);
  return u + noise;
}

Matrix spikeAverage(const Matrix& p, int samples, Rng& rng) {
  if (samples < 1) throw Error("the spike corruption needs at least one Bernoulli sample");
  Matrix sum = Matrix::Zero(p.rows(), p.cols());
  for (int i = 0; i < samples; ++i) sum += rng.bernoulli(p);
  return sum / static_cast<float>(samples);
}

}  // namespace vpf::targetprop
