#include "core/sampling/gibbs_chain.h"

#include "core/common/error.h"
#include "core/sampling/conditionals.h"

namespace vpf {

std::vector<int> gibbsUpdateOrder(const BoltzmannMachine& m) {
  // Layers of one parity are conditionally independent given the others (intra-layer weights
  // aside, which the asynchronous sweep handles), so odd layers first, then even ones.
  std::vector<int> order;
  for (int parity : {1, 0})
    for (int l = parity; l < m.layerCount(); l += 2) order.push_back(l);
  return order;
}

void gibbsUpdateLayer(const BoltzmannMachine& m, int l, std::vector<Matrix>& samples, std::vector<Matrix>& probs,
                      Rng& rng, const Matrix* masks, const Matrix* images) {
  const int layers = m.layerCount();
  const Matrix* below = l > 0 ? &samples[l - 1] : nullptr;
  const Matrix* above = l + 1 < layers ? &samples[l + 1] : nullptr;
  const Matrix field = externalField(m, l, below, above);
  if (m.hasIntra(l)) {
    asyncIntraSweep(m, l, field, samples[l], rng, &probs[l]);
    return;
  }
  probs[l] = sigmoid(field);
  samples[l] = rng.bernoulli(probs[l]);
  if (l == 0 && masks)
    samples[0] = masks->cwiseProduct(samples[0]) + (1.0f - masks->array()).matrix().cwiseProduct(*images);
}

void gibbsTransition(const BoltzmannMachine& m, std::vector<Matrix>& samples, std::vector<Matrix>& probs, Rng& rng,
                     const Matrix* masks, const Matrix* images) {
  probs.resize(static_cast<std::size_t>(m.layerCount()));
  for (int l : gibbsUpdateOrder(m)) gibbsUpdateLayer(m, l, samples, probs, rng, masks, images);
}

GibbsChain::GibbsChain(const BoltzmannMachine& model, const Matrix& v0, std::uint64_t seed)
    : m_model(model), m_rng(seed), m_order(gibbsUpdateOrder(model)) {
  if (v0.cols() != model.sizes[0])
    throw Error("chain start has " + std::to_string(v0.cols()) + " pixels, the model expects " +
                std::to_string(model.sizes[0]));
  m_samples.push_back(v0);
  m_probs.push_back(v0);
  for (Matrix& h : vpfEStep(model, v0, m_rng, false)) {
    m_probs.push_back(h);
    m_samples.push_back(std::move(h));
  }
}

void GibbsChain::setClamp(const RowVector& mask, const Matrix& image) {
  const Eigen::Index n = m_samples[0].rows();
  Matrix masks = mask.replicate(n, 1);
  Matrix images = image.rows() == 1 ? Matrix(image.replicate(n, 1)) : image;
  setClamp(masks, images);
}

void GibbsChain::setClamp(const Matrix& masks, const Matrix& images) {
  if (masks.rows() != m_samples[0].rows() || masks.cols() != m_samples[0].cols() || images.rows() != masks.rows() ||
      images.cols() != masks.cols())
    throw Error("clamp mask/image shape does not match the chain");
  m_masks = masks;
  m_clampImages = images;
  m_samples[0] = m_masks.cwiseProduct(m_samples[0]) + (1.0f - m_masks.array()).matrix().cwiseProduct(m_clampImages);
}

void GibbsChain::clearClamp() {
  m_masks.resize(0, 0);
  m_clampImages.resize(0, 0);
}

void GibbsChain::step() {
  do subStep();
  while (m_subStep != 0);
}

void GibbsChain::subStep() {
  const bool clamped = m_masks.size() > 0;
  gibbsUpdateLayer(m_model, m_order[static_cast<std::size_t>(m_subStep)], m_samples, m_probs, m_rng,
                   clamped ? &m_masks : nullptr, clamped ? &m_clampImages : nullptr);
  if (++m_subStep == static_cast<int>(m_order.size())) {
    m_subStep = 0;
    ++m_steps;
  }
}

Eigen::VectorXd GibbsChain::energies() const { return energy(m_model, m_samples).cast<double>(); }

}  // namespace vpf
