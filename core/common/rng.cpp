#include "core/common/rng.h"

#include <algorithm>
#include <cmath>
#include <vector>
#include <numbers>
#include <sstream>

#include "core/common/error.h"

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

namespace {

// Fills data[0, n) with N(0, sd²), two values per pair of uniforms (Box–Muller).
void fillNormal(Rng& rng, float* data, Eigen::Index n, float sd) {
  for (Eigen::Index i = 0; i < n; i += 2) {
    double u1 = rng.uniformDouble();
    while (u1 <= 0.0) u1 = rng.uniformDouble();
    const double radius = sd * std::sqrt(-2.0 * std::log(u1));
    const double angle = 2.0 * std::numbers::pi * rng.uniformDouble();
    data[i] = static_cast<float>(radius * std::cos(angle));
    if (i + 1 < n) data[i + 1] = static_cast<float>(radius * std::sin(angle));
  }
}

}  // namespace

void Rng::normalInPlace(Matrix& m, float sd) {
  float* data = m.data();
  const Eigen::Index n = m.size();
  constexpr Eigen::Index kChunk = 1 << 16;
  if (n <= kChunk) return fillNormal(*this, data, n, sd);
  const Eigen::Index chunks = (n + kChunk - 1) / kChunk;
  std::vector<std::uint64_t> seeds(static_cast<std::size_t>(chunks));
  for (auto& seed : seeds) seed = (static_cast<std::uint64_t>(m_engine()) << 32) | m_engine();
#pragma omp parallel for schedule(static)
  for (Eigen::Index c = 0; c < chunks; ++c) {
    Rng local(seeds[static_cast<std::size_t>(c)], static_cast<std::uint64_t>(c));
    const Eigen::Index begin = c * kChunk;
    fillNormal(local, data + begin, std::min(n, begin + kChunk) - begin, sd);
  }
}

void Rng::bernoulliInPlace(Matrix& p) {
  float* data = p.data();
  const Eigen::Index n = p.size();
  constexpr Eigen::Index kChunk = 1 << 16;
  if (n <= kChunk) {
    for (Eigen::Index i = 0; i < n; ++i) data[i] = uniform() < data[i] ? 1.0f : 0.0f;
    return;
  }
  // Large matrices (the whole-set E-step): each fixed-size chunk gets its own generator, seeded in
  // order from this one, so the result is the same whatever the number of threads.
  const Eigen::Index chunks = (n + kChunk - 1) / kChunk;
  std::vector<std::uint64_t> seeds(static_cast<std::size_t>(chunks));
  for (auto& seed : seeds) seed = (static_cast<std::uint64_t>(m_engine()) << 32) | m_engine();
#pragma omp parallel for schedule(static)
  for (Eigen::Index c = 0; c < chunks; ++c) {
    Rng local(seeds[static_cast<std::size_t>(c)], static_cast<std::uint64_t>(c));
    const Eigen::Index end = std::min(n, (c + 1) * kChunk);
    for (Eigen::Index i = c * kChunk; i < end; ++i) data[i] = local.uniform() < data[i] ? 1.0f : 0.0f;
  }
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
