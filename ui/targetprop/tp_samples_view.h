#pragma once
// Samples view (Bengio et al. 2015, Fig. 3): a 10 × 10 grid of GENERATE samples, Alg. 2 or the
// directed baseline p(x|h)p(h), a rounds slider (0–10) with a film strip of one sample over the
// rounds, κ 4 or 16, and a Parzen button (1,000 × 1,000 by default, or 10,000 × 10,000 grey test
// images, σ 0.2) that shows ours next to the paper's 236 / 126. A model without a prior gets one
// fitted on 10,000 training images (or all) first. Results belong to one model and are cleared when
// it changes.
#include <memory>
#include <optional>

#include "core/metrics/parzen.h"
#include "core/targetprop/tp_model.h"
#include "ui/targetprop/tp_view.h"

class QComboBox;
class QLabel;
class QPushButton;
class QSlider;

namespace vpf {

class ImageTile;
class TaskRunner;

class TpSamplesView : public TpView {
  Q_OBJECT
 public:
  explicit TpSamplesView(QWidget* parent = nullptr);
  QString viewTitle() const override { return tr("Samples (Fig. 3)"); }
  void setSnapshot(const TpSnapshotPtr& snapshot) override;
  void setDataset(std::shared_ptr<const DataSplits> data) override;
  void refresh() override;
  bool isBusy() const override;
  /// The samples on display (count × n0), empty before the first.
  const Matrix& samples() const { return m_samples; }
  const std::optional<ParzenResult>& parzen() const { return m_parzen; }
  void runParzen();

  QString exportBaseName() const override { return QStringLiteral("tp-samples"); }
  QString exportTitle() const override { return tr("Target prop: GENERATE samples (Fig. 3)"); }
  FigureSize defaultFigureSize() const override { return {900, 700, 150}; }
  void exportFigure(const QString& path, const FigureSize& size) override;
  /// sample,p0,p1,…: the samples on display, one row each.
  void exportCsv(const QString& path) override;

 signals:
  void samplesShown();
  void parzenShown();

 private:
  struct Settings;
  Settings settings() const;
  void resample();
  void computeNow();
  void showSamples(const Matrix& samples, const std::vector<Matrix>& frames, const QString& note);
  void showParzen();
  std::shared_ptr<const targetprop::TpModel<float>> modelWithPrior(bool* fitted) const;

  TaskRunner *m_sampler, *m_parzenRunner;
  ImageTile *m_grid, *m_film;
  QComboBox *m_mode, *m_kappa, *m_parzenSize, *m_priorRows;
  QSlider* m_rounds;
  QLabel *m_roundsLabel, *m_status, *m_parzenLabel;
  QPushButton* m_parzenButton;
  std::shared_ptr<const targetprop::TpModel<float>> m_model, m_fitted;  // m_fitted: m_model with a prior
  bool m_binarised = false;
  quint64 m_modelVersion = 0;
  bool m_stale = true;
  Matrix m_samples;
  QString m_caption;
  std::optional<ParzenResult> m_parzen;
  QString m_parzenMode;
};

}  // namespace vpf
