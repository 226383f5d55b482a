#pragma once
// Filters view: the first 100 of W1's columns (recognition f1: what each h1 unit responds to) and
// of V1's rows (generation g1: what each h1 unit draws) as 28 × 28 tiles (figures/filter_grid.h),
// each tile scaled by its own largest |w|. Redrawn at most twice a second while training.
#include <QImage>

#include "core/targetprop/tp_model.h"
#include "ui/targetprop/tp_view.h"

class QTimer;

namespace vpf {

class ImageTile;

class TpFiltersView : public TpView {
  Q_OBJECT
 public:
  explicit TpFiltersView(QWidget* parent = nullptr);
  QString viewTitle() const override { return tr("Filters"); }
  void setSnapshot(const TpSnapshotPtr& snapshot) override;
  void refresh() override;
  const QImage& recognitionImage() const { return m_w1; }
  const QImage& generativeImage() const { return m_v1; }

  QString exportBaseName() const override { return QStringLiteral("tp-filters"); }
  QString exportTitle() const override { return tr("Target prop: W1 and V1 filters"); }
  FigureSize defaultFigureSize() const override { return {1200, 640, 150}; }
  void exportFigure(const QString& path, const FigureSize& size) override;
  /// layer,unit,pixel,weight for the tiles shown.
  void exportCsv(const QString& path) override;

 private:
  std::shared_ptr<const targetprop::TpModel<float>> m_model;
  quint64 m_drawnVersion = ~0ull, m_version = 0;
  QTimer* m_throttle;
  ImageTile *m_w1Tile, *m_v1Tile;
  QImage m_w1, m_v1;
};

}  // namespace vpf
