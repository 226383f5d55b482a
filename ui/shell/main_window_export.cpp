// MainWindow, export: File ▸ Export Figure… for the current tab (or a tab's own Export… button)
// and File ▸ Export All Figures…, both through the Panel interface, so every tab takes part.
#include <QDir>
#include <QFileDialog>
#include <QStatusBar>
#include <QTabWidget>
#include <algorithm>

#include "core/common/error.h"
#include "ui/export/export_all.h"
#include "ui/export/export_dialog.h"
#include "ui/shell/main_window.h"
#include "ui/shell/message_reporter.h"
#include "ui/shell/session.h"
#include "ui/shell/wait_cursor.h"
#include "ui/support/panel.h"
#include "ui/training/training_controller.h"

namespace vpf {

int MainWindow::tabIndexOf(const Panel* panel) const {
  const auto it = std::find(m_panels.begin(), m_panels.end(), panel);
  return it == m_panels.end() ? -1 : static_cast<int>(it - m_panels.begin());
}

Panel* MainWindow::currentPanel() const {
  const int index = m_tabs->currentIndex();  // tab i holds m_panels[i] in its scroll area
  return index >= 0 && index < static_cast<int>(m_panels.size()) ? m_panels[static_cast<std::size_t>(index)] : nullptr;
}

bool MainWindow::exportView(ExportableView& view, const QString& path, const FigureSize& size, bool csv) {
  try {
    WaitCursor wait;
    if (csv)
      view.exportCsv(path);
    else
      view.exportFigure(path, size);
    rememberFolder(QStringLiteral("export"), path);
    statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 8000);
    return true;
  } catch (const std::exception& e) {
    m_reporter->error(this, tr("Export failed"), QString::fromStdString(e.what()));
    return false;
  }
}

void MainWindow::exportViewWithDialog(ExportableView& view) {
  const QString path =
      QDir(defaultFolder(QStringLiteral("export"))).filePath(view.exportBaseName() + QStringLiteral(".png"));
  ExportDialog dialog(ExportDialog::Mode::Figure, tr("Export %1").arg(view.exportTitle()), path,
                      view.defaultFigureSize(), this);
  if (dialog.exec() != QDialog::Accepted) return;
  exportView(view, dialog.path(), dialog.figureSize(), dialog.csvSelected());
}

void MainWindow::exportPanel(Panel& panel) {
  if (panel.exportStyle() == Panel::ExportStyle::FigureDialog) {
    exportViewWithDialog(panel);
    return;
  }
  const QString folder = QFileDialog::getExistingDirectory(this, tr("Export the %1 figure to").arg(panel.exportTitle()),
                                                           defaultFolder(QStringLiteral("export")));
  if (folder.isEmpty()) return;
  try {
    const QStringList files = panel.exportAll(folder, FigureSize());
    statusBar()->showMessage(tr("Exported %1 files to %2").arg(files.size()).arg(folder), 8000);
  } catch (const std::exception& e) {
    m_reporter->error(this, tr("Export failed"), QString::fromStdString(e.what()));
  }
}

void MainWindow::exportCurrentView() {
  if (Panel* panel = currentPanel()) exportPanel(*panel);
}

void MainWindow::chooseExportFolder() {
  ExportDialog dialog(ExportDialog::Mode::Folder, tr("Export all figures"),
                      QDir(defaultFolder(QStringLiteral("export"))).filePath(QStringLiteral("vpflab-figures")),
                      FigureSize{800, 500, 150}, this);
  if (dialog.exec() != QDialog::Accepted) return;
  const QStringList files = exportAllFigures(dialog.path(), dialog.figureSize());
  if (!files.isEmpty()) rememberFolder(QStringLiteral("export"), dialog.path() + QStringLiteral("/index.md"));
}

QStringList MainWindow::exportAllFigures(const QString& folder, const FigureSize& size) {
  std::vector<ExportItem> items;
  for (Panel* panel : m_panels)
    items.push_back(
        {panel->exportTitle(), [panel](const QString& f, const FigureSize& s) { return panel->exportAll(f, s); }});
  QString description;
  if (const SnapshotPtr s = controller().latest(); s && s->phase != TrainingPhase::Empty)
    description = tr("Model %1 trained with %2 for %3 epoch(s) on %4.")
                      .arg(QString::fromStdString(s->architecture))
                      .arg(QString::fromStdString(algorithmName(s->config)))
                      .arg(s->epochsDone)
                      .arg(m_session->datasetTitle());
  try {
    WaitCursor wait;
    const ExportAllResult result = vpf::exportAllFigures(items, folder, size, description);
    if (!result.failures.isEmpty())
      m_reporter->error(this, tr("Some figures were not exported"), result.failures.join(QLatin1Char('\n')));
    statusBar()->showMessage(
        tr("Exported %1 files to %2 (see index.md)").arg(result.files.size()).arg(QDir::toNativeSeparators(folder)),
        10000);
    return result.files;
  } catch (const std::exception& e) {
    m_reporter->error(this, tr("Export failed"), QString::fromStdString(e.what()));
    return {};
  }
}

}  // namespace vpf
