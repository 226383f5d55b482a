#include "ui/shell/main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollBar>
#include <QMimeData>
#include <QScrollArea>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include "ui/shell/dataset_source.h"
#include "ui/shell/message_reporter.h"
#include "ui/shell/recent_files.h"
#include "ui/shell/session.h"
#include "core/common/error.h"
#include "ui/export/export_all.h"
#include "ui/export/export_dialog.h"
#include "ui/controls/dataset_box.h"
#include "ui/controls/model_panel.h"
#include "ui/controls/training_status.h"
#include "ui/plots/curves_panel.h"
#include "ui/plots/histogram_panel.h"
#include "ui/confab/confab_panel.h"
#include "ui/shell/sampling_tabs.h"
#include "ui/training/snapshot_hub.h"
#include "ui/training/training_controller.h"
#include "ui/views/data_panel.h"
#include "ui/views/filters_panel.h"

#if __has_include("ui/spike_timing/stdp_panel.h")
#include "ui/spike_timing/stdp_panel.h"
#define VPF_HAVE_STDP_PANEL 1
#endif

namespace vpf {

namespace {

const char* kPaperReference =
    "Zuozhu Liu, Tony Q. S. Quek and Shaowei Lin. “Variational Probability Flow for Biologically Plausible "
    "Training of Deep Neural Networks.” Proceedings of the Thirty-Second AAAI Conference on Artificial "
    "Intelligence (AAAI 2018). arXiv:1711.07732 (2017).";

class WaitCursor {
 public:
  WaitCursor() { QApplication::setOverrideCursor(Qt::WaitCursor); }
  ~WaitCursor() { QApplication::restoreOverrideCursor(); }
};

QAction* makeAction(QObject* parent, const QString& name, const QString& text, const QIcon& icon,
                    const QKeySequence& shortcut, const QString& tip) {
  auto* a = new QAction(icon, text, parent);
  a->setObjectName(name);
  if (!shortcut.isEmpty()) a->setShortcut(shortcut);
  const QString shortcutText = shortcut.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(shortcut.toString(QKeySequence::NativeText));
  a->setToolTip(tip.isEmpty() ? QString(text).remove(QLatin1Char('&')).remove(QStringLiteral("…")) + shortcutText
                              : tip + shortcutText);
  a->setStatusTip(tip);
  return a;
}

}  // namespace

MainWindow::MainWindow(const AppOptions& options, std::shared_ptr<MessageReporter> reporter, QWidget* parent)
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
  // --fresh runs (screenshots, tests) neither read nor overwrite the user's autosave.
  if (!m_options.fresh) m_session->setAutosavePath(m_autosave.checkpointPath());

