#pragma once
// One view of the Target prop tab (DESIGN §20): it takes the newest training snapshot and the
// opened data set, and exports its figure and data like every tab (ExportableView). Views that
// compute (inference curves, samples, inpainting) do it on a TaskRunner of their own from the
// snapshot's model, and only when shown (refresh() is called when the view becomes visible).
#include <QWidget>
#include <memory>

#include "core/data/dataset.h"
#include "ui/export/exportable_view.h"
#include "ui/targetprop/tp_snapshot.h"

namespace vpf {

class TpView : public QWidget, public ExportableView {
  Q_OBJECT
 public:
  using QWidget::QWidget;
  /// The tab's title of this view ("Curves", …).
  virtual QString viewTitle() const = 0;
  virtual void setSnapshot(const TpSnapshotPtr& snapshot) = 0;
  virtual void setDataset(std::shared_ptr<const DataSplits> data) { m_data = std::move(data); }
  /// The view was shown or its inputs changed while hidden: bring it up to date.
  virtual void refresh() {}
  /// Whether a computation is running (tests wait on it).
  virtual bool isBusy() const { return false; }

 protected:
  /// Why the data set cannot feed a model with `visible` units; empty when it can.
  static QString pixelMismatch(const DataSplits& data, Eigen::Index visible) {
    if (data.train.images.cols() == visible) return {};
    return tr("The data set's images have %1 pixels, the model %2.").arg(data.train.images.cols()).arg(visible);
  }

  std::shared_ptr<const DataSplits> m_data;
};

}  // namespace vpf
