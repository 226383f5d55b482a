#pragma once
// The "Filters" tab: the first-layer filters (or, for a DBM, the higher layers projected into pixel
// space through the lower weights) in the OpenGL atlas view, with a layer selector, contrast,
// per-filter/global normalisation, columns and fit-to-view. Exports through the CPU path.
#include <QWidget>

#include "ui/export/exportable_view.h"
#include "figures/colormap.h"
#include "ui/training/training_snapshot.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QSlider;
class QSpinBox;

namespace vpf {

class FilterAtlasView;

class FiltersPanel : public QWidget, public ExportableView {
  Q_OBJECT
 public:
  explicit FiltersPanel(QWidget* parent = nullptr);

  void setSnapshot(const SnapshotPtr& snapshot);
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

 signals:
  void exportRequested();

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