  createActions();
  createCentral();
  createDock();
  createMenus();
  createToolBar();
  m_status = new TrainingStatus;
  statusBar()->addPermanentWidget(m_status);
  statusBar()->setSizeGripEnabled(true);
  wire();
  if (!m_options.fresh) restoreLayout();
  if (m_options.windowSize.isValid()) resize(m_options.windowSize);
  if (!m_options.architecture.isEmpty() && !m_modelPanel->setArchitectureSpec(m_options.architecture, m_options.intra))
    m_reporter->error(this, tr("Invalid architecture"),
                      tr("'%1' is not an architecture; use e.g. rbm:196 or dbm:196,196,64.").arg(m_options.architecture));
  if (!m_options.algorithm.isEmpty()) {
    TrainingConfig config;
    parseAlgorithm(m_options.algorithm.toStdString(), config);  // checked by AppOptions::parse
    m_modelPanel->setAlgorithm(config);
  }
  if (m_options.epochs >= 0) m_modelPanel->setEpochs(m_options.epochs);
  if (m_options.filterColormap == QLatin1String("grey") || m_options.filterColormap == QLatin1String("gray"))
    m_filtersPanel->setColormap(FilterColormap::Grey);
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

void MainWindow::createActions() {
  QStyle* s = style();
  m_openMnist = makeAction(this, QStringLiteral("actionOpenMnist"), tr("&MNIST"), QIcon(), QKeySequence(),
                           tr("The MNIST handwritten digits (data/mnist)"));
  m_openFashion = makeAction(this, QStringLiteral("actionOpenFashion"), tr("&Fashion-MNIST"), QIcon(), QKeySequence(),
                             tr("Zalando's Fashion-MNIST articles (data/fashion)"));
  m_openIdx = makeAction(this, QStringLiteral("actionOpenIdx"), tr("&IDX Files…"), s->standardIcon(QStyle::SP_DialogOpenButton),
                         QKeySequence(tr("Ctrl+D")), tr("Open an IDX image file and its label file"));
  m_openFolder = makeAction(this, QStringLiteral("actionOpenFolder"), tr("F&older…"), s->standardIcon(QStyle::SP_DirOpenIcon),
                            QKeySequence(), tr("Open a folder with {train,t10k}-{images,labels} IDX files"));
  m_openModel = makeAction(this, QStringLiteral("actionOpenModel"), tr("&Open Model…"),
                           s->standardIcon(QStyle::SP_DialogOpenButton), QKeySequence::Open,
                           tr("Open a model or checkpoint (.npz)"));
  m_saveModel = makeAction(this, QStringLiteral("actionSaveModel"), tr("&Save Model…"),
                           s->standardIcon(QStyle::SP_DialogSaveButton), QKeySequence::Save,
                           tr("Save the model (.npz; a resumable checkpoint between epochs)"));
  m_exportFigure = makeAction(this, QStringLiteral("actionExportFigure"), tr("&Export Figure…"),
                              s->standardIcon(QStyle::SP_FileDialogDetailedView), QKeySequence(tr("Ctrl+E")),
                              tr("Export the current view as PNG, SVG or PDF, or its data as CSV"));
  m_exportAll = makeAction(this, QStringLiteral("actionExportAll"), tr("Export &All Figures…"),
                           s->standardIcon(QStyle::SP_DirIcon), QKeySequence(tr("Ctrl+Shift+E")),
                           tr("Export every view's figures and data into a folder, with an index"));
  m_quit = makeAction(this, QStringLiteral("actionQuit"), tr("&Quit"), s->standardIcon(QStyle::SP_DialogCloseButton),
                      QKeySequence::Quit, tr("Quit VPF Lab"));
  m_quit->setMenuRole(QAction::QuitRole);

  m_start = makeAction(this, QStringLiteral("actionStart"), tr("&Start"), s->standardIcon(QStyle::SP_MediaPlay),
                       QKeySequence(Qt::Key_F5), tr("Train until the number of epochs is reached"));
  m_pause = makeAction(this, QStringLiteral("actionPause"), tr("&Pause"), s->standardIcon(QStyle::SP_MediaPause),
                       QKeySequence(Qt::Key_F6), tr("Pause training (it can continue mid-epoch)"));
  m_stepBatch = makeAction(this, QStringLiteral("actionStepBatch"), tr("Step One &Batch"),
                           s->standardIcon(QStyle::SP_MediaSeekForward), QKeySequence(Qt::Key_F10),
                           tr("Train exactly one minibatch"));
  m_stepEpoch = makeAction(this, QStringLiteral("actionStepEpoch"), tr("Step One &Epoch"),
                           s->standardIcon(QStyle::SP_MediaSkipForward), QKeySequence(Qt::SHIFT | Qt::Key_F10),
                           tr("Train to the end of the current epoch"));
  m_reset = makeAction(this, QStringLiteral("actionReset"), tr("&Reset"), s->standardIcon(QStyle::SP_BrowserReload),
                       QKeySequence(tr("Ctrl+R")), tr("A new, untrained model with the current settings"));

  m_about = makeAction(this, QStringLiteral("actionAbout"), tr("&About VPF Lab"),
                       s->standardIcon(QStyle::SP_MessageBoxInformation), QKeySequence(), QString());
  m_about->setMenuRole(QAction::AboutRole);
  m_paper = makeAction(this, QStringLiteral("actionPaper"), tr("The &Paper…"), s->standardIcon(QStyle::SP_FileIcon),
                       QKeySequence(Qt::Key_F1), tr("The paper VPF Lab implements"));
  m_aboutQt = makeAction(this, QStringLiteral("actionAboutQt"), tr("About &Qt"), QIcon(), QKeySequence(), QString());
  m_aboutQt->setMenuRole(QAction::AboutQtRole);
  m_fullScreen = makeAction(this, QStringLiteral("actionFullScreen"), tr("&Full Screen"), QIcon(),
                            QKeySequence::FullScreen, tr("Toggle full screen"));
  m_fullScreen->setCheckable(true);
  for (QAction* a : {m_start, m_pause, m_stepBatch, m_stepEpoch, m_reset}) a->setShortcutContext(Qt::ApplicationShortcut);
}

void MainWindow::createCentral() {
  m_tabs = new QTabWidget;
  m_tabs->setObjectName(QStringLiteral("mainTabs"));
  m_tabs->setDocumentMode(true);
  m_filtersPanel = new FiltersPanel;
  m_curvesPanel = new CurvesPanel;
  m_histogramPanel = new HistogramPanel;
  m_dataPanel = new DataPanel;
  m_tabs->addTab(m_filtersPanel, tr("Filters"));
  m_tabs->addTab(m_curvesPanel, tr("Curves"));
  m_tabs->addTab(m_histogramPanel, tr("Histogram"));
  m_tabs->addTab(m_dataPanel, tr("Data"));
#ifdef VPF_HAVE_STDP_PANEL
  m_stdpPanel = new StdpPanel;
  m_tabs->addTab(m_stdpPanel, tr("STDP"));
#endif
  m_tabs->setTabToolTip(0, tr("Learned filters (paper Fig. 2)"));
  m_tabs->setTabToolTip(1, tr("Training objective, weight sparsity and squared weight (paper Fig. 3a, 3c)"));
  m_tabs->setTabToolTip(2, tr("Mean activations of the hidden units (paper Fig. 3b)"));
  m_tabs->setTabToolTip(3, tr("The data set: sample images and class counts"));
  if (m_stdpPanel) m_tabs->setTabToolTip(4, tr("Spike-timing-dependent plasticity (paper Fig. 1)"));
  m_sampling = new SamplingTabs(m_tabs, this);
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
  scroll->setMinimumWidth(content->sizeHint().width() + scroll->verticalScrollBar()->sizeHint().width() + 4);
  m_dock = new QDockWidget(tr("Setup"));
  m_dock->setObjectName(QStringLiteral("setupDock"));
  m_dock->setWidget(scroll);
  m_dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
  addDockWidget(Qt::LeftDockWidgetArea, m_dock);
}

void MainWindow::createMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QMenu* openData = file->addMenu(style()->standardIcon(QStyle::SP_DialogOpenButton), tr("Open &Data Set"));
  openData->addAction(m_openMnist);
  openData->addAction(m_openFashion);
  openData->addSeparator();
  openData->addAction(m_openIdx);
  openData->addAction(m_openFolder);
  file->addAction(m_openModel);
  file->addAction(m_saveModel);
  m_recentMenu = file->addMenu(tr("Open &Recent"));
  m_recent = new RecentFiles(m_recentMenu, this);
  if (!m_options.fresh) m_recent->load();
  file->addSeparator();
  file->addAction(m_exportFigure);
  file->addAction(m_exportAll);
  file->addSeparator();
  file->addAction(m_quit);

