#pragma once
// The six plots of Bengio & Fischer 2015's claim, measured (DESIGN §19, spec B3 "Predicted plots"),
// on one QCustomPlot as a 3 × 2 grid, each with its title and a line saying what the paper predicts,
// so prediction and measurement are read together. Drawn the same way by the Early inference tab
// and by `vpf early-inference --figure` (offscreen). P1, P2 come from the ε sweep; P3–P6 from one
// ε ("the focus"), which may be a run of its own.
//   P1 ‖d_k(k+1)‖ against ε (log-log), the dashed lines sε^{k+1}‖g_k‖ (slope k+1)
//   P2 r_k(ε) (log-log)
//   P3 cos(d_k(t), −g_k) against εt, dashed the cosine with u_∞
//   P4 a_k(t) = ‖d_k(t)‖/‖g_k‖ against t (log-log), dashed the leading order sε^{k+1}C(t, k+1)
//   P5 per unit d_k(k+1)/(−sε^{k+1}‖g_k‖) against g_k/‖g_k‖, the diagonal
//   P6 log10 ‖d_l(t)‖ over layers × t: the wave, one layer per step
#include <QString>

#include "core/early_inference/sweep.h"

class QCustomPlot;

namespace vpf {

struct EarlyInferenceView {
  const early_inference::SweepResult* sweep = nullptr;  // P1, P2 (and the network for the legends)
  const early_inference::EpsilonRun* focus = nullptr;   // P3–P6; null: no focus plots
  double nudgeStrength = 1;                             // s: 1 for drive, β for weak
  int waveSteps = 12;  // P6 shows t = 0 … min(T, max(waveSteps, 4L)): the wave takes L steps
};

/// Clears `plot` and draws the six plots.
void drawEarlyInference(QCustomPlot& plot, const EarlyInferenceView& view);

/// Draws on an offscreen plot and saves PNG, SVG or PDF by the extension (savePlot). Needs a
/// QApplication. Throws vpf::Error naming the path.
void saveEarlyInferenceFigure(const EarlyInferenceView& view, const QString& path, int width = 1500, int height = 950);

}  // namespace vpf
