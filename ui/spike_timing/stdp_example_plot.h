#pragma once
// The STDP tab's small plot: one example pairing drawn in time, either VPF's pre and post
// neurons (excited or at rest) around the scored post transition with its eq. 6 weight change,
// or the Bengio et al. 2015 voltage ramp and the post spike it causes. Clears and fills `plot`.
#include <QtGlobal>

#include "core/stdp/stdp_experiment.h"

class QCustomPlot;

namespace vpf {

/// The example kinds, in the order of the panel's combo box.
enum class StdpExampleKind { VpfPrePost = 0, VpfPostPre = 1, Bengio = 2 };

/// Example `index` of `kind` for `c`; `dtMs` is |Δt| of the VPF pairings (unused for Bengio).
/// Invalid parameters are shown as the plot's caption.
void drawStdpExample(QCustomPlot& plot, const StdpConfig& c, StdpExampleKind kind, double dtMs, quint64 index);

}  // namespace vpf
