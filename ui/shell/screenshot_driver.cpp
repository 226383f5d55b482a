#include "ui/shell/screenshot_driver.h"

#include <QDir>
#include <QFileInfo>
#include <QPixmap>
#include <QTabWidget>
#include <QTimer>

#include "core/common/error.h"
#include "figures/figure_export.h"
#include "ui/gl/grab_with_gl.h"
#include "ui/shell/main_window.h"
#include "ui/training/snapshot_hub.h"

namespace vpf {

namespace {
constexpr int kSettleMs = 800;  // lets the last snapshot reach every panel and the GL view repaint
}

ScreenshotDriver::ScreenshotDriver(MainWindow* window, const QString& path, int afterEpochs, bool allTabs,
                                   const QString& exportFolder, const QString& modelPath, QObject* parent)
    : QObject(parent),
      m_window(window),
      m_path(path),
      m_exportFolder(exportFolder),
      m_modelPath(modelPath),
      m_afterEpochs(afterEpochs),
      m_allTabs(allTabs) {}

void ScreenshotDriver::begin() {
  m_initialTab = m_window->tabs()->currentIndex();
  if (m_afterEpochs <= 0) {
    QTimer::singleShot(kSettleMs, this, &ScreenshotDriver::grabAll);
    return;
  }
  connect(&m_window->hub(), &SnapshotHub::snapshotChanged, this, &ScreenshotDriver::onSnapshot);
  m_window->startTraining();
}

void ScreenshotDriver::onSnapshot(const SnapshotPtr& snapshot) {
  if (m_grabbing || !snapshot) return;
  if (snapshot->epochsDone >= m_afterEpochs && snapshot->atEpochBoundary) {
    m_grabbing = true;
    m_window->pauseTraining();
    qInfo("vpflab: %d epoch(s) trained, objective %.4f; taking screenshots", snapshot->epochsDone,
          snapshot->history.empty() ? 0.0 : snapshot->history.back().objective);
    QTimer::singleShot(kSettleMs, this, &ScreenshotDriver::grabAll);
  }
}

bool ScreenshotDriver::grabTo(const QString& path) {
  QDir().mkpath(QFileInfo(path).absolutePath());
  const QPixmap pixmap = grabWithFilterViews(m_window);
  try {
    saveImageFile(pixmap.toImage(), path);
  } catch (const Error& e) {
    qWarning("vpflab: %s", e.what());
    m_failed = true;
    return false;
  }
  m_written << path;
  qInfo("vpflab: wrote %s (%dx%d)", qPrintable(path), pixmap.width(), pixmap.height());
  return true;
}

void ScreenshotDriver::grabAll() {
  m_window->tabs()->setCurrentIndex(m_initialTab);
  QTimer::singleShot(kSettleMs / 2, this, [this] {
    if (m_path.isEmpty()) {
      finish();
      return;
    }
    grabTo(m_path);
    if (m_allTabs) grabTab(0);
    else finish();
  });
}

void ScreenshotDriver::grabTab(int index) {
  QTabWidget* tabs = m_window->tabs();
  if (index >= tabs->count()) {
    tabs->setCurrentIndex(m_initialTab);
    finish();
    return;
  }
  tabs->setCurrentIndex(index);
  QTimer::singleShot(kSettleMs, this, [this, index, tabs] {
    const QFileInfo info(m_path);
    const QString name = tabs->tabText(index).toLower().remove(QLatin1Char('&')).replace(QLatin1Char(' '), QLatin1Char('-'));
    grabTo(info.dir().filePath(info.completeBaseName() + QLatin1Char('-') + name + QStringLiteral(".png")));
    grabTab(index + 1);
  });
}

}  // namespace vpf

namespace vpf {

void ScreenshotDriver::finish() {
  if (!m_exportFolder.isEmpty()) {
    const QStringList files = m_window->exportAllFigures(m_exportFolder, FigureSize{800, 500, 150});
    qInfo("vpflab: exported %lld files to %s", static_cast<long long>(files.size()), qPrintable(m_exportFolder));
    if (files.isEmpty()) m_failed = true;
  }
  if (!m_modelPath.isEmpty()) {
    if (m_window->saveModel(m_modelPath))
      qInfo("vpflab: saved the model to %s", qPrintable(m_modelPath));
    else
      m_failed = true;
  }
  emit finished(m_failed ? 1 : 0);
}

}  // namespace vpf