  QMenu* train = menuBar()->addMenu(tr("&Train"));
  train->addAction(m_start);
  train->addAction(m_pause);
  train->addSeparator();
  train->addAction(m_stepBatch);
  train->addAction(m_stepEpoch);
  train->addSeparator();
  train->addAction(m_reset);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  view->addAction(m_dock->toggleViewAction());
  m_dock->toggleViewAction()->setText(tr("&Setup Panel"));
  m_dock->toggleViewAction()->setShortcut(QKeySequence(tr("Ctrl+L")));
  view->addSeparator();
  for (int i = 0; i < m_tabs->count(); ++i) {
    QAction* a = view->addAction(m_tabs->tabText(i));
    a->setShortcut(QKeySequence(QStringLiteral("Ctrl+%1").arg(i + 1)));
    connect(a, &QAction::triggered, this, [this, i] { m_tabs->setCurrentIndex(i); });
  }
  view->addSeparator();
  view->addAction(m_fullScreen);
  m_viewMenu = view;

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(m_paper);
  help->addSeparator();
  help->addAction(m_about);
  help->addAction(m_aboutQt);
}

void MainWindow::createToolBar() {
  m_toolBar = addToolBar(tr("Main"));
  m_toolBar->setObjectName(QStringLiteral("mainToolBar"));
  m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  m_toolBar->setMovable(false);
  auto* openData = new QToolButton;
  openData->setIcon(style()->standardIcon(QStyle::SP_DialogOpenButton));
  openData->setText(tr("Data"));
  openData->setToolTip(tr("Open a data set"));
  openData->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  openData->setPopupMode(QToolButton::InstantPopup);
  auto* dataMenu = new QMenu(openData);
  dataMenu->addAction(m_openMnist);
  dataMenu->addAction(m_openFashion);
  dataMenu->addSeparator();
  dataMenu->addAction(m_openIdx);
  dataMenu->addAction(m_openFolder);
  openData->setMenu(dataMenu);
  m_toolBar->addWidget(openData);
  for (QAction* a : {m_openModel, m_saveModel}) a->setPriority(QAction::LowPriority);
  m_toolBar->addAction(m_openModel);
  m_toolBar->addAction(m_saveModel);
  m_toolBar->addSeparator();
  m_toolBar->addAction(m_start);
  m_toolBar->addAction(m_pause);
  m_toolBar->addAction(m_stepBatch);
  m_toolBar->addAction(m_stepEpoch);
  m_toolBar->addAction(m_reset);
  m_toolBar->addSeparator();
  m_exportAll->setPriority(QAction::LowPriority);
  m_toolBar->addAction(m_exportFigure);
  m_toolBar->addAction(m_exportAll);
  m_viewMenu->insertAction(m_viewMenu->actions().value(1), m_toolBar->toggleViewAction());
  m_toolBar->toggleViewAction()->setText(tr("&Toolbar"));
}

