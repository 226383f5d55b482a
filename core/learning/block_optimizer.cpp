#include "core/learning/block_optimizer.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/common/error.h"

namespace vpf {

namespace {

// Elementwise and memory-bound: every block is split into chunks updated on all cores (a VPF epoch
// does ~1,500 of these passes over every parameter). The chunking does not change any value.
constexpr Eigen::Index kChunk = 16384;

std::vector<std::pair<std::size_t, Eigen::Index>> chunksOf(const std::vector<ParameterBlock>& params) {
  std::vector<std::pair<std::size_t, Eigen::Index>> chunks;
  for (std::size_t i = 0; i < params.size(); ++i)
    for (Eigen::Index begin = 0; begin < params[i].size; begin += kChunk) chunks.emplace_back(i, begin);
  return chunks;
}

}  // namespace

void BlockOptimizer::ensureMoments(const std::vector<ParameterBlock>& params) {
  const bool rms = m_settings.rule == UpdateRule::CentredRmsprop;
  if (m_settings.rule == UpdateRule::Sgd || !m_state.firstMoment.empty()) return;
  for (const auto& p : params) {
    m_state.firstMoment.emplace_back(p.size, 0.0f);
    m_state.secondMoment.emplace_back(p.size, 0.0f);
    if (rms) m_state.momentum.emplace_back(p.size, 0.0f);
  }
}

void BlockOptimizer::apply(const std::vector<ParameterBlock>& params, const std::vector<ParameterBlock>& grads) {
  if (params.size() != grads.size()) throw Error("optimizer: parameter and gradient block counts differ");
  ensureMoments(params);
  ++m_state.step;
  const auto chunks = chunksOf(params);
  const BlockOptimizerSettings& s = m_settings;
  // Plain loops with std::sqrt, not Eigen array expressions: Eigen does a block's unaligned head in
  // scalar code and the rest with a fast-math packet sqrt, so the result depended on the address of
  // the moment buffers (and a restored checkpoint did not resume exactly). With FMA contraction off
  // for this file (core/CMakeLists.txt) scalar and vector code round alike.
  if (s.rule == UpdateRule::Sgd) {
    const float lr = static_cast<float>(s.learningRate);
    for (std::size_t i = 0; i < params.size(); ++i) {
      float* __restrict p = params[i].data;
      const float* __restrict g = grads[i].data;
      for (Eigen::Index k = 0; k < params[i].size; ++k) p[k] -= lr * g[k];
    }
    return;
  }
  if (s.rule == UpdateRule::Adam) {
    const double t = static_cast<double>(m_state.step);
    // Bias-corrected step size, as in Kingma & Ba Alg. 1 (the efficient form).
    const float lrT =
        static_cast<float>(s.learningRate * std::sqrt(1 - std::pow(s.beta2, t)) / (1 - std::pow(s.beta1, t)));
    const float b1 = static_cast<float>(s.beta1), b2 = static_cast<float>(s.beta2);
    const float eps = static_cast<float>(s.epsilon);
#pragma omp parallel for schedule(static) if (chunks.size() > 4)
    for (std::size_t c = 0; c < chunks.size(); ++c) {
      const auto [i, begin] = chunks[c];
      const Eigen::Index n = std::min(kChunk, params[i].size - begin);
      float* __restrict p = params[i].data + begin;
      const float* __restrict g = grads[i].data + begin;
      float* __restrict m = m_state.firstMoment[i].data() + begin;
      float* __restrict v = m_state.secondMoment[i].data() + begin;
      for (Eigen::Index k = 0; k < n; ++k) {
        m[k] = b1 * m[k] + (1 - b1) * g[k];
        v[k] = b2 * v[k] + (1 - b2) * (g[k] * g[k]);
        p[k] -= lrT * m[k] / (std::sqrt(v[k]) + eps);
      }
    }
    return;
  }
  const float rho = static_cast<float>(s.rmsDecay), mu = static_cast<float>(s.momentum);
  const float lr = static_cast<float>(s.learningRate), stab = static_cast<float>(s.stabiliser);
#pragma omp parallel for schedule(static) if (chunks.size() > 4)
  for (std::size_t c = 0; c < chunks.size(); ++c) {
    const auto [i, begin] = chunks[c];
    const Eigen::Index n = std::min(kChunk, params[i].size - begin);
    float* __restrict p = params[i].data + begin;
    const float* __restrict g = grads[i].data + begin;
    float* __restrict a = m_state.firstMoment[i].data() + begin;
    float* __restrict r = m_state.secondMoment[i].data() + begin;
    float* __restrict m = m_state.momentum[i].data() + begin;
    for (Eigen::Index k = 0; k < n; ++k) {
      a[k] = rho * a[k] + (1 - rho) * g[k];
      r[k] = rho * r[k] + (1 - rho) * (g[k] * g[k]);
      m[k] = mu * m[k] - lr * g[k] / std::sqrt(r[k] - a[k] * a[k] + stab);
      p[k] += m[k];
    }
  }
}

}  // namespace vpf
