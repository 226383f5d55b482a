#include "ui/shell/main_menu.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenuBar>
#include <QStyle>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>

#include "ui/shell/main_window.h"

namespace vpf {

namespace {

// The texts keep MainWindow's translation context.
QString tr(const char* text) { return MainWindow::tr(text); }

QAction* makeAction(QObject* parent, const QString& name, const QString& text, const QIcon& icon,
                    const QKeySequence& shortcut, const QString& tip) {
  auto* a = new QAction(icon, text, parent);
  a->setObjectName(name);
  if (!shortcut.isEmpty()) a->setShortcut(shortcut);
  const QString shortcutText =
      shortcut.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(shortcut.toString(QKeySequence::NativeText));
  a->setToolTip(tip.isEmpty() ? QString(text).remove(QLatin1Char('&')).remove(QStringLiteral("…")) + shortcutText
                              : tip + shortcutText);
  a->setStatusTip(tip);
  return a;
}

void addDataSetActions(QMenu* menu, const MainActions& a) {
  menu->addAction(a.openMnist);
  menu->addAction(a.openFashion);
  menu->addSeparator();
  menu->addAction(a.openIdx);
  menu->addAction(a.openFolder);
}

}  // namespace

MainActions createMainActions(QMainWindow& window) {
  QStyle* s = window.style();
  QObject* w = &window;
  MainActions a;
  a.openMnist = makeAction(w, QStringLiteral("actionOpenMnist"), tr("&MNIST"), QIcon(), QKeySequence(),
                           tr("The MNIST handwritten digits (data/mnist)"));
  a.openFashion = makeAction(w, QStringLiteral("actionOpenFashion"), tr("&Fashion-MNIST"), QIcon(), QKeySequence(),
                             tr("Zalando's Fashion-MNIST articles (data/fashion)"));
  a.openIdx =
      makeAction(w, QStringLiteral("actionOpenIdx"), tr("&IDX Files…"), s->standardIcon(QStyle::SP_DialogOpenButton),
                 QKeySequence(tr("Ctrl+D")), tr("Open an IDX image file and its label file"));
  a.openFolder =
      makeAction(w, QStringLiteral("actionOpenFolder"), tr("F&older…"), s->standardIcon(QStyle::SP_DirOpenIcon),
                 QKeySequence(), tr("Open a folder with {train,t10k}-{images,labels} IDX files"));
  a.openModel =
      makeAction(w, QStringLiteral("actionOpenModel"), tr("&Open Model…"), s->standardIcon(QStyle::SP_DialogOpenButton),
                 QKeySequence::Open, tr("Open a model or checkpoint (.npz)"));
  a.saveModel =
      makeAction(w, QStringLiteral("actionSaveModel"), tr("&Save Model…"), s->standardIcon(QStyle::SP_DialogSaveButton),
                 QKeySequence::Save, tr("Save the model (.npz; a resumable checkpoint between epochs)"));
  a.exportFigure = makeAction(w, QStringLiteral("actionExportFigure"), tr("&Export Figure…"),
                              s->standardIcon(QStyle::SP_FileDialogDetailedView), QKeySequence(tr("Ctrl+E")),
                              tr("Export the current view as PNG, SVG or PDF, or its data as CSV"));
  a.exportAll = makeAction(w, QStringLiteral("actionExportAll"), tr("Export &All Figures…"),
                           s->standardIcon(QStyle::SP_DirIcon), QKeySequence(tr("Ctrl+Shift+E")),
                           tr("Export every view's figures and data into a folder, with an index"));
  a.quit = makeAction(w, QStringLiteral("actionQuit"), tr("&Quit"), s->standardIcon(QStyle::SP_DialogCloseButton),
                      QKeySequence::Quit, tr("Quit VPF Lab"));
  a.quit->setMenuRole(QAction::QuitRole);

  a.start = makeAction(w, QStringLiteral("actionStart"), tr("&Start"), s->standardIcon(QStyle::SP_MediaPlay),
                       QKeySequence(Qt::Key_F5), tr("Train until the number of epochs is reached"));
  a.pause = makeAction(w, QStringLiteral("actionPause"), tr("&Pause"), s->standardIcon(QStyle::SP_MediaPause),
                       QKeySequence(Qt::Key_F6), tr("Pause training (it can continue mid-epoch)"));
  a.stepBatch = makeAction(w, QStringLiteral("actionStepBatch"), tr("Step One &Batch"),
                           s->standardIcon(QStyle::SP_MediaSeekForward), QKeySequence(Qt::Key_F10),
                           tr("Train exactly one minibatch"));
  a.stepEpoch = makeAction(w, QStringLiteral("actionStepEpoch"), tr("Step to Epoch &End"),
                           s->standardIcon(QStyle::SP_MediaSkipForward), QKeySequence(Qt::SHIFT | Qt::Key_F10),
                           tr("Train to the end of the current epoch"));
  a.reset = makeAction(w, QStringLiteral("actionReset"), tr("&Reset"), s->standardIcon(QStyle::SP_BrowserReload),
                       QKeySequence(tr("Ctrl+R")), tr("A new, untrained model with the current settings"));

  a.about = makeAction(w, QStringLiteral("actionAbout"), tr("&About VPF Lab"),
                       s->standardIcon(QStyle::SP_MessageBoxInformation), QKeySequence(), QString());
  a.about->setMenuRole(QAction::AboutRole);
  a.paper = makeAction(w, QStringLiteral("actionPaper"), tr("The &Paper…"), s->standardIcon(QStyle::SP_FileIcon),
                       QKeySequence(Qt::Key_F1), tr("The paper VPF Lab implements"));
  a.aboutQt = makeAction(w, QStringLiteral("actionAboutQt"), tr("About &Qt"), QIcon(), QKeySequence(), QString());
  a.aboutQt->setMenuRole(QAction::AboutQtRole);
  a.fullScreen = makeAction(w, QStringLiteral("actionFullScreen"), tr("&Full Screen"), QIcon(),
                            QKeySequence::FullScreen, tr("Toggle full screen"));
  a.fullScreen->setCheckable(true);
  for (QAction* t : {a.start, a.pause, a.stepBatch, a.stepEpoch, a.reset})
    t->setShortcutContext(Qt::ApplicationShortcut);
  return a;
}

MainMenus createMainMenus(QMainWindow& window, const MainActions& a, QDockWidget* dock, QTabWidget* tabs) {
  MainMenus menus;
  QMenuBar* bar = window.menuBar();
  QMenu* file = bar->addMenu(tr("&File"));
  addDataSetActions(file->addMenu(window.style()->standardIcon(QStyle::SP_DialogOpenButton), tr("Open &Data Set")), a);
  file->addAction(a.openModel);
  file->addAction(a.saveModel);
  menus.recent = file->addMenu(tr("Open &Recent"));
  file->addSeparator();
  file->addAction(a.exportFigure);
  file->addAction(a.exportAll);
  file->addSeparator();
  file->addAction(a.quit);

  QMenu* train = bar->addMenu(tr("&Train"));
  train->addAction(a.start);
  train->addAction(a.pause);
  train->addSeparator();
  train->addAction(a.stepBatch);
  train->addAction(a.stepEpoch);
  train->addSeparator();
  train->addAction(a.reset);

  QMenu* view = bar->addMenu(tr("&View"));
  view->addAction(dock->toggleViewAction());
  dock->toggleViewAction()->setText(tr("&Setup Panel"));
  dock->toggleViewAction()->setShortcut(QKeySequence(tr("Ctrl+L")));
  view->addSeparator();
  for (int i = 0; i < tabs->count(); ++i) {
    QAction* t = view->addAction(tabs->tabText(i));
    t->setShortcut(QKeySequence(QStringLiteral("Ctrl+%1").arg(i + 1)));
    QObject::connect(t, &QAction::triggered, tabs, [tabs, i] { tabs->setCurrentIndex(i); });
  }
  view->addSeparator();
  view->addAction(a.fullScreen);
  menus.view = view;

  QMenu* help = bar->addMenu(tr("&Help"));
  help->addAction(a.paper);
  help->addSeparator();
  help->addAction(a.about);
  help->addAction(a.aboutQt);
  return menus;
}

void createMainToolBar(QMainWindow& window, const MainActions& a, QMenu* viewMenu) {
  QToolBar* toolBar = window.addToolBar(tr("Main"));
  toolBar->setObjectName(QStringLiteral("mainToolBar"));
  toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  toolBar->setMovable(false);
  auto* openData = new QToolButton;
  openData->setIcon(window.style()->standardIcon(QStyle::SP_DialogOpenButton));
  openData->setText(tr("Data"));
  openData->setToolTip(tr("Open a data set"));
  openData->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  openData->setPopupMode(QToolButton::InstantPopup);
  auto* dataMenu = new QMenu(openData);
  addDataSetActions(dataMenu, a);
  openData->setMenu(dataMenu);
  toolBar->addWidget(openData);
  for (QAction* t : {a.openModel, a.saveModel}) t->setPriority(QAction::LowPriority);
  toolBar->addAction(a.openModel);
  toolBar->addAction(a.saveModel);
  toolBar->addSeparator();
  toolBar->addAction(a.start);
  toolBar->addAction(a.pause);
  toolBar->addAction(a.stepBatch);
  toolBar->addAction(a.stepEpoch);
  toolBar->addAction(a.reset);
  toolBar->addSeparator();
  a.exportAll->setPriority(QAction::LowPriority);
  toolBar->addAction(a.exportFigure);
  toolBar->addAction(a.exportAll);
  viewMenu->insertAction(viewMenu->actions().value(1), toolBar->toggleViewAction());
  toolBar->toggleViewAction()->setText(tr("&Toolbar"));
}

}  // namespace vpf
