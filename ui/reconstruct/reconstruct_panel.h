#pragma once
// The "Reconstruct" tab (issue #4 §1; DESIGN §6 clamped reconstruction, paper Table 1 and Fig. 4):
// pick a test image, corrupt it with a preset or by painting, and watch the model fill it in —
// original, corrupted (the chain's start: unknown pixels as Bernoulli(½) noise), reconstruction
// p(v|h) and the error heatmap with the L1 error. Every edit requests a reconstruction on the
// panel's worker (TaskRunner: request ids, stale results dropped). "Animate" plays the chain
// transition by transition. "Evaluate on test set" runs Table 1 (four patterns) on a second worker
// with progress and cancel; the table exports as CSV. Exports: figure PNG/SVG/PDF, per-pixel CSV,
// the four images as .npy.
// Files: reconstruct_panel.cpp (controls, editing, reconstruction), reconstruct_table1.cpp
// (Table 1), reconstruct_export.cpp (exports; figure by figures/sampling_figures.h).
#include <array>
#include <memory>
#include <vector>

#include "core/sampling/reconstruction.h"
#include "ui/reconstruct/corruption_editor.h"
#include "ui/support/panel.h"
#include "ui/support/sampling_context.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTimer;

namespace vpf {

class RefusalStack;

class ImageTile;
class PaintCanvas;
class TaskRunner;

struct Table1Row {
  QString pattern;
  double mean = 0, stddev = 0;
  int images = 0;
};

class ReconstructPanel : public Panel {
  Q_OBJECT
 public:
  explicit ReconstructPanel(SamplingContext* context, QWidget* parent = nullptr);
  ~ReconstructPanel() override;

  QString tabTitle() const override { return tr("Reconstruct"); }
  QString tabToolTip() const override {
    return tr("Corrupt or paint a test image and watch the model reconstruct it (paper Fig. 4, Table 1)");
  }
  SamplingContext& context() const { return *m_context; }

  // ---- state (for the chain panel and tests)
  CorruptionEditor& editor() { return m_editor; }
  int imageIndex() const;
  void setImageIndex(int index);
  int transitions() const;
  void setTransitions(int transitions);
  quint64 seed() const;
  void setSeed(quint64 seed);
  void setBrush(BrushMode mode, int size);
  void applyPreset(CorruptionPattern pattern);
  void undo();
  void redo();
  void clearMask();
  /// Number of test images the Table 1 evaluation uses (default all).
  void setEvaluationImages(int count);
  void setAnimate(bool on);
  /// How corrupted pixels start the chain: Bernoulli(½) noise (DESIGN §6, default) or zeros.
  void setCorruptionStart(CorruptionStart start);
  CorruptionStart corruptionStart() const;

  /// The last reconstruction on display (1 × n0) and the chain's start (corrupted image).
  const RowVector& reconstruction() const { return m_reconstruction; }
  const RowVector& corrupted() const { return m_corrupted; }
  double l1Error() const { return m_l1; }
  /// The request id of the reconstruction on display (0 before the first).
  quint64 displayedRequest() const { return m_displayed; }
  /// Latency (ms) from the mouse event of the displayed stroke to the repainted picture; < 0 when
  /// the displayed result was not caused by a stroke.
  double lastStrokeLatencyMs() const { return m_lastLatencyMs; }
  const std::vector<Table1Row>& table1() const { return m_table; }
  bool isEvaluating() const;
  PaintCanvas* canvas() const { return m_canvas; }
  ImageTile* reconstructionTile() const { return m_reconstructionTile; }

  QString exportBaseName() const override { return QStringLiteral("reconstruct"); }
  QString exportTitle() const override { return tr("Reconstruction"); }
  FigureSize defaultFigureSize() const override { return {1000, 360, 150}; }
  void exportFigure(const QString& path, const FigureSize& size) override;
  void exportCsv(const QString& path) override;  // per pixel
  /// Figure (3 formats), reconstruct.csv, reconstruct.npy (4 × n0) and table1.csv when evaluated.
  QStringList exportAll(const QString& folder, const FigureSize& size) override;
  void exportTable1Csv(const QString& path) const;

 public slots:
  void requestReconstruction();
  void evaluateTestSet();
  void cancelEvaluation();

 signals:
  void reconstructionShown(quint64 requestId);
  void evaluationFinished();
  void evaluationCancelled();
  void evaluationFailed(const QString& message);
  /// The painted state changed (the chain panel can start from it).
  void corruptionChanged();

 private:
  QWidget* buildControls();
  QWidget* buildEvaluation();
  void contextChanged();
  void loadImage();
  void editorChanged(qint64 eventNs = -1);
  void updateEditButtons();
  void showFrame(int frame);
  void showTable();
  void pickRandom();
  void pickByLabel();
  void waitForReconstruction();

  SamplingContext* m_context;
  CorruptionEditor m_editor;
  TaskRunner* m_runner;
  TaskRunner* m_evalRunner;
  quint64 m_contextVersion = 0;
  int m_defaultsFor = -1;  // algorithm whose default transitions are set
  quint64 m_displayed = 0;
  qint64 m_pendingEventNs = -1;
  double m_lastLatencyMs = -1;
  unsigned m_randomState = 12345;

  RowVector m_reconstruction, m_corrupted, m_error;
  std::vector<RowVector> m_frames;
  int m_frame = 0;
  double m_l1 = 0;
  std::vector<Table1Row> m_table;
  QString m_tableSettings;

  RefusalStack* m_stack;
  QLabel* m_modelLabel;
  QSpinBox* m_index;
  QLabel* m_labelText;
  QComboBox* m_labelFilter;
  QSpinBox* m_rows;
  QComboBox* m_brushMode;
  QSpinBox* m_brushSize;
  QPushButton *m_undo, *m_redo;
  QSpinBox* m_transitions;
  QSpinBox* m_seed;
  QCheckBox* m_animate;
  QComboBox* m_startMode;
  QCheckBox* m_showMask;
  QTimer* m_animationTimer;
  ImageTile* m_originalTile;
  PaintCanvas* m_canvas;
  ImageTile* m_reconstructionTile;
  ImageTile* m_errorTile;
  QLabel* m_frameLabel;

  QSpinBox* m_evalImages;
  QPushButton *m_evalButton, *m_evalCancel;
  QProgressBar* m_evalProgress;
  QTableWidget* m_tableWidget;
  QLabel* m_evalStatus;
};

}  // namespace vpf
