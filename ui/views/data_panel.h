#pragma once
// The "Data" tab: a grid of sample images as loaded (grey) and binarised with the current
// threshold (what the models are trained on), and the number of images per class.
#include <memory>

#include "core/data/dataset.h"
#include "ui/support/panel.h"

class QComboBox;
class QCustomPlot;
class QLabel;
class QSpinBox;

namespace vpf {

class ImageGridWidget;

class DataPanel : public Panel {
  Q_OBJECT
 public:
  explicit DataPanel(QWidget* parent = nullptr);

  QString tabTitle() const override { return tr("Data"); }
  QString tabToolTip() const override { return tr("The data set: sample images and class counts"); }
  void setDataset(std::shared_ptr<const DataSplits> data, const QString& title) override { setData(data, title); }
  /// Binarised samples follow the model panel's threshold.
  void setTrainingConfig(const TrainingConfig& config) override { setThreshold(config.binarizeThreshold); }

  void setData(std::shared_ptr<const DataSplits> data, const QString& title);
  void setThreshold(double threshold);
  std::shared_ptr<const DataSplits> data() const { return m_data; }
  const QImage& originalImage() const;
  const QImage& binarizedImage() const;

  QString exportBaseName() const override { return QStringLiteral("data-samples"); }
  QString exportTitle() const override { return tr("Data"); }
  FigureSize defaultFigureSize() const override { return {1000, 560, 150}; }
  void exportFigure(const QString& path, const FigureSize& size) override;  // both sample grids
  void exportCsv(const QString& path) override;                             // class counts
  QStringList exportAll(const QString& folder, const FigureSize& size) override;

 private:
  void rebuild();
  Matrix sampleRows() const;

  std::shared_ptr<const DataSplits> m_data;
  QString m_title;
  double m_threshold = 0.5;
  unsigned m_sampleSeed = 0;
  QComboBox* m_split;
  QComboBox* m_order;
  QSpinBox* m_count;
  QLabel* m_summary;
  ImageGridWidget* m_original;
  ImageGridWidget* m_binarized;
  QCustomPlot* m_counts;
};

}  // namespace vpf
