#pragma once
// INFERENCE of Bengio et al. 2015, Alg. 2 (spec A4): the E-step that refines (H1, H2) from the
// recognition start H1 = f1(X), H2 = f2(H1) by N deterministic moves. Target-propagation mode
// (Eq. 12, the paper's):
//   H2 ← H2 + δ [f2(H1) − f2(g2(H2))]
//   H1 ← H1 + δ [f1(X) − f1(g1(H1))] + α [g2(H2) − H1]        (with the H2 just updated)
// Gradient mode (Fig. 4's contrast), the exact derivatives of the same local terms:
//   H2 ← H2 + δ ((H1 − g2(H2)) ⊙ a′_g2(H2 V2 + c2)) V2ᵀ
//   H1 ← H1 + δ ((X − g1(H1)) ⊙ a′_g1(H1 V1 + c1)) V1ᵀ + α (g2(H2) − H1)
// Alg. 2's α weights log p(h1|h2) in the h1 move only (it is not Eq. 6's α), so the moves are not the
// gradient of one scalar. With a mask (INPAINT, 1 = missing pixel) X is replaced in every iteration by
// Xc = (1−m)⊙X + m⊙g1(H1). Shapes: X, mask N × n0; H1 N × n1; H2 N × n2.
#include <functional>

#include "core/common/stop_token.h"
#include "core/targetprop/tp_model.h"

namespace vpf::targetprop {

enum class InferenceMode { TargetProp, Gradient };

InferenceMode parseInferenceMode(const std::string& name);  // "tp" | "gradient"; throws vpf::Error
std::string inferenceModeName(InferenceMode mode);

struct InferenceSettings {
  int iterations = 15;   // N
  double delta = 0.1;    // δ
  double alpha = 0.001;  // α (training; GENERATE uses 0.3)
  InferenceMode mode = InferenceMode::TargetProp;
  void validate() const;  // throws vpf::Error naming the bad field
  bool operator==(const InferenceSettings&) const = default;
};

template <typename S>
struct LatentState {
  MatrixT<S> h1, h2;
};

/// One INFERENCE run, advanced an iteration at a time (the Fig. 4 curve reads every t).
template <typename S>
class Inference {
 public:
  /// `x` (and `mask`, if given) must outlive the object. Starts at H1 = f1(x), H2 = f2(H1).
  Inference(const TpModel<S>& model, const MatrixT<S>& x, const InferenceSettings& settings,
            const MatrixT<S>* mask = nullptr);

  /// Restarts from H1 = h1, H2 = f2(h1) (INPAINT: h1 = f1(x^{s−1})).
  void startFrom(const MatrixT<S>& h1);
  /// Replaces the state (tests of single moves).
  void setState(const MatrixT<S>& h1, const MatrixT<S>& h2);
  /// One iteration of the moves above.
  void step();

  const LatentState<S>& state() const { return m_state; }
  int iterationsDone() const { return m_done; }

 private:
  MatrixT<S> visibleTarget(const MatrixT<S>& g1h1) const;  // X, or Xc under a mask

  const TpModel<S>& m_model;
  const MatrixT<S>& m_x;
  const MatrixT<S>* m_mask;
  InferenceSettings m_settings;
  MatrixT<S> m_f1x;  // f1(X), computed once when there is no mask
  MatrixT<S> m_g2;   // g2(H2) of the current H2 (Alg. 2 reuses it in the next iteration)
  LatentState<S> m_state;
  int m_done = 0;
};

/// Called with t = 0 (the start) and after every iteration t = 1 … N; returning false stops early.
template <typename S>
using InferenceObserver = std::function<bool(int, const LatentState<S>&)>;

/// INFERENCE(X): N iterations from the recognition start. Stops early when `stop` is requested or the
/// observer returns false (the state reached so far is returned).
template <typename S>
LatentState<S> infer(const TpModel<S>& model, const MatrixT<S>& x, const InferenceSettings& settings,
                     const InferenceObserver<S>& observer = {}, const StopToken* stop = nullptr);

}  // namespace vpf::targetprop
