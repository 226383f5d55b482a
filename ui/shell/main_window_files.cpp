// MainWindow, the data set and model files: opening (menus, drops, start-up), saving, and the
// folders the file dialogs start in.
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>

#include "core/common/error.h"
#include "core/io/model_kind.h"
#include "ui/controls/model_panel.h"
#include "ui/shell/dataset_source.h"
#include "ui/shell/main_window.h"
#include "ui/shell/message_reporter.h"
#include "ui/shell/recent_files.h"
#include "ui/shell/session.h"
#include "ui/shell/wait_cursor.h"
#include "ui/support/panel.h"
#include "ui/training/training_controller.h"

namespace vpf {

bool MainWindow::openDataset(const QString& spec) {
  std::shared_ptr<const DataSplits> data;
  {
    WaitCursor wait;
    statusBar()->showMessage(tr("Loading %1…").arg(datasetTitle(spec)));
    try {
      data = Session::readDataset(spec);
    } catch (const std::exception& e) {
      statusBar()->clearMessage();
      m_reporter->error(this, tr("Cannot open data set"), QString::fromStdString(e.what()));
      return false;
    }
  }
  const SnapshotPtr latest = controller().latest();
  const bool fits = latest && latest->phase != TrainingPhase::Empty && !latest->model.sizes.empty() &&
                    latest->model.sizes[0] == data->train.pixels();
  if (!fits && !offerToSaveFirst(tr("opening %1 (its images have %2 pixels, the model %3 visible units, so a new "
                                    "model starts)")
                                     .arg(datasetTitle(spec))
                                     .arg(data->train.pixels())
                                     .arg(latest ? latest->model.sizes.empty() ? 0 : latest->model.sizes[0] : 0)))
    return false;
  try {
    m_session->setDataset(spec, data);
  } catch (const std::exception& e) {
    m_reporter->error(this, tr("Cannot open data set"), QString::fromStdString(e.what()));
    return false;
  }
  if (!fits) setupFromPanel();
  statusBar()->showMessage(tr("Opened %1: %2").arg(m_session->datasetTitle(), m_session->datasetSummary()), 6000);
  return true;
}

bool MainWindow::openIdxFiles(const QStringList& paths) {
  QString error;
  const QString spec = specFromIdxFiles(paths, error);
  if (spec.isEmpty()) {
    m_reporter->error(this, tr("Cannot open data set"), error);
    return false;
  }
  return openDataset(spec);
}

bool MainWindow::openModel(const QString& path) {
  if (!m_session->data() && !openDataset(QStringLiteral("mnist"))) return false;
  if (Panel* owner = panelForModelFile(path)) {  // another model family: its tab opens it
    m_tabs->setCurrentIndex(tabIndexOf(owner));
    QString error;
    if (!owner->openModelFile(path, error)) {
      m_reporter->error(this, tr("Cannot open model"), error);
      return false;
    }
    if (!m_options.fresh) m_recent->add(RecentFiles::Kind::Model, QFileInfo(path).absoluteFilePath());
    rememberFolder(QStringLiteral("model"), path);
    statusBar()->showMessage(tr("Opened %1 in the %2 tab").arg(QFileInfo(path).fileName(), owner->tabTitle()), 8000);
    return true;
  }
  ModelFile file;
  try {
    WaitCursor wait;
    file = loadModel(path.toStdString());  // read and validate before anything is replaced
    m_session->checkModel(file, path);
  } catch (const std::exception& e) {
    m_reporter->error(this, tr("Cannot open model"),
                      tr("%1\n\nThe current model is unchanged.").arg(QString::fromStdString(e.what())));
    return false;
  }
  if (!offerToSaveFirst(tr("opening '%1'").arg(QFileInfo(path).fileName()))) return false;
  try {
    m_session->adoptModel(file, path);
  } catch (const std::exception& e) {
    m_reporter->error(this, tr("Cannot open model"),
                      tr("%1\n\nThe current model is unchanged.").arg(QString::fromStdString(e.what())));
    return false;
  }
  m_modelPanel->setFromModel(file.model, file.meta.config);
  if (!m_options.fresh) m_recent->add(RecentFiles::Kind::Model, QFileInfo(path).absoluteFilePath());
  rememberFolder(QStringLiteral("model"), path);
  statusBar()->showMessage(tr("Opened %1 (%2, %3 epochs%4)")
                               .arg(QFileInfo(path).fileName())
                               .arg(QString::fromStdString(machineKind(file.model)))
                               .arg(file.meta.epochsDone)
                               .arg(file.trainerState ? tr(", resumable checkpoint") : QString()),
                           8000);
  return true;
}

Panel* MainWindow::panelForModelFile(const QString& path) const {
  std::string kind;
  try {
    kind = modelFileKind(path.toStdString());
  } catch (const std::exception&) {
    return nullptr;  // unreadable: loadModel reports why
  }
  for (Panel* p : m_panels)
    if (p->opensModelKind(kind)) return p;
  return nullptr;
}

bool MainWindow::saveModel(const QString& path) {
  try {
    m_session->saveModel(path);
    if (!m_options.fresh) m_recent->add(RecentFiles::Kind::Model, QFileInfo(path).absoluteFilePath());
    rememberFolder(QStringLiteral("model"), path);
    const SnapshotPtr s = controller().latest();
    statusBar()->showMessage(tr("Saved %1%2")
                                 .arg(QDir::toNativeSeparators(path))
                                 .arg(s && s->trainerState ? tr(" (resumable checkpoint)") : QString()),
                             8000);
    return true;
  } catch (const std::exception& e) {
    m_reporter->error(this, tr("Cannot save model"), QString::fromStdString(e.what()));
    return false;
  }
}

void MainWindow::chooseIdxFiles() {
  const QStringList files = QFileDialog::getOpenFileNames(
      this, tr("Open IDX image file (and its label file)"), defaultFolder(QStringLiteral("data")),
      tr("IDX files (*-ubyte *-ubyte.gz *.idx *.idx.gz *idx*);;All files (*)"));
  if (files.isEmpty()) return;
  rememberFolder(QStringLiteral("data"), files.first());
  openIdxFiles(files);
}

void MainWindow::chooseDataFolder() {
  const QString folder =
      QFileDialog::getExistingDirectory(this, tr("Open a folder of IDX files"), defaultFolder(QStringLiteral("data")));
  if (folder.isEmpty()) return;
  rememberFolder(QStringLiteral("data"), folder + QStringLiteral("/"));
  openDataset(folder);
}

void MainWindow::chooseModelToOpen() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Open model"), defaultFolder(QStringLiteral("model")),
                                                    tr("VPF Lab models (*.npz);;All files (*)"));
  if (!path.isEmpty()) openModel(path);
}