void MainWindow::wire() {
  TrainingController& ctl = controller();
  connect(&ctl, &TrainingController::snapshotReady, m_hub, &SnapshotHub::post);
  connect(m_hub, &SnapshotHub::snapshotChanged, this, &MainWindow::onSnapshot);
  connect(&ctl, &TrainingController::trainingFailed, this, &MainWindow::onTrainingFailed);
  connect(&ctl, &TrainingController::autosaveFailed, this, [this](const QString& message) {
    statusBar()->showMessage(tr("Autosave failed: %1").arg(message), 10000);
  });
  connect(m_session, &Session::datasetChanged, this, &MainWindow::onDatasetChanged);

  connect(m_openMnist, &QAction::triggered, this, [this] { openDataset(QStringLiteral("mnist")); });
  connect(m_openFashion, &QAction::triggered, this, [this] { openDataset(QStringLiteral("fashion")); });
  connect(m_openIdx, &QAction::triggered, this, &MainWindow::chooseIdxFiles);
  connect(m_openFolder, &QAction::triggered, this, &MainWindow::chooseDataFolder);
  connect(m_openModel, &QAction::triggered, this, &MainWindow::chooseModelToOpen);
  connect(m_saveModel, &QAction::triggered, this, &MainWindow::chooseModelToSave);
  connect(m_exportFigure, &QAction::triggered, this, &MainWindow::exportCurrentView);
  connect(m_exportAll, &QAction::triggered, this, &MainWindow::chooseExportFolder);
  connect(m_quit, &QAction::triggered, this, &QWidget::close);
  connect(m_start, &QAction::triggered, this, &MainWindow::startTraining);
  connect(m_pause, &QAction::triggered, this, &MainWindow::pauseTraining);
  connect(m_stepBatch, &QAction::triggered, this, &MainWindow::stepBatch);
  connect(m_stepEpoch, &QAction::triggered, this, &MainWindow::stepEpoch);
  connect(m_reset, &QAction::triggered, this, &MainWindow::resetModel);
  connect(m_about, &QAction::triggered, this, &MainWindow::showAbout);
  connect(m_paper, &QAction::triggered, this, &MainWindow::showPaperReference);
  connect(m_aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
  connect(m_fullScreen, &QAction::toggled, this, [this](bool on) { on ? showFullScreen() : showNormal(); });

  connect(m_recent, &RecentFiles::datasetRequested, this, [this](const QString& spec) { openDataset(spec); });
  connect(m_recent, &RecentFiles::modelRequested, this, [this](const QString& path) { openModel(path); });
  connect(m_datasetBox, &DatasetBox::datasetRequested, this, [this](const QString& spec) { openDataset(spec); });
  connect(m_datasetBox, &DatasetBox::openFilesRequested, this, &MainWindow::chooseIdxFiles);

  connect(m_modelPanel, &ModelPanel::settingsChanged, this, [this] {
    Architecture arch;
    TrainingConfig config;
    if (m_modelPanel->settings(arch, config)) {
      m_dataPanel->setThreshold(config.binarizeThreshold);
      if (m_session->hasModel()) controller().updateConfig(config);  // live: lr, decay, epochs
    }
    updateActions();
  });

  connect(m_filtersPanel, &FiltersPanel::exportRequested, this, [this] { exportViewWithDialog(*m_filtersPanel); });
  connect(m_curvesPanel, &CurvesPanel::exportRequested, this, [this] { exportViewWithDialog(*m_curvesPanel); });
  connect(m_histogramPanel, &HistogramPanel::exportRequested, this, [this] { exportViewWithDialog(*m_histogramPanel); });
  connect(m_dataPanel, &DataPanel::exportRequested, this, [this] { exportViewWithDialog(*m_dataPanel); });
  connect(m_sampling, &SamplingTabs::exportRequested, this, [this](ExportableView* v) { exportViewWithDialog(*v); });
  connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateActions);
}

