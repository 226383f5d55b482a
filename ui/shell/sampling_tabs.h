#pragma once
// The three sampling tabs (Reconstruct, Gibbs chain, Confabulate) and their shared context, so the
// main window only feeds snapshots and data sets and asks for the exportable views.
#include <QObject>
#include <QString>
#include <memory>
#include <vector>

#include "core/data/dataset.h"
#include "ui/training/training_snapshot.h"

class QTabWidget;
class QWidget;

namespace vpf {

class ChainPanel;
class ConfabPanel;
class ExportableView;
class ReconstructPanel;
class SamplingContext;

class SamplingTabs : public QObject {
  Q_OBJECT
 public:
  /// Creates the panels and appends them to `tabs` with tool tips.
  explicit SamplingTabs(QTabWidget* tabs, QObject* parent = nullptr);

  void setSnapshot(const SnapshotPtr& snapshot);
  void setData(std::shared_ptr<const DataSplits> data, const QString& title);

  SamplingContext& context() const { return *m_context; }
  ReconstructPanel* reconstructPanel() const { return m_reconstruct; }
  ChainPanel* chainPanel() const { return m_chain; }
  ConfabPanel* confabPanel() const { return m_confab; }
  std::vector<ExportableView*> exportables() const;
  /// The exportable view shown by tab page `page`, or null.
  ExportableView* exportableFor(QWidget* page) const;

 signals:
  void exportRequested(vpf::ExportableView* view);

 private:
  SamplingContext* m_context;
  ReconstructPanel* m_reconstruct;
  ChainPanel* m_chain;
  ConfabPanel* m_confab;
};

}  // namespace vpf
