#pragma once
// The "Gibbs chain" tab (issue #4 §2; DESIGN §6): a core GibbsChain started from a test image, the
// painted image of the Reconstruct tab, or noise, advanced on the panel's worker thread by Step,
// Sub-step (one layer update — for DBM2 each hidden layer's asynchronous intra-layer sweep, paper
// eq. 5, is its own sub-step) or Run at a chosen speed. Shows every layer's probabilities and
// samples, a film strip of the last N visible samples and the energy (and, for RBMs, the free
// energy) along the chain. Clamping keeps the known pixels of the painted corruption fixed.
// Requested steps are queued and run in order (none is dropped), so N clicks advance N steps.
// Files: chain_panel.cpp (controls, requests, display), chain_export.cpp (exports; figure by
// figures/sampling_figures.h).
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "ui/reconstruct/corruption_editor.h"
#include "ui/support/panel.h"
#include "ui/support/sampling_context.h"

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QGridLayout;
class QLabel;
class QPushButton;
class QSpinBox;
class QTimer;

namespace vpf {

class RefusalStack;

class ImageTile;
class TaskRunner;
struct ChainHolder;

/// The chain as last shown: per layer (1 × n_l) samples and the probabilities they were drawn from.
struct ChainFrame {
  std::vector<RowVector> samples, probs;
  long long steps = 0;
  int subStep = 0;         // next sub-step within the transition
  int lastLayer = -1;      // the layer the last sub-step updated (−1 after a reset)
  bool dbm2Sweep = false;  // that update was an asynchronous intra-layer sweep
};

class ChainPanel : public Panel {
  Q_OBJECT
 public:
  enum class Start { TestImage = 0, Painted = 1, Noise = 2 };

  explicit ChainPanel(SamplingContext* context, QWidget* parent = nullptr);
  ~ChainPanel() override;

  QString tabTitle() const override { return tr("Gibbs chain"); }
  QString tabToolTip() const override { return tr("Step a Gibbs chain layer by layer"); }
  SamplingContext& context() const { return *m_context; }

  /// Where "painted image" comes from (the Reconstruct tab's corruption); may return nullopt.
  void setPaintedSource(std::function<std::optional<CorruptionState>()> source);

  void setStart(Start start);
  void setImageIndex(int index);
  void setSeed(quint64 seed);
  void setClamp(bool on);
  void setHistoryLength(int n);
  void setSpeed(int stepsPerSecond);

  const ChainFrame& frame() const { return m_frame; }
  long long stepCount() const { return m_frame.steps; }
  /// Steps/sub-steps asked for but not yet shown, or a reset in progress.
  bool isBusy() const;
  bool isRunning() const;
  const std::deque<RowVector>& history() const { return m_history; }
  const std::vector<double>& energies() const { return m_energies; }
  const std::vector<double>& freeEnergies() const { return m_freeEnergies; }
  /// The visible start of the current chain.
  const RowVector& startImage() const { return m_startImage; }

  QString exportBaseName() const override { return QStringLiteral("gibbs-chain"); }
  QString exportTitle() const override { return tr("Gibbs chain"); }
  FigureSize defaultFigureSize() const override { return {1100, 520, 150}; }
  void exportFigure(const QString& path, const FigureSize& size) override;
  void exportCsv(const QString& path) override;  // energy along the chain
  /// Figure, energy plot (3 formats each), gibbs-chain.csv, gibbs-chain-history.npy.
  QStringList exportAll(const QString& folder, const FigureSize& size) override;

 public slots:
  void reset();
  void step(int count = 1);
  void subStep();
  void run();
  void pause();

 signals:
  void frameShown();
  void chainFailed(const QString& message);

 private:
  QWidget* buildControls();
  void contextChanged();
  void pump();
  void showFrame();
  void rebuildLayerTiles();
  void updateCounter();
  void updatePlot();
  void waitForChain();

  SamplingContext* m_context;
  TaskRunner* m_runner;
  std::shared_ptr<ChainHolder> m_holder;
  std::function<std::optional<CorruptionState>()> m_painted;
  quint64 m_contextVersion = 0;
  bool m_resetQueued = false;
  int m_queuedSubSteps = 0;   // requested, not yet given to the worker
  long long m_requested = 0;  // sub-steps requested since the reset (absolute position)
  bool m_clampChanged = false;
  ChainFrame m_frame;
  RowVector m_startImage;
  std::deque<RowVector> m_history;
  std::vector<double> m_energies, m_freeEnergies;
  std::vector<long long> m_energySteps;
  int m_layersShown = 0;
  bool m_isRbm = true;

  RefusalStack* m_stack;
  QLabel* m_modelLabel;
  QComboBox* m_start;
  QSpinBox* m_index;
  QSpinBox* m_seed;
  QCheckBox* m_clamp;
  QSpinBox* m_speed;
  QSpinBox* m_historyLength;
  QPushButton* m_runButton;
  QLabel* m_counter;
  QTimer* m_runTimer;
  QGridLayout* m_layerGrid;
  std::vector<ImageTile*> m_probTiles, m_sampleTiles;
  ImageTile* m_film;
  QCustomPlot* m_plot;
};

}  // namespace vpf
