#pragma once
// The STDP figure (DESIGN §8, VPF paper Fig. 1): all curves on one QCustomPlot — exact curves as
// lines, simulations and measured points as markers with QCPErrorBars — drawn the same way in
// the GUI panel and by `vpf stdp --figure` (offscreen, no OpenGL). Saved as PNG, SVG or PDF by
// file extension.
#include <QColor>
#include <QString>
#include <vector>

#include "core/stdp/stdp_curve.h"

class QCustomPlot;

namespace vpf {

/// Colour of a curve by name (stdp_names), the same in the panel, its toggles and the files.
QColor stdpCurveColor(const std::string& name);

/// Clears `plot` (plottables, items) and draws `curves`, normalised by normaliseCurves unless
/// `normalised` is false; the y-axis label says which. An empty `title` adds no title.
void drawStdpCurves(QCustomPlot& plot, const std::vector<StdpCurve>& curves, const QString& title = {},
                    bool normalised = true);

/// Saves `plot` as PNG, SVG or PDF by the extension of `path` (any case), width × height logical
/// pixels. Written to a temp file next to `path`, then renamed, so a failure never leaves a
/// half-written file. Throws vpf::Error naming the path (unknown extension, unwritable folder…).
void saveStdpPlot(QCustomPlot& plot, const QString& path, int width, int height);

/// Draws `curves` on an offscreen plot and saves it (see saveStdpPlot). Needs a QApplication.
void saveStdpFigure(const std::vector<StdpCurve>& curves, const QString& path, int width = 900, int height = 560,
                    const QString& title = QStringLiteral("STDP: weight change against spike-time difference"),
                    bool normalised = true);

/// True for .png, .svg, .pdf (any case).
bool isStdpFigurePath(const QString& path);

}  // namespace vpf