void MainWindow::restoreLayout() {
  QSettings settings;
  if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) resize(1440, 900);
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
  if (!openDataset(spec)) return;
  if (!m_options.model.isEmpty()) openModel(m_options.model);
  if (!m_options.compareModel.isEmpty()) {
    try {
      m_sampling->confabPanel()->loadCompareModel(m_options.compareModel);
    } catch (const std::exception& e) {
      m_reporter->error(this, tr("Cannot compare"), QString::fromStdString(e.what()));
    }
  }
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
         "exists.\n\nResume training it?")
          .arg(QString::fromStdString(machineKind(file.model)))
          .arg(QString::fromStdString(algorithmName(file.meta.config)))
          .arg(file.meta.epochsDone)
          .arg(datasetTitle(dataset.isEmpty() ? QStringLiteral("mnist") : dataset));
  if (!m_reporter->question(this, tr("Resume autosaved training?"), question)) return false;
  if (!openDataset(dataset.isEmpty() ? QStringLiteral("mnist") : dataset)) return false;
  try {
    m_session->adoptModel(file, m_autosave.checkpointPath());
    m_modelPanel->setFromModel(file.model, file.meta.config);
    statusBar()->showMessage(tr("Resumed the autosave after epoch %1; press Start (F5) to continue.")
                                 .arg(file.meta.epochsDone), 10000);
    return true;
  } catch (const std::exception& e) {
    m_reporter->error(this, tr("Cannot resume"), QString::fromStdString(e.what()));
    return false;
  }
}

void MainWindow::onSnapshot(const SnapshotPtr& snapshot) {
  m_filtersPanel->setSnapshot(snapshot);
  m_curvesPanel->setSnapshot(snapshot);
  m_histogramPanel->setSnapshot(snapshot);
  m_sampling->setSnapshot(snapshot);
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
  m_dataPanel->setData(data, m_session->datasetTitle());
  m_sampling->setData(data, m_session->datasetTitle());
  if (data) m_modelPanel->setDatasetShape(data->train.pixels(), data->train.size());
  if (!m_options.fresh) m_recent->add(RecentFiles::Kind::Dataset, m_session->datasetSpec());
  updateActions();
}

void MainWindow::updateActions() {
  const bool data = m_session->data() != nullptr;
  const bool valid = m_modelPanel->isValid();
  const SnapshotPtr latest = controller().latest();
  const bool training = latest && latest->isTraining() && controller().isThreadRunning();
  const bool model = m_session->hasModel();
  m_start->setEnabled(data && valid && !training);
  m_pause->setEnabled(training);
  m_stepBatch->setEnabled(data && valid && !training);
  m_stepEpoch->setEnabled(data && valid && !training);
  m_reset->setEnabled(data && valid);
  m_saveModel->setEnabled(model);
  m_exportFigure->setEnabled(currentExportable() != nullptr ||
                             (m_stdpPanel && m_tabs->currentWidget() == m_stdpPanel));
  const QString reason = valid ? QString() : tr("Refused: %1").arg(m_modelPanel->errorText());
  for (QAction* a : {m_start, m_stepBatch, m_stepEpoch, m_reset}) a->setStatusTip(reason);
}

