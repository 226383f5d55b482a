#pragma once
// The main window's actions (object names "action…", shortcuts, tool tips with the shortcut),
// its menu bar (File, Train, View with one entry per tab, Help) and its tool bar. Building only:
// what an action does is connected in MainWindow::wire().
class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;
class QTabWidget;

namespace vpf {

struct MainActions {
  QAction *openMnist = nullptr, *openFashion = nullptr, *openIdx = nullptr, *openFolder = nullptr;
  QAction *openModel = nullptr, *saveModel = nullptr, *exportFigure = nullptr, *exportAll = nullptr, *quit = nullptr;
  QAction *start = nullptr, *pause = nullptr, *stepBatch = nullptr, *stepEpoch = nullptr, *reset = nullptr;
  QAction *about = nullptr, *paper = nullptr, *aboutQt = nullptr, *fullScreen = nullptr;
};

/// The actions, owned by `window`; the training actions work from any window of the application.
MainActions createMainActions(QMainWindow& window);

struct MainMenus {
  QMenu* recent = nullptr;  // File ▸ Open Recent, filled by RecentFiles
  QMenu* view = nullptr;
};

/// File, Train, View (the dock, one entry per tab of `tabs` with Ctrl+1…, full screen) and Help.
MainMenus createMainMenus(QMainWindow& window, const MainActions& actions, QDockWidget* dock, QTabWidget* tabs);

/// The tool bar "mainToolBar"; its toggle is added to the View menu.
void createMainToolBar(QMainWindow& window, const MainActions& actions, QMenu* viewMenu);

}  // namespace vpf
