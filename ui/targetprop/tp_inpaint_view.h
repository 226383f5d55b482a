#pragma once
// Inpaint view (Bengio et al. 2015, Fig. 5): 8 test images, each as original | start | result, with
// the mean L1 error over the missing pixels as its footer. Masks: random 50 % (seeded), Top /
// Bottom / Left / Right 12 rows or columns (paper Table 1's patterns), or painted with the mouse on
// the first image and applied to all eight; a slider walks the 20 outer steps.
#include <memory>

#include "core/targetprop/tp_model.h"
#include "ui/targetprop/tp_view.h"

class QComboBox;
class QLabel;
class QSlider;

namespace vpf {

class CorruptionEditor;
class ImageTile;
class PaintCanvas;
class TaskRunner;

class TpInpaintView : public TpView {
  Q_OBJECT
 public:
  explicit TpInpaintView(QWidget* parent = nullptr);
  ~TpInpaintView() override;
  QString viewTitle() const override { return tr("Inpaint (Fig. 5)"); }
  void setSnapshot(const TpSnapshotPtr& snapshot) override;
  void setDataset(std::shared_ptr<const DataSplits> data) override;
  void refresh() override;
  bool isBusy() const override;
  /// Mean L1 error over the missing pixels of each image at the slider's step (empty before a run).
  std::vector<double> errors() const;
  /// 1 = missing, one row per image.
  const Matrix& mask() const { return m_mask; }
  const Matrix& original() const { return m_original; }
  /// x^s of every image, s = 0 … steps.
  const std::vector<Matrix>& frames() const { return m_frames; }
  QSlider* stepSlider() const { return m_step; }

  QString exportBaseName() const override { return QStringLiteral("tp-inpaint"); }
  QString exportTitle() const override { return tr("Target prop: inpainting (Fig. 5)"); }
  FigureSize defaultFigureSize() const override { return {1100, 520, 150}; }
  void exportFigure(const QString& path, const FigureSize& size) override;
  /// image,step,l1_missing for every image and step.
  void exportCsv(const QString& path) override;

 signals:
  void inpainted();

 private:
  void rebuild();
  Matrix currentMask() const;
  void computeNow();
  void showStep();

  TaskRunner* m_runner;
  QComboBox* m_maskKind;
  QSlider* m_step;
  QLabel *m_stepLabel, *m_status;
  std::unique_ptr<CorruptionEditor> m_editor;
  PaintCanvas* m_canvas;
  std::vector<ImageTile*> m_tiles;
  std::shared_ptr<const targetprop::TpModel<float>> m_model;
  quint64 m_modelVersion = 0;
  bool m_stale = true;
  Matrix m_original, m_mask;
  std::vector<Matrix> m_frames;
};

}  // namespace vpf
