#include "common/rng.h"

#include <cmath>
#include <numbers>
#include <sstream>

#include "common/error.h"

namespace vpf {

double Rng::normal() {
  double u1 = uniformDouble();
  while (u1 <= 0.0) u1 = uniformDouble();
  const double u2 = uniformDouble();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

double Rng::exponential(double rate) {
  double u = uniformDouble();
  while (u <= 0.0) u = uniformDouble();
  return -std::log(u) / rate;
}

void Rng::bernoulliInPlace(Matrix& p) {
  float* data = p.data();
  const Eigen::Index n = p.size();
  for (Eigen::Index i = 0; i < n; ++i) data[i] = uniform() < data[i] ? 1.0f : 0.0f;
}

std::string Rng::state() const {
  std::ostringstream out;
  out << m_engine;
  return out.str();
}

void Rng::setState(const std::string& text) {
  std::istringstream in(text);
  pcg32 engine;
  in >> engine;
  if (in.fail()) throw Error("corrupt random-generator state in checkpoint");
  m_engine = engine;
}

}  // namespace vpf
