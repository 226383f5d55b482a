#pragma once
// The VPF Lab main window. Thin: it creates the panels, the session (data + training controller)
// and the actions, and wires them; the work happens in the session, the worker and the panels.
// Left dock: data set, model and training settings. Central tabs: Filters, Curves, Histogram,
// Data, STDP, Reconstruct, Gibbs chain, Confabulate. Errors go through an injectable MessageReporter (dialogs by default).
#include <QMainWindow>
#include <QPointer>
#include <memory>

#include "ui/shell/app_options.h"
#include "ui/shell/autosave.h"
#include "figures/figure_export.h"
#include "ui/training/training_snapshot.h"

class QAction;
class QDockWidget;
class QToolBar;
class QLabel;
class QMenu;
class QTabWidget;

namespace vpf {

class CurvesPanel;
class DataPanel;
class DatasetBox;
class ExportableView;
class FiltersPanel;
class HistogramPanel;
class MessageReporter;
class ModelPanel;
class RecentFiles;
class SamplingTabs;
class Session;
class SnapshotHub;
class TrainingController;
class TrainingStatus;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(const AppOptions& options = AppOptions(), std::shared_ptr<MessageReporter> reporter = nullptr,
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
  FiltersPanel* filtersPanel() const { return m_filtersPanel; }
  CurvesPanel* curvesPanel() const { return m_curvesPanel; }
  HistogramPanel* histogramPanel() const { return m_histogramPanel; }
  DataPanel* dataPanel() const { return m_dataPanel; }
  QWidget* stdpPanel() const { return m_stdpPanel; }
  SamplingTabs* samplingTabs() const { return m_sampling; }
  TrainingStatus* trainingStatus() const { return m_status; }
  QTabWidget* tabs() const { return m_tabs; }
  /// Selects a tab by (case-insensitive) name; false if there is none.
  bool showTab(const QString& name);
  QStringList tabNames() const;
  QAction* action(const QString& objectName) const;

 protected:
  void closeEvent(QCloseEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void createActions();
  void createMenus();
  void createToolBar();
  void createDock();
  void createCentral();
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
  void chooseModelToSave();
  void exportCurrentView();
  void exportViewWithDialog(ExportableView& view);
  void chooseExportFolder();
  void showAbout();
  void showPaperReference();
  bool offerResume();
  QString defaultFolder(const QString& key) const;
  void rememberFolder(const QString& key, const QString& path);
  ExportableView* currentExportable() const;

  AppOptions m_options;
  std::shared_ptr<MessageReporter> m_reporter;
  Autosave m_autosave;
  Session* m_session;
  SnapshotHub* m_hub;
  RecentFiles* m_recent = nullptr;

  DatasetBox* m_datasetBox = nullptr;
  ModelPanel* m_modelPanel = nullptr;
  FiltersPanel* m_filtersPanel = nullptr;
  CurvesPanel* m_curvesPanel = nullptr;
  HistogramPanel* m_histogramPanel = nullptr;
  DataPanel* m_dataPanel = nullptr;
  QWidget* m_stdpPanel = nullptr;
  SamplingTabs* m_sampling = nullptr;
  TrainingStatus* m_status = nullptr;
  QTabWidget* m_tabs = nullptr;
  QDockWidget* m_dock = nullptr;
  QToolBar* m_toolBar = nullptr;
  QMenu* m_recentMenu = nullptr;
  QMenu* m_viewMenu = nullptr;

  QAction *m_openModel, *m_saveModel, *m_exportFigure, *m_exportAll, *m_quit;
  QAction *m_openMnist, *m_openFashion, *m_openIdx, *m_openFolder;
  QAction *m_start, *m_pause, *m_stepBatch, *m_stepEpoch, *m_reset;
  QAction *m_about, *m_paper, *m_aboutQt, *m_fullScreen;
  bool m_closing = false;
  bool m_sessionStarted = false;
};

}  // namespace vpf
