#pragma once
// INPAINT of Bengio et al. 2015 (spec A4, Fig. 5): mask m = 1 on missing pixels. x⁰ = (1−m)⊙x + m⊙U;
// then `steps` outer steps, each an INFERENCE started at H1 = f1(x^{s−1}) whose H1 move uses
// f1(Xc) − f1(g1(H1)), Xc = (1−m)⊙x + m⊙g1(H1) (the paper's f1(x^v, g^m(h)) − f1(g(h))), followed by
// x^s = (1−m)⊙x + m⊙g1(H1). Known pixels are copied from x in every frame. Shapes: x, m N × n0.
#include <vector>

#include "core/common/rng.h"
#include "core/common/stop_token.h"
#include "core/targetprop/inference.h"

namespace vpf::targetprop {

/// How the missing pixels start: U(0, 1) (the paper's "randomly sampled"), Bernoulli(½), or 0.
enum class MissingStart { Uniform, Bernoulli, Zeros };

MissingStart parseMissingStart(const std::string& name);  // "uniform" | "bernoulli" | "zeros"
std::string missingStartName(MissingStart start);

struct InpaintSettings {
  int steps = 20;
  InferenceSettings inference;  // N 15, δ 0.1, α 0.001 (the paper gives none for inpainting)
  MissingStart start = MissingStart::Uniform;
  void validate() const;
};

template <typename S>
struct InpaintResult {
  MatrixT<S> images;               // x^steps
  std::vector<MatrixT<S>> frames;  // x⁰ … x^steps, when kept
  std::vector<MatrixT<S>> hidden;  // H1 at the end of each outer step 1 … steps, when kept
  int stepsDone = 0;
};

/// When `stop` is requested it returns after the last finished outer step.
template <typename S>
InpaintResult<S> inpaint(const TpModel<S>& model, const MatrixT<S>& x, const MatrixT<S>& mask,
                         const InpaintSettings& settings, Rng& rng, bool keepFrames = false,
                         const StopToken* stop = nullptr);

}  // namespace vpf::targetprop
