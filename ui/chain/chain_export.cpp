// ChainPanel, export: the chain's frames (every layer's probabilities and sample, the film strip;
// shared figure code, figures/sampling_figures.h), the energy plot, the energies as CSV and the
// visible samples of the film strip as .npy.
#include <qcustomplot.h>

#include <QDir>
#include <QEventLoop>
#include <QPainter>
#include <QSpinBox>
#include <QTimer>

#include "core/common/error.h"
#include "core/io/csv_writer.h"
#include "core/io/npy.h"
#include "figures/sampling_figures.h"
#include "ui/chain/chain_panel.h"
#include "ui/support/image_tile.h"

namespace vpf {

void ChainPanel::waitForChain() {
  // Export right after a model arrives (e.g. --export-all): let the worker set the chain up.
  if (!m_context->model() || !isBusy() || isRunning()) return;
  QEventLoop loop;
  QTimer timeout;
  timeout.setSingleShot(true);
  connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
  connect(this, &ChainPanel::frameShown, &loop, [this, &loop] {
    if (!isBusy()) loop.quit();
  });
  timeout.start(30000);
  loop.exec();
}

void ChainPanel::exportFigure(const QString& path, const FigureSize& size) {
  waitForChain();
  if (m_frame.samples.empty()) throw Error("no Gibbs chain to export (no model yet)");
  const QString title = tr("%1 — Gibbs chain after %2 step(s), seed %3")
                            .arg(m_context->modelDescription())
                            .arg(m_frame.steps)
                            .arg(m_seed->value());
  const ChainFramesFigure figure =
      chainFrames(title, m_frame.probs, m_frame.samples, m_context->imageRows(), m_context->imageCols(),
                  m_film->image(), tr("last %1 visible samples").arg(m_history.size()));
  savePainted([&figure](QPainter& p, const QRectF& rect) { paintChainFrames(p, rect, figure); }, path, size);
}

void ChainPanel::exportCsv(const QString& path) {
  waitForChain();
  if (m_energies.empty()) throw Error("no Gibbs chain to export (no model yet)");
  CsvWriter csv({"step", "energy", "free_energy"});
  for (std::size_t i = 0; i < m_energies.size(); ++i)
    csv.addRow(std::vector<std::string>{std::to_string(m_energySteps[i]), CsvWriter::number(m_energies[i]),
                                        m_isRbm ? CsvWriter::number(m_freeEnergies[i]) : std::string()});
  saveCsv(csv, path);
}

QStringList ChainPanel::exportAll(const QString& folder, const FigureSize& size) {
  QStringList written = ExportableView::exportAll(folder, size);
  written << savePlotAllFormats(*m_plot, folder, QStringLiteral("gibbs-chain-energy"), size);
  Matrix history(static_cast<Eigen::Index>(m_history.size()), m_frame.samples.empty() ? 0 : m_frame.samples[0].size());
  for (std::size_t i = 0; i < m_history.size(); ++i) history.row(static_cast<Eigen::Index>(i)) = m_history[i];
  const QString npy = QDir(folder).filePath(QStringLiteral("gibbs-chain-history.npy"));
  saveNpy(npy.toStdString(), history);
  written << npy;
  return written;
}

}  // namespace vpf
