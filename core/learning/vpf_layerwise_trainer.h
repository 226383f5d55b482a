#pragma once
// VPF, layer-wise (DESIGN §17; issue 14): the E-step of VPF, but the M-step minimises one MPF
// objective per layer pair, K = Σ_l K_l, where K_l is the MPF objective of the two-layer machine
// (h_l, h_{l+1}) with W_l, b_l, b_{l+1} (and the intra-layer weights of h_l, and of the top layer in
// the top pair). Why: in the joint objective the hidden flips carry no data signal for W_1 … —
// with the exact posterior their expected gradient is exactly zero, with the bottom-up E-step it
// shrinks them (tests/core/test_vpf_upper_layers) — because h_l is already explained by the layer
// below. In K_l, h_l's flips see only the layer above, so W_l learns a generative model of the
// layer below's code: a stack of RBMs (a deep belief net), which is what paper Alg. 2's top-down
// confabulation samples from. A shared bias b_l gets the gradients of both pairs it belongs to.
// For an RBM it is VPF exactly.
#include "core/learning/vpf_trainer.h"

namespace vpf {

class VpfLayerwiseTrainer : public VpfTrainer {
 public:
  using VpfTrainer::VpfTrainer;

 protected:
  double computeGradient(const std::vector<int>& rows, BoltzmannMachine& gradient) override;
};

/// The two-layer machine of layer pair (l, l+1) of `m` (copies of its parameters): W_l, b_l, b_{l+1},
/// the intra-layer weights of h_l, and those of h_{l+1} when it is the top layer.
template <typename S>
BasicBoltzmannMachine<S> layerPair(const BasicBoltzmannMachine<S>& m, int l) {
  const bool top = l + 2 == m.layerCount();
  BasicBoltzmannMachine<S> pair;
  pair.sizes = {m.sizes[std::size_t(l)], m.sizes[std::size_t(l + 1)]};
  pair.W = {m.W[std::size_t(l)]};
  pair.b = {m.b[std::size_t(l)], m.b[std::size_t(l + 1)]};
  pair.L = {m.hasIntra(l) ? m.L[std::size_t(l)] : MatrixT<S>(),
            top && m.hasIntra(l + 1) ? m.L[std::size_t(l + 1)] : MatrixT<S>()};
  return pair;
}

}  // namespace vpf
