#pragma once
// The "Filters" tab: the first-layer filters (or, for a DBM, the higher layers projected into pixel
// space through the lower weights) in the OpenGL atlas view, with a layer selector, contrast,
// per-filter/global normalisation, columns and fit-to-view. Exports through the CPU path.
#include "figures/colormap.h"
#include "ui/support/panel.h"
#include "ui/training/training_snapshot.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QSlider;
class QSpinBox;

namespace vpf {

class FilterAtlasView;

class FiltersPanel : public Panel {
  Q_OBJECT
 public:
  explicit FiltersPanel(QWidget* parent = nullptr);

  QString tabTitle() const override { return tr("Filters"); }
  QString tabToolTip() const override { return tr("Learned filters (paper Fig. 2)"); }
  void setSnapshot(const SnapshotPtr& snapshot) override;
  FilterAtlasView* view() const { return m_view; }
  int layer() const;  // 1 … ℓ
  void setLayer(int layer);
  void setContrast(float contrast);
  void setColormap(FilterColormap colormap);

  QString exportBaseName() const override { return QStringLiteral("filters"); }
  QString exportTitle() const override { return tr("Filters"); }
  FigureSize defaultFigureSize() const override { return {820, 900, 150}; }
  void exportFigure(const QString& path, const FigureSize& size) override;
  void exportCsv(const QString& path) override;
  QStringList exportAll(const QString& folder, const FigureSize& size) override;

 protected:
  void showEvent(QShowEvent* e) override;

 private:
  void apply();
  void updateLayerChoices();
  void updateInfo(int hovered = -1);
  std::shared_ptr<const Matrix> filtersOf(int layer) const;
  QString layerCaption(int layer) const;
  void exportLayerFigure(int layer, const QString& path, const FigureSize& size);
  void exportLayerCsv(int layer, const QString& path);

  SnapshotPtr m_snapshot;
  bool m_pending = false;
  FilterAtlasView* m_view;
  QComboBox* m_layer;
  QSlider* m_contrast;
  QLabel* m_contrastLabel;
  QCheckBox* m_perFilter;
  QComboBox* m_colormap;
  QSpinBox* m_columns;
  QLabel* m_info;
};

}  // namespace vpf
