#include "sampling/gibbs_chain.h"

#include "common/error.h"
#include "learning/vpf_trainer.h"
#include "sampling/conditionals.h"

namespace vpf {

void gibbsTransition(const BoltzmannMachine& m, std::vector<Matrix>& samples, std::vector<Matrix>& probs, Rng& rng,
                     const Matrix* masks, const Matrix* images) {
  const int layers = m.layerCount();
  probs.resize(static_cast<std::size_t>(layers));
  // Layers of one parity are conditionally independent given the others (intra-layer weights
  // aside, which the asynchronous sweep handles), so odd layers first, then even ones.
  for (int parity : {1, 0}) {
    for (int l = parity; l < layers; l += 2) {
      const Matrix* below = l > 0 ? &samples[l - 1] : nullptr;
      const Matrix* above = l + 1 < layers ? &samples[l + 1] : nullptr;
      const Matrix field = externalField(m, l, below, above);
      if (m.hasIntra(l)) {
        asyncIntraSweep(m, l, field, samples[l], rng, &probs[l]);
        continue;
      }
      probs[l] = sigmoid(field);
      samples[l] = rng.bernoulli(probs[l]);
      if (l == 0 && masks) samples[0] = masks->cwiseProduct(samples[0]) + (1.0f - masks->array()).matrix().cwiseProduct(*images);
    }
  }
}

GibbsChain::GibbsChain(const BoltzmannMachine& model, const Matrix& v0, std::uint64_t seed)
    : m_model(model), m_rng(seed) {
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
  const bool clamped = m_masks.size() > 0;
  gibbsTransition(m_model, m_samples, m_probs, m_rng, clamped ? &m_masks : nullptr, clamped ? &m_clampImages : nullptr);
  ++m_steps;
}

Eigen::VectorXd GibbsChain::energies() const { return energy(m_model, m_samples).cast<double>(); }

}  // namespace vpf
