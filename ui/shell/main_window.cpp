#include "ui/shell/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMimeData>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include "core/common/error.h"
#include "core/io/model_file.h"
#include "ui/controls/dataset_box.h"
#include "ui/controls/model_panel.h"
#include "ui/controls/training_status.h"
#include "ui/shell/about_dialogs.h"
#include "ui/shell/dataset_source.h"
#include "ui/shell/message_reporter.h"
#include "ui/shell/recent_files.h"
#include "ui/shell/screen_fit.h"
#include "ui/shell/session.h"
#include "ui/support/panel.h"
#include "ui/support/wheel_guard.h"
#include "ui/training/snapshot_hub.h"
#include "ui/training/training_controller.h"

namespace vpf {

MainWindow::MainWindow(const AppOptions& options, std::shared_ptr<MessageReporter> reporter, QWidget* parent)
    : MainWindow(options, std::move(reporter), defaultTabs(), parent) {}

MainWindow::MainWindow(const AppOptions& options, std::shared_ptr<MessageReporter> reporter,
                       std::vector<TabFactory> tabs, QWidget* parent)
    : QMainWindow(parent),
      m_options(options),
      m_reporter(reporter ? std::move(reporter) : std::make_shared<MessageReporter>()),
      m_session(new Session(this)),
      m_hub(new SnapshotHub(this)) {
  setObjectName(QStringLiteral("mainWindow"));
  setWindowTitle(tr("VPF Lab"));
  setWindowIcon(QIcon(QStringLiteral(":/icons/vpflab.svg")));
  setAcceptDrops(true);
  setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);
  qApp->installEventFilter(new WheelGuard(this));  // the wheel scrolls panels, not unfocused fields
  // --fresh runs (screenshots, tests) neither read nor overwrite the user's autosave.
  if (!m_options.fresh) m_session->setAutosavePath(m_autosave.checkpointPath());

  m_actions = createMainActions(*this);
  createCentral(tabs);
  createDock();
  const MainMenus menus = createMainMenus(*this, m_actions, m_dock, m_tabs);
  m_recent = new RecentFiles(menus.recent, this);
  if (!m_options.fresh) m_recent->load();
  createMainToolBar(*this, m_actions, menus.view);
  m_status = new TrainingStatus;
  statusBar()->addPermanentWidget(m_status);
  statusBar()->setSizeGripEnabled(true);
  wire();
  if (!m_options.fresh) restoreLayout();
  if (m_options.windowSize.isValid()) resize(m_options.windowSize);
  if (!m_options.architecture.isEmpty() && !m_modelPanel->setArchitectureSpec(m_options.architecture, m_options.intra))
    m_reporter->error(
        this, tr("Invalid architecture"),
        tr("'%1' is not an architecture; use e.g. rbm:196 or dbm:196,196,64.").arg(m_options.architecture));
  if (!m_options.algorithm.isEmpty()) {
    TrainingConfig config;
    parseAlgorithm(m_options.algorithm.toStdString(), config);  // checked by AppOptions::parse
    m_modelPanel->setAlgorithm(config);
  }
  if (m_options.epochs >= 0) m_modelPanel->setEpochs(m_options.epochs);
  if (!m_options.tab.isEmpty() && !showTab(m_options.tab))
    qWarning("vpflab: no tab named '%s' (tabs: %s)", qPrintable(m_options.tab), qPrintable(tabNames().join(", ")));
  updateActions();
}

MainWindow::~MainWindow() {
  m_session->controller().stop();
  if (m_sessionStarted && !m_closing) m_autosave.endSession();
}

TrainingController& MainWindow::controller() const { return m_session->controller(); }

void MainWindow::setReporter(std::shared_ptr<MessageReporter> reporter) {
  if (reporter) m_reporter = std::move(reporter);
}

// ---------------------------------------------------------------------------------------------
// Construction

void MainWindow::createCentral(const std::vector<TabFactory>& tabs) {
  m_tabs = new QTabWidget;
  m_tabs->setUsesScrollButtons(true);  // eleven tabs: scroll rather than widen the window past 1440 px
  m_tabs->setObjectName(QStringLiteral("mainTabs"));
  m_tabs->setDocumentMode(true);
  const TabSetup setup{m_options,
                       *m_hub,
                       *m_session,
                       this,
                       [this](const QString& title, const QString& text) { m_reporter->error(this, title, text); },
                       m_afterStartup};
  for (const TabFactory& create : tabs) {
    for (Panel* panel : create(setup)) {
      // Each tab scrolls rather than holding the window at its panel's minimum size: the window
      // works at 1024×700 (issue 16, finding 6), and a wide screen still gives the panel all of it.
      auto* page = new QScrollArea;
      page->setObjectName(QStringLiteral("tabPage"));
      page->setWidget(panel);
      page->setWidgetResizable(true);
      page->setFrameShape(QFrame::NoFrame);
      const int index = m_tabs->addTab(page, panel->tabTitle());
      m_tabs->setTabToolTip(index, panel->tabToolTip());
      m_panels.push_back(panel);
    }
  }
  setCentralWidget(m_tabs);
}

