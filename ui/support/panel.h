#pragma once
// One tab of the main window. A panel says what its tab is called (tabTitle, tabToolTip), takes
// what the window hands every tab (the newest training snapshot, the opened data set, the model
// panel's settings; each ignored by default), and exports its figures and data as an
// ExportableView (the window's "Export Figure…" and "Export All Figures…" go through it). The
// window lists its tabs once (ui/shell/tab_list.h) and wires every panel through this interface
// only, so a new tab is a Panel subclass plus one line in that list.
#include <QString>
#include <QWidget>
#include <memory>

#include "core/data/dataset.h"
#include "core/learning/training_config.h"
#include "ui/export/exportable_view.h"
#include "ui/training/training_snapshot.h"

namespace vpf {

class Panel : public QWidget, public ExportableView {
  Q_OBJECT
 public:
  explicit Panel(QWidget* parent = nullptr);

  /// The tab's text, e.g. "Filters" (also the View menu entry and the --tab name).
  virtual QString tabTitle() const = 0;
  /// What the tab shows, and which figure of the paper (the tab's tool tip). Not toolTip():
  /// that is QWidget's own tool tip for the whole page.
  virtual QString tabToolTip() const = 0;

  /// The newest training snapshot (at most every 40 ms, newest wins). Default: ignored.
  virtual void setSnapshot(const SnapshotPtr& snapshot);
  /// A data set was opened (`data` may be null). Default: ignored.
  virtual void setDataset(std::shared_ptr<const DataSplits> data, const QString& title);
  /// The model panel's settings changed and are valid. Default: ignored.
  virtual void setTrainingConfig(const TrainingConfig& config);

  /// Whether this tab opens model files of meta.json's `kind` (e.g. "bengio2015-tp") itself; File ▸
  /// Open Model… and --model hand such files to it instead of the Boltzmann session. Default: none.
  virtual bool opensModelKind(const std::string& kind) const;
  /// Opens such a file; false with the reason in `error` when it cannot.
  virtual bool openModelFile(const QString& path, QString& error);

  /// How File ▸ Export Figure… exports this tab: the main figure through the export dialog, or
  /// (for views whose figure has a fixed layout) every file of exportAll() into a chosen folder.
  enum class ExportStyle { FigureDialog, Folder };
  virtual ExportStyle exportStyle() const { return ExportStyle::FigureDialog; }

 signals:
  /// The tab's own "Export…" button: the window runs File ▸ Export Figure… for this panel.
  void exportRequested();
};

}  // namespace vpf
