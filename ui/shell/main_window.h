#pragma once
// The VPF Lab main window. Thin: it creates the session (data + training controller), the tabs
// listed in tab_list.h, the dock and the actions, and wires them; the work happens in the session,
// the worker and the panels. Left dock: data set, model and training settings. Central tabs: one
// per Panel, wired generically. Errors go through an injectable MessageReporter (dialogs by
// default). The member functions are split by job: main_window.cpp (construction and wiring),
// main_window_files.cpp (data set and model files), main_window_training.cpp (training controls),
// main_window_export.cpp (Export Figure / Export All); menus and tool bar in main_menu.cpp.
#include <QMainWindow>
#include <QPointer>
#include <functional>
#include <memory>
#include <vector>

#include "figures/figure_export.h"
#include "ui/shell/app_options.h"
#include "ui/shell/autosave.h"
#include "ui/shell/main_menu.h"
#include "ui/shell/tab_list.h"
#include "ui/training/training_snapshot.h"

class QDockWidget;
class QTabWidget;

namespace vpf {

class DatasetBox;
class ExportableView;
class MessageReporter;
class ModelPanel;
class Panel;
class RecentFiles;
class Session;
class SnapshotHub;
class TrainingController;
class TrainingStatus;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(const AppOptions& options = AppOptions(), std::shared_ptr<MessageReporter> reporter = nullptr,
                      QWidget* parent = nullptr);
  /// With the tabs `tabs` creates (in order) instead of defaultTabs(), e.g. a test's extra panel.
  MainWindow(const AppOptions& options, std::shared_ptr<MessageReporter> reporter, std::vector<TabFactory> tabs,
             QWidget* parent = nullptr);
  ~MainWindow() override;

  /// Start-up: offers to resume the autosave of a session that did not end cleanly, then opens the
  /// data set and model given by the options (MNIST by default) and prepares an untrained model.
  void startup();

  // File operations, as the menus run them after their dialogs. Errors are reported; false then.
  bool openDataset(const QString& spec);
  bool openIdxFiles(const QStringList& paths);
  bool openModel(const QString& path);
  bool saveModel(const QString& path);
  bool exportView(ExportableView& view, const QString& path, const FigureSize& size, bool csv);
  /// Every view's figures and data plus index.md; returns the files written (empty on failure).
  QStringList exportAllFigures(const QString& folder, const FigureSize& size = FigureSize());

  // Training actions.
  void startTraining();
  void pauseTraining();
  void stepBatch();
  void stepEpoch();
  void resetModel();

  void setReporter(std::shared_ptr<MessageReporter> reporter);
  MessageReporter& reporter() const { return *m_reporter; }
  Session& session() const { return *m_session; }
  TrainingController& controller() const;
  SnapshotHub& hub() const { return *m_hub; }
  ModelPanel* modelPanel() const { return m_modelPanel; }
  TrainingStatus* trainingStatus() const { return m_status; }
  /// The tabs' panels in tab order.
  const std::vector<Panel*>& panels() const { return m_panels; }
  /// The first tab of type P, or null.
  template <typename P>
  P* panel() const {
    for (Panel* p : m_panels)
      if (auto* found = qobject_cast<P*>(p)) return found;
    return nullptr;
  }
  QTabWidget* tabs() const { return m_tabs; }
  /// The tab showing `panel` (each tab holds its panel in a scroll area), or −1.
  int tabIndexOf(const Panel* panel) const;
  /// Selects a tab by (case-insensitive) name; false if there is none.
  bool showTab(const QString& name);
  QStringList tabNames() const;
  QAction* action(const QString& objectName) const;

 protected:
  void closeEvent(QCloseEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void createDock();
  void createCentral(const std::vector<TabFactory>& tabs);
  void wire();
  void restoreLayout();
  void saveLayout();
  void updateActions();
  void onSnapshot(const SnapshotPtr& snapshot);
  void onTrainingFailed(const QString& message, bool divergence);
  void onDatasetChanged();
  bool ensureModelForTraining();
  bool architectureDiffers() const;
  void setupFromPanel();
  void chooseIdxFiles();
  void chooseDataFolder();
  void chooseModelToOpen();
  /// Save Model… (a file dialog): true once saved.
  bool chooseModelToSave();
  /// Before a trained, unsaved model is replaced by `action` ("resetting", …): Save… / Discard It /
  /// Cancel in one dialog; true to go on. Nothing to lose: true without asking.
  bool offerToSaveFirst(const QString& action);
  QString unsavedWarning() const;
  void exportCurrentView();
  void exportViewWithDialog(ExportableView& view);
  /// Export Figure… for `panel`, in the panel's ExportStyle.
  void exportPanel(Panel& panel);
  void chooseExportFolder();
  bool offerResume();
  bool openModelsDataset(const QString& failedSpec);
  QString defaultFolder(const QString& key) const;
  void rememberFolder(const QString& key, const QString& path);
  Panel* currentPanel() const;

  AppOptions m_options;
  std::shared_ptr<MessageReporter> m_reporter;
  Autosave m_autosave;
  Session* m_session;
  SnapshotHub* m_hub;
  RecentFiles* m_recent = nullptr;

  DatasetBox* m_datasetBox = nullptr;
  ModelPanel* m_modelPanel = nullptr;
  std::vector<Panel*> m_panels;
  /// The tab that opens the model file at `path` itself (by its kind), or null for a Boltzmann model.
  Panel* panelForModelFile(const QString& path) const;
  std::vector<std::function<void()>> m_afterStartup;  // from the tab factories (TabSetup)
  TrainingStatus* m_status = nullptr;
  QTabWidget* m_tabs = nullptr;
  QDockWidget* m_dock = nullptr;
  MainActions m_actions;
  bool m_closing = false;
  bool m_sessionStarted = false;
};

}  // namespace vpf
