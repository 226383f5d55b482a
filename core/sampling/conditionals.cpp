#include "core/sampling/conditionals.h"

#include <algorithm>
#include <cmath>

namespace vpf {

Matrix sigmoid(const Matrix& z) {
  // 1/(1+e^{−z}) with the argument clamped so exp never overflows; large matrices (the E-step)
  // are split into row blocks over the cores.
  Matrix out(z.rows(), z.cols());
  const Eigen::Index blockRows = 256;
  const Eigen::Index blocks = (z.rows() + blockRows - 1) / blockRows;
#pragma omp parallel for schedule(static) if (z.size() > (1 << 16))
  for (Eigen::Index b = 0; b < blocks; ++b) {
    const Eigen::Index r0 = b * blockRows, rows = std::min(blockRows, z.rows() - r0);
    out.middleRows(r0, rows) =
        (1.0f + (-z.middleRows(r0, rows).array().max(-80.0f).min(80.0f)).exp()).inverse().matrix();
  }
  return out;
}

Matrix externalField(const BoltzmannMachine& m, int l, const Matrix* below, const Matrix* above) {
  const Eigen::Index n = below ? below->rows() : (above ? above->rows() : 0);
  Matrix z(n, m.sizes[l]);
  z.rowwise() = m.b[l];
  if (below && l > 0) z.noalias() += *below * m.W[l - 1];
  if (above && l + 1 < m.layerCount()) z.noalias() += *above * m.W[l].transpose();
  return z;
}

Matrix upProbability(const BoltzmannMachine& m, int l, const Matrix& below) {
  return sigmoid(externalField(m, l, &below, nullptr));
}

Matrix downProbability(const BoltzmannMachine& m, int l, const Matrix& above) {
  return sigmoid(externalField(m, l, nullptr, &above));
}

void asyncIntraSweep(const BoltzmannMachine& m, int l, const Matrix& external, Matrix& h, Rng& rng,
                     Matrix* probabilities) {
  if (!m.hasIntra(l)) return;
  const Matrix& L = m.L[l];
  const Eigen::Index units = h.cols(), rows = h.rows();
  if (probabilities) probabilities->resize(rows, units);
  // Column-major copy so one unit's column is contiguous while sweeping units in order.
  Eigen::MatrixXf state = h;
  Eigen::VectorXf field(rows);
  for (Eigen::Index j = 0; j < units; ++j) {
    field.noalias() = state * L.col(j);  // L_jj = 0, so h_j itself does not contribute
    field += external.col(j);
    for (Eigen::Index n = 0; n < rows; ++n) {
      const float p = 1.0f / (1.0f + std::exp(-std::clamp(field[n], -80.0f, 80.0f)));
      if (probabilities) (*probabilities)(n, j) = p;
      state(n, j) = rng.uniform() < p ? 1.0f : 0.0f;
    }
  }
  h = state;
}

std::vector<Matrix> vpfEStep(const BoltzmannMachine& m, const Matrix& data, Rng& rng, bool meanField) {
  std::vector<Matrix> hidden;
  const Matrix* below = &data;
  for (int l = 1; l < m.layerCount(); ++l) {
    const Matrix field = externalField(m, l, below, nullptr);
    Matrix h = sigmoid(field);
    if (!meanField) rng.bernoulliInPlace(h);
    if (m.hasIntra(l)) asyncIntraSweep(m, l, field, h, rng);
    hidden.push_back(std::move(h));
    below = &hidden.back();
  }
  return hidden;
}

}  // namespace vpf
