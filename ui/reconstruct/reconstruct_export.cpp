// ReconstructPanel, export: the reconstruction strip with its Table 1 lines (shared figure code,
// figures/sampling_figures.h), the per-pixel CSV and the four images as .npy.
#include <QComboBox>
#include <QDir>
#include <QEventLoop>
#include <QPainter>
#include <QSpinBox>
#include <QTimer>

#include "core/common/error.h"
#include "core/io/csv_writer.h"
#include "core/io/npy.h"
#include "figures/sampling_figures.h"
#include "ui/reconstruct/reconstruct_panel.h"
#include "ui/support/task_runner.h"

namespace vpf {

void ReconstructPanel::waitForReconstruction() {
  // Export right after a model arrives (e.g. --export-all): let the worker deliver the picture.
  if (!m_context->model() || (m_reconstruction.size() > 0 && !m_runner->isBusy())) return;
  if (!m_runner->isBusy()) requestReconstruction();
  QEventLoop loop;
  QTimer::singleShot(30000, &loop, &QEventLoop::quit);
  connect(m_runner, &TaskRunner::busyChanged, &loop, [&loop](bool busy) {
    if (!busy) loop.quit();
  });
  if (m_runner->isBusy()) loop.exec();
}

void ReconstructPanel::exportFigure(const QString& path, const FigureSize& size) {
  waitForReconstruction();
  if (m_reconstruction.size() == 0) throw Error("no reconstruction to export (no model or no image yet)");
  const QString note = tr("%1 — %2 Gibbs transitions, corrupted pixels start as %3, seed %4")
                           .arg(m_context->modelDescription())
                           .arg(m_transitions->value())
                           .arg(m_startMode->currentText())
                           .arg(m_seed->value());
  std::vector<Table1Line> table;
  for (const Table1Row& r : m_table) table.push_back({r.pattern, r.mean, r.stddev, r.images});
  const ImageStripFigure figure = reconstructionStrip(m_editor.original(), m_corrupted, m_reconstruction, m_error,
                                                      m_editor.rows(), m_editor.cols(), note, table);
  savePainted([&figure](QPainter& p, const QRectF& rect) { paintImageStrip(p, rect, figure); }, path, size);
}

void ReconstructPanel::exportCsv(const QString& path) {
  waitForReconstruction();
  if (m_reconstruction.size() == 0) throw Error("no reconstruction to export (no model or no image yet)");
  CsvWriter csv({"pixel", "row", "col", "original", "input", "mask", "corrupted", "reconstruction", "abs_error"});
  const CorruptionState& s = m_editor.state();
  for (int i = 0; i < m_reconstruction.size(); ++i)
    csv.addRow(std::vector<double>{static_cast<double>(i), static_cast<double>(i / m_editor.cols()),
                                   static_cast<double>(i % m_editor.cols()), m_editor.original()[i], s.input[i],
                                   s.mask[i], m_corrupted[i], m_reconstruction[i], m_error[i]});
  saveCsv(csv, path);
}

QStringList ReconstructPanel::exportAll(const QString& folder, const FigureSize& size) {
  QStringList written = ExportableView::exportAll(folder, size);
  const QDir dir(folder);
  Matrix stack(4, m_reconstruction.size());
  stack << m_editor.original(), m_corrupted, m_reconstruction, m_error;
  const QString npy = dir.filePath(exportBaseName() + QStringLiteral(".npy"));
  saveNpy(npy.toStdString(), stack);
  written << npy;
  if (!m_table.empty()) {
    const QString table = dir.filePath(QStringLiteral("table1.csv"));
    exportTable1Csv(table);
    written << table;
  }
  return written;
}

}  // namespace vpf