void MainWindow::createDock() {
  m_datasetBox = new DatasetBox;
  m_modelPanel = new ModelPanel;
  auto* content = new QWidget;
  auto* layout = new QVBoxLayout(content);
  layout->setContentsMargins(8, 8, 8, 8);
  layout->setSpacing(10);
  layout->addWidget(m_datasetBox);
  layout->addWidget(m_modelPanel);
  layout->addStretch(1);
  auto* scroll = new QScrollArea;
  scroll->setWidget(content);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  // Its minimum, not its preferred width: the dock gives way on a small screen (issue 16, finding 6).
  scroll->setMinimumWidth(content->minimumSizeHint().width() + scroll->verticalScrollBar()->sizeHint().width() + 4);
  m_dock = new QDockWidget(tr("Setup"));
  m_dock->setObjectName(QStringLiteral("setupDock"));
  m_dock->setWidget(scroll);
  m_dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                      QDockWidget::DockWidgetClosable);
  addDockWidget(Qt::LeftDockWidgetArea, m_dock);
}

void MainWindow::wire() {
  TrainingController& ctl = controller();
  const MainActions& a = m_actions;
  connect(&ctl, &TrainingController::snapshotReady, m_hub, &SnapshotHub::post);
  connect(m_hub, &SnapshotHub::snapshotChanged, this, &MainWindow::onSnapshot);
  connect(&ctl, &TrainingController::trainingFailed, this, &MainWindow::onTrainingFailed);
  connect(&ctl, &TrainingController::autosaveFailed, this,
          [this](const QString& message) { statusBar()->showMessage(tr("Autosave failed: %1").arg(message), 10000); });
  connect(m_session, &Session::datasetChanged, this, &MainWindow::onDatasetChanged);

  connect(a.openMnist, &QAction::triggered, this, [this] { openDataset(QStringLiteral("mnist")); });
  connect(a.openFashion, &QAction::triggered, this, [this] { openDataset(QStringLiteral("fashion")); });
  connect(a.openIdx, &QAction::triggered, this, &MainWindow::chooseIdxFiles);
  connect(a.openFolder, &QAction::triggered, this, &MainWindow::chooseDataFolder);
  connect(a.openModel, &QAction::triggered, this, &MainWindow::chooseModelToOpen);
  connect(a.saveModel, &QAction::triggered, this, &MainWindow::chooseModelToSave);
  connect(a.exportFigure, &QAction::triggered, this, &MainWindow::exportCurrentView);
  connect(a.exportAll, &QAction::triggered, this, &MainWindow::chooseExportFolder);
  connect(a.quit, &QAction::triggered, this, &QWidget::close);
  connect(a.start, &QAction::triggered, this, &MainWindow::startTraining);
  connect(a.pause, &QAction::triggered, this, &MainWindow::pauseTraining);
  connect(a.stepBatch, &QAction::triggered, this, &MainWindow::stepBatch);
  connect(a.stepEpoch, &QAction::triggered, this, &MainWindow::stepEpoch);
  connect(a.reset, &QAction::triggered, this, &MainWindow::resetModel);
  connect(a.about, &QAction::triggered, this, [this] { showAboutDialog(this); });
  connect(a.paper, &QAction::triggered, this, [this] { showPaperDialog(this); });
  connect(a.aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
  connect(a.fullScreen, &QAction::toggled, this, [this](bool on) { on ? showFullScreen() : showNormal(); });

  connect(m_recent, &RecentFiles::datasetRequested, this, [this](const QString& spec) { openDataset(spec); });
  connect(m_recent, &RecentFiles::modelRequested, this, [this](const QString& path) { openModel(path); });
  connect(m_datasetBox, &DatasetBox::datasetRequested, this, [this](const QString& spec) { openDataset(spec); });
  connect(m_datasetBox, &DatasetBox::openFilesRequested, this, &MainWindow::chooseIdxFiles);

  connect(m_modelPanel, &ModelPanel::settingsChanged, this, [this] {
    Architecture arch;
    TrainingConfig config;
    if (m_modelPanel->settings(arch, config)) {
      for (Panel* panel : m_panels) panel->setTrainingConfig(config);
      if (m_session->hasModel()) controller().updateConfig(config);  // live: lr, decay, epochs
    }
    updateActions();
  });

  for (Panel* panel : m_panels) connect(panel, &Panel::exportRequested, this, [this, panel] { exportPanel(*panel); });
  connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateActions);
}

