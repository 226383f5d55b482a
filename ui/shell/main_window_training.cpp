// MainWindow, the training controls: Start, Pause, Step One Batch / Epoch and Reset, and whether
// the model panel's settings need a new model (moved here verbatim from main_window.cpp).
#include <QStatusBar>

#include "ui/controls/model_panel.h"
#include "ui/shell/main_window.h"
#include "ui/shell/message_reporter.h"
#include "ui/shell/session.h"
#include "ui/training/training_controller.h"

namespace vpf {

bool MainWindow::architectureDiffers() const {
  const SnapshotPtr s = controller().latest();
  Architecture arch;
  TrainingConfig config;
  if (!s || !m_modelPanel->settings(arch, config)) return false;
  std::vector<int> sizes{m_session->visibleUnits()};
  sizes.insert(sizes.end(), arch.hidden.begin(), arch.hidden.end());
  return sizes != s->model.sizes || arch.intra != s->model.hasIntraLayer() || needsNewRun(s->config, config);
}

void MainWindow::setupFromPanel() {
  Architecture arch;
  TrainingConfig config;
  QString error;
  if (!m_modelPanel->settings(arch, config, &error)) {
    statusBar()->showMessage(tr("No model: %1").arg(error), 10000);
    return;
  }
  try {
    m_session->resetModel(arch, config);
  } catch (const std::exception& e) {
    m_reporter->error(this, tr("Cannot create the model"), QString::fromStdString(e.what()));
  }
}

bool MainWindow::ensureModelForTraining() {
  if (!m_session->data()) {
    m_reporter->error(this, tr("No data set"), tr("Open a data set first (File ▸ Open Data Set)."));
    return false;
  }
  Architecture arch;
  TrainingConfig config;
  QString error;
  if (!m_modelPanel->settings(arch, config, &error)) {
    m_reporter->error(this, tr("Settings refused"), error);
    return false;
  }
  if (!m_session->hasModel()) {
    setupFromPanel();
  } else if (architectureDiffers()) {
    if (!m_session->modelTrained() && m_session->modelPath().isEmpty()) {
      setupFromPanel();  // nothing trained yet: just use the new settings
    } else if (m_reporter->question(this, tr("Apply the new settings?"),
                                    tr("The architecture or a setting that shapes the run (%1) changed. Start a "
                                       "new model with them?\n\nNo continues training the current model with its "
                                       "own settings (%2 are applied).")
                                        .arg(QString::fromStdString(newRunSettingNames()),
                                             QString::fromStdString(liveSettingNames())))) {
      if (m_session->hasUnsavedTraining() &&
          !m_reporter->question(this, tr("Discard the trained model?"),
                                tr("The current model's training is not saved. Discard it?")))
        return false;
      setupFromPanel();
    }
  }
  controller().updateConfig(config);
  return true;
}

void MainWindow::startTraining() {
  if (!ensureModelForTraining()) return;
  const SnapshotPtr s = controller().latest();
  Architecture arch;
  TrainingConfig config;
  m_modelPanel->settings(arch, config);
  if (s && s->atEpochBoundary && s->epochsDone >= config.epochs && !architectureDiffers() && s->generation == controller().generation()) {
    statusBar()->showMessage(
        tr("The model has trained %1 epochs already; raise Epochs in the Training settings to continue.")
            .arg(s->epochsDone),
        10000);
  }
  controller().start();
}

void MainWindow::pauseTraining() { controller().pause(); }

void MainWindow::stepBatch() {
  if (ensureModelForTraining()) controller().stepBatch();
}

void MainWindow::stepEpoch() {
  if (ensureModelForTraining()) controller().stepEpoch();
}

void MainWindow::resetModel() {
  if (!m_session->data()) {
    m_reporter->error(this, tr("No data set"), tr("Open a data set first (File ▸ Open Data Set)."));
    return;
  }
  if (m_session->hasUnsavedTraining() &&
      !m_reporter->question(this, tr("Reset the model?"),
                            tr("Discard the trained model (its training is not saved) and start a new, untrained one "
                               "with the current settings?")))
    return;
  setupFromPanel();
  statusBar()->showMessage(tr("New untrained model."), 4000);
}

}  // namespace vpf
