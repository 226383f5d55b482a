#pragma once
// Unattended mode of vpflab (--screenshot / --export-all / --save-model): optionally trains N
// epochs, then grabs the window (the OpenGL view included) into a PNG — with --screenshot-tabs one
// PNG per tab — and/or exports every figure into a folder and/or saves the trained model, and
// reports that it is done. Produces the documentation's screenshots and figures, and lets scripts
// compare the app's training with `vpf train`'s.
#include <QObject>
#include <QString>
#include <QStringList>

#include "ui/training/training_snapshot.h"

namespace vpf {

class MainWindow;

class ScreenshotDriver : public QObject {
  Q_OBJECT
 public:
  /// `path`, `exportFolder` or `modelPath` may be empty (that step is skipped).
  ScreenshotDriver(MainWindow* window, const QString& path, int afterEpochs, bool allTabs,
                   const QString& exportFolder = QString(), const QString& modelPath = QString(),
                   QObject* parent = nullptr);
  /// Starts training (if epochs > 0) or schedules the grab.
  void begin();
  QStringList written() const { return m_written; }

 signals:
  void finished(int exitCode);

 private:
  void onSnapshot(const vpf::SnapshotPtr& snapshot);
  void grabAll();
  void finish();
  void grabTab(int index);
  bool grabTo(const QString& path);

  MainWindow* m_window;
  QString m_path;
  QString m_exportFolder;
  QString m_modelPath;
  int m_afterEpochs;
  bool m_allTabs;
  bool m_grabbing = false;
  int m_initialTab = 0;
  QStringList m_written;
  bool m_failed = false;
};

}  // namespace vpf
