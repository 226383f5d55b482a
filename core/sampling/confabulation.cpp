#include "core/sampling/confabulation.h"

#include <algorithm>

#include "core/common/error.h"
#include "core/sampling/conditionals.h"

namespace vpf {

std::vector<RowVector> meanBottomUpActivations(const BoltzmannMachine& m, const Matrix& data) {
  // The same bottom-up pass as the VPF E-step (samples, top-down zeroed, intra sweeps), with a
  // fixed seed so prior "P" is reproducible.
  Rng rng(20171);
  std::vector<RowVector> means{data.colwise().mean()};
  for (const Matrix& h : vpfEStep(m, data, rng, false)) means.push_back(h.colwise().mean());
  return means;
}

Matrix confabulate(const BoltzmannMachine& m, int count, ConfabulationPrior prior, int r, Rng& rng,
                   const std::vector<RowVector>* layerMeans, ConfabulationTrace* trace) {
  if (count < 1) throw Error("number of confabulations must be at least 1");
  if (r < 1) throw Error("confabulation needs r ≥ 1 Gibbs steps per layer");
  const int top = m.layerCount() - 1;
  Matrix h;
  if (prior == ConfabulationPrior::Random) {
    h = rng.bernoulli(Matrix::Constant(count, m.sizes[top], 0.5f));
  } else {
    if (!layerMeans || static_cast<int>(layerMeans->size()) <= top || (*layerMeans)[top].size() != m.sizes[top])
      throw Error("prior P needs the mean activations of the training data at the top layer");
    h = rng.bernoulli((*layerMeans)[top].replicate(count, 1));
  }
  std::vector<Matrix> state(static_cast<std::size_t>(top + 1));
  state[top] = h;
  for (int i = top; i >= 1; --i) {
    for (int j = 0; j < r; ++j) {
      state[i - 1] = rng.bernoulli(downProbability(m, i - 1, state[i]));
      const Matrix field = externalField(m, i, &state[i - 1], nullptr);
      state[i] = rng.bernoulli(sigmoid(field));
      if (m.hasIntra(i)) asyncIntraSweep(m, i, field, state[i], rng);
    }
    if (trace) {
      // What the descent looks like so far: h_{i−1} projected down to the pixels (mean field).
      Matrix p = state[i - 1];
      for (int l = i - 1; l >= 1; --l) p = downProbability(m, l - 1, p);
      trace->topStates.push_back(std::move(p));
    }
  }
  return downProbability(m, 0, state[1]);
}

ConfabulationPrior parsePrior(const std::string& name) {
  std::string n = name;
  std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::tolower(c); });
  if (n == "random" || n == "r") return ConfabulationPrior::Random;
  if (n == "mean" || n == "p") return ConfabulationPrior::Mean;
  throw Error("unknown prior '" + name + "': expected random (R) or mean (P)");
}

}  // namespace vpf