void MainWindow::restoreLayout() {
  QSettings settings;
  if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) resize(1440, 900);
  // A geometry saved on a larger screen (or another layout) must not put the status bar off-screen.
  const QScreen* screen = QGuiApplication::screenAt(geometry().center());
  if (!screen) screen = QGuiApplication::primaryScreen();
  if (screen) setGeometry(fitIntoScreen(geometry(), screen->availableGeometry()));
  restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
  m_tabs->setCurrentIndex(settings.value(QStringLiteral("window/tab"), 0).toInt());
  m_modelPanel->restoreSettings(settings);
}

void MainWindow::saveLayout() {
  if (m_options.fresh) return;
  QSettings settings;
  settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
  settings.setValue(QStringLiteral("window/state"), saveState());
  settings.setValue(QStringLiteral("window/tab"), m_tabs->currentIndex());
  if (!m_session->datasetSpec().isEmpty()) settings.setValue(QStringLiteral("dataset/last"), m_session->datasetSpec());
  m_modelPanel->saveSettings(settings);
}

// ---------------------------------------------------------------------------------------------
// Start-up and state

void MainWindow::startup() {
  bool resumed = false;
  if (!m_options.fresh && m_autosave.hasRecoverableCheckpoint()) resumed = offerResume();
  if (!m_options.fresh) {
    m_autosave.beginSession();
    m_sessionStarted = true;
  }
  if (resumed) return;
  QString spec = m_options.dataset;
  if (spec.isEmpty()) spec = QStringLiteral("mnist");
  const bool opened = openDataset(spec);
  const bool fellBack = !opened && openModelsDataset(spec);
  if (!opened && !fellBack) return;
  if (!m_options.model.isEmpty() && openModel(m_options.model) && fellBack)
    statusBar()->showMessage(
        tr("--dataset '%1' could not be loaded; %2 opened with %3, the data set it was trained on.")
            .arg(spec, QFileInfo(m_options.model).fileName(), m_session->datasetTitle()),
        15000);
  for (const auto& step : m_afterStartup) step();  // e.g. the --compare model (TabSetup::afterStartup)
}

// --dataset failed: a valid --model is not dropped (issue 16, finding 8). Opens the data set it was
// trained on (MNIST when its file does not say); startup then opens the model and says so.
bool MainWindow::openModelsDataset(const QString& failedSpec) {
  if (m_options.model.isEmpty()) return false;
  QString fallback = QStringLiteral("mnist");
  try {
    const ModelFile file = loadModel(m_options.model.toStdString());
    if (!file.meta.dataset.empty()) fallback = QString::fromStdString(file.meta.dataset);
  } catch (const std::exception&) {
    // openModel reports the unreadable model below, with the data set it falls back to.
  }
  if (fallback == failedSpec || !openDataset(fallback)) {
    m_reporter->error(this, tr("Model not opened"),
                      tr("%1 was not opened: it needs a data set, and neither '%2' nor '%3' could be loaded.")
                          .arg(QDir::toNativeSeparators(m_options.model), failedSpec, fallback));
    return false;
  }
  return true;
}

bool MainWindow::offerResume() {
  ModelFile file;
  try {
    file = loadModel(m_autosave.checkpointPath().toStdString());
  } catch (const std::exception& e) {
    statusBar()->showMessage(tr("The autosave could not be read: %1").arg(QString::fromStdString(e.what())), 10000);
    return false;
  }
  const QString dataset = QString::fromStdString(file.meta.dataset);
  const QString question =
      tr("VPF Lab did not shut down cleanly last time. An autosaved %1 model trained with %2 for %3 epoch(s) on %4 "
         "exists.\n\nRestore it? It opens paused where it stopped; Start (F5) continues the training.")
          .arg(QString::fromStdString(machineKind(file.model)))
          .arg(QString::fromStdString(algorithmName(file.meta.config)))
          .arg(file.meta.epochsDone)
          .arg(datasetTitle(dataset.isEmpty() ? QStringLiteral("mnist") : dataset));
  if (!m_reporter->question(this, tr("Restore the autosaved model?"), question)) return false;
  if (!openDataset(dataset.isEmpty() ? QStringLiteral("mnist") : dataset)) return false;
  try {
    m_session->adoptModel(file, m_autosave.checkpointPath());
    m_modelPanel->setFromModel(file.model, file.meta.config);
    statusBar()->showMessage(
        tr("Resumed the autosave after epoch %1; press Start (F5) to continue.").arg(file.meta.epochsDone), 10000);
    return true;
  } catch (const std::exception& e) {
    m_reporter->error(this, tr("Cannot resume"), QString::fromStdString(e.what()));
    return false;
  }
}