bool MainWindow::chooseModelToSave() {
  const SnapshotPtr s = controller().latest();
  QString name = QStringLiteral("model.npz");
  if (s && !s->model.sizes.empty()) {
    QStringList sizes;
    for (int n : s->model.sizes) sizes << QString::number(n);
    name = QStringLiteral("%1-%2-%3-epoch%4.npz")
               .arg(QString::fromStdString(machineKind(s->model)).toLower())
               .arg(sizes.join(QLatin1Char('-')))
               .arg(QString::fromStdString(algorithmSpec(s->config)).replace(QLatin1Char(':'), QString()))
               .arg(s->epochsDone);
  }
  QString path =
      QFileDialog::getSaveFileName(this, tr("Save model"), QDir(defaultFolder(QStringLiteral("model"))).filePath(name),
                                   tr("VPF Lab models (*.npz)"));
  if (path.isEmpty()) return false;
  if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".npz");
  return saveModel(path);
}

QString MainWindow::defaultFolder(const QString& key) const {
  const QString folder = QSettings().value(QStringLiteral("folders/") + key).toString();
  if (!folder.isEmpty() && QFileInfo(folder).isDir()) return folder;
  return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

void MainWindow::rememberFolder(const QString& key, const QString& path) {
  if (m_options.fresh) return;
  QSettings().setValue(QStringLiteral("folders/") + key, QFileInfo(path).absolutePath());
}

}  // namespace vpf
