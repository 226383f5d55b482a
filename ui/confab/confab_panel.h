#pragma once
// The "Confabulate" tab (issue #4 §3; paper Alg. 2, DESIGN §6 and §7): a grid of confabulations
// with prior R (uniform top layer) or P (mean bottom-up activation of the training data), r Gibbs
// steps per layer and a seed, generated on the panel's worker; a slider steps through the descent
// (h_{i−1} projected to pixels after each level i = ℓ … 1, then the final p(h0|h1)). "Estimate
// log-likelihood" runs the Parzen-window estimate (σ = 0.2 or selected on training images
// 50,000–51,000; 10,000 samples and test images by default) on a second worker with progress and
// cancel and shows mean ± standard error with its settings. A second model can be loaded for a
// side-by-side comparison with the same seed and settings (e.g. DBM1 vs DBM2).
// "True log-likelihood (AIS)" estimates log p(v) itself on a third worker (RBM: exact given log Z;
// DBM: the mean-field lower bound; log Z by AIS, DESIGN §7) for the model and the comparison model.
// Files: confab_panel.cpp (controls, generation, comparison), confab_parzen.cpp (the Parzen
// estimate), confab_loglik.cpp (the AIS estimate), confab_export.cpp (exports; figure by
// figures/sampling_figures.h).
#include <memory>
#include <vector>

#include "core/likelihood/model_likelihood.h"
#include "core/metrics/parzen.h"
#include "core/sampling/confabulation.h"
#include "ui/support/panel.h"
#include "ui/support/sampling_context.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;

namespace vpf {

class RefusalStack;

class ImageTile;
class TaskRunner;

struct ParzenReport {
  QString model;
  ParzenResult result;
  ConfabulationPrior prior = ConfabulationPrior::Random;
  int r = 5;
  quint64 seed = 0;
  bool sigmaSelected = false;
  bool greyTest = true;  // test images as grey values (the paper's protocol) or binarised at `threshold`
  double threshold = 0.5;
};

struct LoglikReport {
  QString model;
  LikelihoodEstimate estimate;
  LikelihoodSettings settings;
};

class ConfabPanel : public Panel {
  Q_OBJECT
 public:
  explicit ConfabPanel(SamplingContext* context, QWidget* parent = nullptr);
  ~ConfabPanel() override;

  QString tabTitle() const override { return tr("Confabulate"); }
  QString tabToolTip() const override {
    return tr("Samples by paper Alg. 2 and their Parzen log-likelihood (paper Figs. 5–6, Table 2)");
  }
  SamplingContext& context() const { return *m_context; }

  void setCount(int count);
  void setPrior(ConfabulationPrior prior);
  void setSteps(int r);
  void setSeed(quint64 seed);
  void setParzenSamples(int n);
  void setParzenTestImages(int n);
  void setSigma(double sigma, bool select = false);

  /// A second model for the side-by-side comparison; throws vpf::Error (bad file, size mismatch).
  void setCompareModel(ModelPtr model, const QString& name);
  void loadCompareModel(const QString& path);
  void clearCompareModel();
  bool hasCompareModel() const { return m_modelB != nullptr; }

  /// The grid on display (count × n0) and its descent trace; the comparison model's likewise.
  const Matrix& samples() const { return m_samples; }
  const std::vector<Matrix>& trace() const { return m_trace; }
  const Matrix& compareSamples() const { return m_samplesB; }
  /// Shows descent level `level` (0 … trace().size()−1) or the final samples (trace().size()).
  void showLevel(int level);
  int levelCount() const { return static_cast<int>(m_trace.size()) + 1; }
  const std::vector<ParzenReport>& parzen() const { return m_parzen; }
  /// The AIS estimates of the current model (and the comparison model); cleared when the model changes.
  const std::vector<LoglikReport>& trueLogLikelihoods() const { return m_loglik; }
  void setAisSettings(int runs, int betas, int testImages);
  bool isEstimatingTrueLogLikelihood() const;
  bool isEstimating() const;
  bool isGenerating() const;
  ImageTile* gridTile() const { return m_gridA; }

  QString exportBaseName() const override { return QStringLiteral("confabulations"); }
  QString exportTitle() const override { return tr("Confabulations"); }
  FigureSize defaultFigureSize() const override { return {1000, 560, 150}; }
  void exportFigure(const QString& path, const FigureSize& size) override;
  /// The Parzen estimates when there are any, else the samples (one row per sample).
  void exportCsv(const QString& path) override;
  /// Figure (3 formats), confabulations.csv, confabulations.npy (+ -compare.npy), parzen.csv, loglik.csv.
  QStringList exportAll(const QString& folder, const FigureSize& size) override;

 public slots:
  void regenerate();
  void estimateLogLikelihood();
  void cancelEstimate();
  void estimateTrueLogLikelihood();
  void cancelTrueLogLikelihood();

 signals:
  void samplesShown();
  void estimateFinished();
  void estimateCancelled();
  void estimateFailed(const QString& message);
  void trueLogLikelihoodFinished();
  void trueLogLikelihoodFailed(const QString& message);

 private:
  QWidget* buildControls();
  QWidget* buildParzen();
  QWidget* buildLoglik();
  void showLoglik();
  void dropCompareLoglik();  // keeps only the current model's AIS result
  void contextChanged();
  void showParzen();
  void chooseCompareModel();
  QString settingsText() const;
  void waitForSamples();

  SamplingContext* m_context;
  TaskRunner* m_runner;
  TaskRunner* m_parzenRunner;
  TaskRunner* m_loglikRunner;
  quint64 m_contextVersion = 0;
  ModelPtr m_modelB;
  QString m_nameB;
  std::shared_ptr<const std::vector<RowVector>> m_meansA, m_meansB;
  ModelPtr m_meansFor;
  Matrix m_samples, m_samplesB;
  std::vector<Matrix> m_trace, m_traceB;
  int m_level = 0;
  std::vector<ParzenReport> m_parzen;
  std::vector<LoglikReport> m_loglik;
  QString m_shownSettings;

  RefusalStack* m_stack;
  QLabel* m_modelLabel;
  QSpinBox* m_count;
  QComboBox* m_prior;
  QSpinBox* m_r;
  QSpinBox* m_seed;
  QSlider* m_levelSlider;
  QLabel* m_levelLabel;
  QLabel* m_priorNotice;  // says when priors R and P give the same samples
  ImageTile* m_gridA;
  ImageTile* m_gridB;
  QPushButton* m_clearCompare;
  QSpinBox* m_parzenSamples;
  QSpinBox* m_parzenTest;
  QDoubleSpinBox* m_sigma;
  QCheckBox* m_selectSigma;
  QComboBox* m_testPixels;
  QPushButton *m_estimate, *m_cancel;
  QProgressBar* m_progress;
  QLabel* m_parzenLabel;
  QSpinBox *m_aisRuns, *m_aisBetas, *m_aisTest;
  QPushButton *m_aisEstimate, *m_aisCancel;
  QProgressBar* m_aisProgress;
  QLabel* m_aisLabel = nullptr;
};

}  // namespace vpf