void MainWindow::onSnapshot(const SnapshotPtr& snapshot) {
  for (Panel* panel : m_panels) panel->setSnapshot(snapshot);
  m_status->setSnapshot(snapshot);
  if (snapshot && snapshot->phase != TrainingPhase::Empty) {
    setWindowTitle(tr("%1 on %2 — epoch %3 — VPF Lab")
                       .arg(QString::fromStdString(snapshot->architecture))
                       .arg(m_session->datasetTitle())
                       .arg(snapshot->epochsDone));
  }
  updateActions();
}

void MainWindow::onTrainingFailed(const QString& message, bool divergence) {
  if (divergence) {
    m_reporter->error(this, tr("Training diverged"),
                      tr("%1\n\nThe model keeps its last good parameters. Lower the learning rate (or the weight "
                         "decay) and press Start to continue.")
                          .arg(message));
  } else {
    m_reporter->error(this, tr("Training error"), message);
  }
}

void MainWindow::onDatasetChanged() {
  const auto data = m_session->data();
  m_datasetBox->setCurrent(m_session->datasetSpec(), m_session->datasetSummary());
  for (Panel* panel : m_panels) panel->setDataset(data, m_session->datasetTitle());
  if (data) m_modelPanel->setDatasetShape(data->train.pixels(), data->train.size());
  if (!m_options.fresh) m_recent->add(RecentFiles::Kind::Dataset, m_session->datasetSpec());
  updateActions();
}

void MainWindow::updateActions() {
  const MainActions& a = m_actions;
  const bool data = m_session->data() != nullptr;
  const bool valid = m_modelPanel->isValid();
  const SnapshotPtr latest = controller().latest();
  const bool training = latest && latest->isTraining() && controller().isThreadRunning();
  const bool model = m_session->hasModel();
  a.start->setEnabled(data && valid && !training);
  a.pause->setEnabled(training);
  a.stepBatch->setEnabled(data && valid && !training);
  a.stepEpoch->setEnabled(data && valid && !training);
  a.reset->setEnabled(data && valid);
  a.saveModel->setEnabled(model);
  a.exportFigure->setEnabled(currentPanel() != nullptr);
  const QString reason = valid ? QString() : tr("Refused: %1").arg(m_modelPanel->errorText());
  for (QAction* t : {a.start, a.stepBatch, a.stepEpoch, a.reset}) t->setStatusTip(reason);
}

// ---------------------------------------------------------------------------------------------
// Tabs and events

QStringList MainWindow::tabNames() const {
  QStringList names;
  for (int i = 0; i < m_tabs->count(); ++i) names << m_tabs->tabText(i);
  return names;
}

bool MainWindow::showTab(const QString& name) {
  for (int i = 0; i < m_tabs->count(); ++i) {
    if (m_tabs->tabText(i).compare(name, Qt::CaseInsensitive) == 0) {
      m_tabs->setCurrentIndex(i);
      return true;
    }
  }
  return false;
}

QAction* MainWindow::action(const QString& objectName) const { return findChild<QAction*>(objectName); }

void MainWindow::closeEvent(QCloseEvent* event) {
  TrainingController& ctl = controller();
  const bool training = ctl.isTraining();
  if (training || m_session->hasUnsavedTraining()) {
    const MessageReporter::SaveChoice choice =
        m_reporter->askSave(this, tr("Save the model?"),
                            training ? tr("Training is running. It will be stopped. Save the model before quitting?")
                                     : tr("The model has unsaved training. Save it before quitting?"));
    if (choice == MessageReporter::SaveChoice::Cancel) {
      event->ignore();
      return;
    }
    ctl.stop();  // ends the worker thread cleanly; latest() holds the final model
    if (choice == MessageReporter::SaveChoice::Save && !chooseModelToSave()) {
      event->ignore();  // not saved: keep the window (and the model) open
      return;
    }
  }
  ctl.stop();
  saveLayout();
  if (m_sessionStarted) m_autosave.endSession();
  m_closing = true;
  event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (!event->mimeData()->hasUrls()) return;
  for (const QUrl& url : event->mimeData()->urls()) {
    const QString path = url.toLocalFile();
    if (path.isEmpty() || !(looksLikeIdxFile(path) || looksLikeModelFile(path))) return;
  }
  event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  QStringList idx;
  QString model;
  for (const QUrl& url : event->mimeData()->urls()) {
    const QString path = url.toLocalFile();
    if (looksLikeModelFile(path))
      model = path;
    else if (looksLikeIdxFile(path))
      idx << path;
  }
  event->acceptProposedAction();
  // Run after the drop returns (dialogs must not run inside the drag-and-drop event).
  QMetaObject::invokeMethod(
      this,
      [this, idx, model] {
        if (!idx.isEmpty()) openIdxFiles(idx);
        if (!model.isEmpty()) openModel(model);
      },
      Qt::QueuedConnection);
}

}  // namespace vpf
