// MainWindow, the training controls: Start, Pause, Step One Batch / to Epoch End and Reset, whether
// the model panel's settings need a new model, and the one dialog that offers to save before a
// trained model is replaced.
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
    } else {
      // One dialog with verb buttons (issue 16, finding 5); Save… only when training would be lost.
      const bool unsaved = m_session->hasUnsavedTraining();
      QStringList verbs;
      if (unsaved) verbs << tr("Save, Then Start New…");
      verbs << (unsaved ? tr("Discard and Start New") : tr("Start New Model")) << tr("Keep Training Current")
            << tr("Cancel");
      const int choice = m_reporter->choose(
          this, tr("Apply the new settings?"),
          tr("The architecture or a setting that shapes the run (%1) changed.\n\nA new model uses the new "
             "settings; Keep Training Current continues the current model with its own (%2 are applied).%3")
              .arg(QString::fromStdString(newRunSettingNames()), QString::fromStdString(liveSettingNames()),
                   unsavedWarning()),
          verbs);
      const int keep = static_cast<int>(verbs.size()) - 2, cancel = keep + 1;
      if (choice == cancel) return false;
      if (choice < keep) {
        if (unsaved && choice == 0 && !chooseModelToSave()) return false;
        setupFromPanel();
      }
    }
  }
  controller().updateConfig(config);
  return true;
}

QString MainWindow::unsavedWarning() const {
  if (!m_session->hasUnsavedTraining()) return QString();
  return tr(
      "\n\nThe current model's training is in no file of yours: the autosave only guards against a crash, "
      "and the next model's first epoch replaces it.");
}

// One dialog with verb buttons (issue 16, finding 5): nothing to lose, or Save… / Discard / Cancel.
bool MainWindow::offerToSaveFirst(const QString& action) {
  if (!m_session->hasUnsavedTraining()) return true;
  const SnapshotPtr s = controller().latest();
  const int choice =
      m_reporter->choose(this, tr("Save the current model?"),
                         tr("The current model (%1 epoch(s) of training) is not saved to a file. Save it before %2?%3")
                             .arg(s ? s->epochsDone : 0)
                             .arg(action, unsavedWarning()),
                         {tr("Save…"), tr("Discard It"), tr("Cancel")});
  if (choice == 0) return chooseModelToSave();
  return choice == 1;
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
  if (!offerToSaveFirst(tr("resetting"))) return;
  setupFromPanel();
  statusBar()->showMessage(tr("New untrained model."), 4000);
}

}  // namespace vpf