// ---------------------------------------------------------------------------------------------
// Data and model files

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
  if (!fits && m_session->hasUnsavedTraining()) {
    if (!m_reporter->question(this, tr("Replace the model?"),
                              tr("The trained model has %1 visible units but the images of %2 have %3 pixels. Opening "
                                 "this data set starts a new model and discards the trained one (it is not saved).\n\n"
                                 "Open it anyway?")
                                  .arg(latest->model.sizes[0])
                                  .arg(datasetTitle(spec))
                                  .arg(data->train.pixels())))
      return false;
  }
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
  if (m_session->hasUnsavedTraining() &&
      !m_reporter->question(this, tr("Replace the model?"),
                            tr("The current model has unsaved training. Open '%1' and discard it?")
                                .arg(QFileInfo(path).fileName())))
    return false;
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

bool MainWindow::saveModel(const QString& path) {
  try {
    m_session->saveModel(path);
    if (!m_options.fresh) m_recent->add(RecentFiles::Kind::Model, QFileInfo(path).absoluteFilePath());
    rememberFolder(QStringLiteral("model"), path);
    const SnapshotPtr s = controller().latest();
    statusBar()->showMessage(tr("Saved %1%2").arg(QDir::toNativeSeparators(path))
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
  const QString folder = QFileDialog::getExistingDirectory(this, tr("Open a folder of IDX files"),
                                                           defaultFolder(QStringLiteral("data")));
  if (folder.isEmpty()) return;
  rememberFolder(QStringLiteral("data"), folder + QStringLiteral("/"));
  openDataset(folder);
}

void MainWindow::chooseModelToOpen() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Open model"), defaultFolder(QStringLiteral("model")),
                                                    tr("VPF Lab models (*.npz);;All files (*)"));
  if (!path.isEmpty()) openModel(path);
}

void MainWindow::chooseModelToSave() {
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
  QString path = QFileDialog::getSaveFileName(this, tr("Save model"),
                                              QDir(defaultFolder(QStringLiteral("model"))).filePath(name),
                                              tr("VPF Lab models (*.npz)"));
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".npz");
  saveModel(path);
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

// ---------------------------------------------------------------------------------------------
// Training

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

// ---------------------------------------------------------------------------------------------
// Export

ExportableView* MainWindow::currentExportable() const {
  QWidget* w = m_tabs->currentWidget();
  if (w == m_filtersPanel) return m_filtersPanel;
  if (w == m_curvesPanel) return m_curvesPanel;
  if (w == m_histogramPanel) return m_histogramPanel;
  if (w == m_dataPanel) return m_dataPanel;
  return m_sampling->exportableFor(w);
}

bool MainWindow::exportView(ExportableView& view, const QString& path, const FigureSize& size, bool csv) {
  try {
    WaitCursor wait;
    if (csv) view.exportCsv(path);
    else view.exportFigure(path, size);
    rememberFolder(QStringLiteral("export"), path);
    statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 8000);
    return true;
  } catch (const std::exception& e) {
    m_reporter->error(this, tr("Export failed"), QString::fromStdString(e.what()));
    return false;
  }
}

void MainWindow::exportViewWithDialog(ExportableView& view) {
  const QString path = QDir(defaultFolder(QStringLiteral("export"))).filePath(view.exportBaseName() + QStringLiteral(".png"));
  ExportDialog dialog(ExportDialog::Mode::Figure, tr("Export %1").arg(view.exportTitle()), path,
                      view.defaultFigureSize(), this);
  if (dialog.exec() != QDialog::Accepted) return;
  exportView(view, dialog.path(), dialog.figureSize(), dialog.csvSelected());
}

void MainWindow::exportCurrentView() {
  if (ExportableView* view = currentExportable()) {
    exportViewWithDialog(*view);
    return;
  }
#ifdef VPF_HAVE_STDP_PANEL
  if (m_tabs->currentWidget() == m_stdpPanel) {
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Export the STDP figure to"),
                                                             defaultFolder(QStringLiteral("export")));
    if (folder.isEmpty()) return;
    try {
      const QStringList files = static_cast<StdpPanel*>(m_stdpPanel)->exportAll(folder);
      statusBar()->showMessage(tr("Exported %1 files to %2").arg(files.size()).arg(folder), 8000);
    } catch (const std::exception& e) {
      m_reporter->error(this, tr("Export failed"), QString::fromStdString(e.what()));
    }
  }
#endif
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
  std::vector<ExportableView*> views{m_filtersPanel, m_curvesPanel, m_histogramPanel, m_dataPanel};
  for (ExportableView* v : m_sampling->exportables()) views.push_back(v);
  for (ExportableView* view : views)
    items.push_back({view->exportTitle(), [view](const QString& f, const FigureSize& s) { return view->exportAll(f, s); }});
#ifdef VPF_HAVE_STDP_PANEL
  auto* stdp = static_cast<StdpPanel*>(m_stdpPanel);
  items.push_back({tr("STDP"), [stdp](const QString& f, const FigureSize&) { return stdp->exportAll(f); }});
#endif
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
    statusBar()->showMessage(tr("Exported %1 files to %2 (see index.md)")
                                 .arg(result.files.size())
                                 .arg(QDir::toNativeSeparators(folder)),
                             10000);
    return result.files;
  } catch (const std::exception& e) {
    m_reporter->error(this, tr("Export failed"), QString::fromStdString(e.what()));
    return {};
  }
}

// ---------------------------------------------------------------------------------------------
// Help, tabs, events

void MainWindow::showAbout() {
  QMessageBox::about(this, tr("About VPF Lab"),
                     tr("<h3>VPF Lab %1</h3>"
                        "<p>Trains restricted and deep Boltzmann machines with <b>Variational Probability Flow</b> "
                        "(and CD-k / PCD-k for comparison) and shows what they learn: filters, training curves, "
                        "hidden activations, and the STDP rule VPF implies.</p>"
                        "<p>Implements: %2</p>"
                        "<p>Built with Qt %3, Eigen and QCustomPlot.</p>")
                         .arg(QCoreApplication::applicationVersion(), QString::fromUtf8(kPaperReference).toHtmlEscaped(),
                              QString::fromLatin1(qVersion())));
}

void MainWindow::showPaperReference() {
  QMessageBox box(this);
  box.setWindowTitle(tr("The paper"));
  box.setIcon(QMessageBox::Information);
  box.setTextFormat(Qt::RichText);
  box.setText(tr("<p>VPF Lab implements</p><p><b>%1</b></p>").arg(QString::fromUtf8(kPaperReference).toHtmlEscaped()));
  box.setInformativeText(tr("Algorithm 1 (VPF training of RBMs and DBMs with an E-step and minibatch MPF updates), "
                            "Algorithm 2 (confabulation), the experiments of Figs. 2–6 and the STDP analysis of "
                            "Fig. 1."));
  box.setDetailedText(QStringLiteral(
      "@inproceedings{liu2018vpf,\n"
      "  title     = {Variational Probability Flow for Biologically Plausible Training of Deep Neural Networks},\n"
      "  author    = {Liu, Zuozhu and Quek, Tony Q. S. and Lin, Shaowei},\n"
      "  booktitle = {Proceedings of the Thirty-Second AAAI Conference on Artificial Intelligence},\n"
      "  year      = {2018},\n"
      "  note      = {arXiv:1711.07732}\n"
      "}"));
  box.exec();
}

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
    const MessageReporter::SaveChoice choice = m_reporter->askSave(
        this, tr("Save the model?"),
        training ? tr("Training is running. It will be stopped. Save the model before quitting?")
                 : tr("The model has unsaved training. Save it before quitting?"));
    if (choice == MessageReporter::SaveChoice::Cancel) {
      event->ignore();
      return;
    }
    ctl.stop();  // ends the worker thread cleanly; latest() holds the final model
    if (choice == MessageReporter::SaveChoice::Save) {
      QString path = QFileDialog::getSaveFileName(this, tr("Save model"),
                                                  QDir(defaultFolder(QStringLiteral("model"))).filePath(QStringLiteral("model.npz")),
                                                  tr("VPF Lab models (*.npz)"));
      if (path.isEmpty() || !saveModel(path)) {
        // Not saved: keep the window (and the model) open.
        event->ignore();
        return;
      }
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
    if (looksLikeModelFile(path)) model = path;
    else if (looksLikeIdxFile(path)) idx << path;
  }
  event->acceptProposedAction();
  // Run after the drop returns (dialogs must not run inside the drag-and-drop event).
  QMetaObject::invokeMethod(this, [this, idx, model] {
    if (!idx.isEmpty()) openIdxFiles(idx);
    if (!model.isEmpty()) openModel(model);
  }, Qt::QueuedConnection);
}

}  // namespace vpf
