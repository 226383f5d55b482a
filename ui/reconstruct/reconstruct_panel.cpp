#include "ui/reconstruct/reconstruct_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QEventLoop>
#include <QFileDialog>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <array>
#include <cmath>

#include "core/common/error.h"
#include "core/common/paper_reference.h"
#include "core/io/csv_writer.h"
#include "core/io/npy.h"
#include "core/sampling/reconstruction.h"
#include "figures/filter_grid.h"
#include "figures/pixel_images.h"
#include "ui/reconstruct/paint_canvas.h"
#include "ui/support/image_tile.h"
#include "ui/support/refusal_stack.h"
#include "ui/support/task_runner.h"

namespace vpf {

namespace {

struct ReconstructionResult {
  RowVector start, result;
  std::vector<RowVector> frames;
};

constexpr std::array<CorruptionPattern, 4> kPatterns = {CorruptionPattern::Top, CorruptionPattern::Bottom,
                                                        CorruptionPattern::Left, CorruptionPattern::Right};

QPushButton* button(const QString& text, const QString& name, const QString& tip = QString()) {
  auto* b = new QPushButton(text);
  b->setObjectName(name);
  if (!tip.isEmpty()) b->setToolTip(tip);
  return b;
}

QSpinBox* spin(int lo, int hi, int value, const QString& name) {
  auto* s = new QSpinBox;
  s->setRange(lo, hi);
  s->setValue(value);
  s->setObjectName(name);
  return s;
}

}  // namespace

ReconstructPanel::ReconstructPanel(SamplingContext* context, QWidget* parent)
    : Panel(parent), m_context(context), m_runner(new TaskRunner(this)), m_evalRunner(new TaskRunner(this)) {
  m_originalTile = new ImageTile(tr("Original"));
  m_canvas = new PaintCanvas(&m_editor);
  m_canvas->setObjectName(QStringLiteral("paintCanvas"));
  m_canvas->setCaption(tr("Corrupted — paint here"));
  m_canvas->setToolTip(tr("Drag to paint with the brush; red = corrupted pixels (unknown to the model)"));
  m_reconstructionTile = new ImageTile(tr("Reconstruction p(v|h)"));
  m_errorTile = new ImageTile(tr("Error |x − x̂|"));
  for (ImageTile* t : {m_originalTile, static_cast<ImageTile*>(m_canvas), m_reconstructionTile, m_errorTile})
    t->setPreferredScale(8);
  m_frameLabel = new QLabel;
  m_frameLabel->setObjectName(QStringLiteral("frameLabel"));
  m_frameLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  m_frameLabel->setWordWrap(true);

  auto* images = new QHBoxLayout;
  images->addWidget(m_originalTile);
  images->addWidget(m_canvas);
  images->addWidget(m_reconstructionTile);
  images->addWidget(m_errorTile);

  m_modelLabel = new QLabel;
  m_modelLabel->setObjectName(QStringLiteral("modelLabel"));
  m_modelLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  m_modelLabel->setWordWrap(true);
  auto* content = new QWidget;
  auto* v = new QVBoxLayout(content);
  v->addWidget(m_modelLabel);
  v->addWidget(buildControls());
  v->addLayout(images, 3);
  v->addWidget(m_frameLabel);
  v->addWidget(buildEvaluation(), 2);

  m_stack = new RefusalStack(content);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_stack);

  m_animationTimer = new QTimer(this);
  m_animationTimer->setInterval(120);
  connect(m_animationTimer, &QTimer::timeout, this, [this] {
    if (m_frame + 1 >= static_cast<int>(m_frames.size())) {
      m_animationTimer->stop();
      return;
    }
    showFrame(m_frame + 1);
  });

  connect(m_canvas, &PaintCanvas::strokeChanged, this, [this](qint64 t) { editorChanged(t); });
  connect(m_canvas, &PaintCanvas::strokeFinished, this, &ReconstructPanel::updateEditButtons);
  connect(m_context, &SamplingContext::changed, this, &ReconstructPanel::contextChanged);
  contextChanged();
}

ReconstructPanel::~ReconstructPanel() = default;

QWidget* ReconstructPanel::buildControls() {
  auto* w = new QWidget;
  auto* grid = new QGridLayout(w);
  grid->setContentsMargins(0, 0, 0, 0);

  // Row 0: the image.
  m_index = spin(0, 0, 0, QStringLiteral("imageIndex"));
  m_index->setToolTip(tr("Index of the test image"));
  m_labelText = new QLabel;
  auto* random = button(tr("Random"), QStringLiteral("randomImage"), tr("A random test image"));
  m_labelFilter = new QComboBox;
  m_labelFilter->setObjectName(QStringLiteral("labelFilter"));
  for (int d = 0; d <= 9; ++d) m_labelFilter->addItem(tr("label %1").arg(d));
  auto* byLabel =
      button(tr("Next with label"), QStringLiteral("nextWithLabel"), tr("The next test image with the chosen label"));
  connect(m_index, &QSpinBox::valueChanged, this, &ReconstructPanel::loadImage);
  connect(random, &QPushButton::clicked, this, &ReconstructPanel::pickRandom);
  connect(byLabel, &QPushButton::clicked, this, &ReconstructPanel::pickByLabel);
  auto* imageRow = new QHBoxLayout;
  imageRow->addWidget(new QLabel(tr("Test image")));
  imageRow->addWidget(m_index);
  imageRow->addWidget(m_labelText);
  imageRow->addWidget(random);
  imageRow->addWidget(m_labelFilter);
  imageRow->addWidget(byLabel);
  imageRow->addStretch(1);

  // Row 1: presets and the brush.
  m_rows = spin(0, 28, 12, QStringLiteral("presetRows"));
  m_rows->setToolTip(tr("Rows/columns a preset corrupts (paper: 12)"));
  auto* presetRow = new QHBoxLayout;
  presetRow->addWidget(new QLabel(tr("Corrupt")));
  for (CorruptionPattern p : kPatterns) {
    const QString name = QString::fromStdString(patternName(p));
    auto* b = button(name, QStringLiteral("preset") + name,
                     tr("Corrupt the rows/columns at the %1 edge (count on the right)").arg(name.toLower()));
    connect(b, &QPushButton::clicked, this, [this, p] { applyPreset(p); });
    presetRow->addWidget(b);
  }
  presetRow->addWidget(m_rows);
  presetRow->addWidget(new QLabel(tr("rows/cols")));
  presetRow->addStretch(1);
  auto* brushRow = new QHBoxLayout;
  brushRow->addWidget(new QLabel(tr("Brush")));
  m_brushMode = new QComboBox;
  m_brushMode->setObjectName(QStringLiteral("brushMode"));
  m_brushMode->addItems({tr("noise (corrupt)"), tr("set 0"), tr("set 1"), tr("restore")});
  m_brushSize = spin(1, 10, 2, QStringLiteral("brushSize"));
  m_brushSize->setSuffix(tr(" px"));
  auto brushChanged = [this] {
    m_editor.setBrush(static_cast<BrushMode>(m_brushMode->currentIndex()), m_brushSize->value());
  };
  connect(m_brushMode, &QComboBox::currentIndexChanged, this, brushChanged);
  connect(m_brushSize, &QSpinBox::valueChanged, this, brushChanged);
  brushChanged();
  m_undo = button(tr("Undo"), QStringLiteral("undoButton"));
  m_redo = button(tr("Redo"), QStringLiteral("redoButton"));
  m_undo->setShortcut(QKeySequence::Undo);
  m_redo->setShortcut(QKeySequence::Redo);
  auto* clear = button(tr("Clear"), QStringLiteral("clearButton"), tr("Remove every corruption"));
  connect(m_undo, &QPushButton::clicked, this, &ReconstructPanel::undo);
  connect(m_redo, &QPushButton::clicked, this, &ReconstructPanel::redo);
  connect(clear, &QPushButton::clicked, this, &ReconstructPanel::clearMask);
  m_showMask = new QCheckBox(tr("show mask"));
  m_showMask->setChecked(true);
  connect(m_showMask, &QCheckBox::toggled, m_canvas, &PaintCanvas::setShowMask);
  brushRow->addWidget(m_brushMode);
  brushRow->addWidget(m_brushSize);
  brushRow->addWidget(m_undo);
  brushRow->addWidget(m_redo);
  brushRow->addWidget(clear);
  brushRow->addWidget(m_showMask);
  brushRow->addStretch(1);

  // Row 2: sampling.
  m_transitions = spin(1, 100000, 2, QStringLiteral("transitions"));
  m_transitions->setToolTip(tr("Gibbs transitions (paper: 2 for VPF, 1000 for CD/PCD)"));
  m_seed = spin(0, 2000000000, 42, QStringLiteral("seed"));
  m_animate = new QCheckBox(tr("animate"));
  m_animate->setObjectName(QStringLiteral("animate"));
  m_animate->setToolTip(tr("Show the chain transition by transition"));
  auto* replay = button(tr("Replay"), QStringLiteral("replayButton"), tr("Play the transitions again"));
  connect(replay, &QPushButton::clicked, this, [this] {
    if (m_frames.empty()) return;
    showFrame(0);
    m_animationTimer->start();
  });
  m_startMode = new QComboBox;
  m_startMode->setObjectName(QStringLiteral("corruptionStart"));
  m_startMode->addItems({tr("noise"), tr("zeros")});
  m_startMode->setToolTip(
      tr("Corrupted pixels start the chain as Bernoulli(½) noise (DESIGN §6) or switched off "
         "(vpf reconstruct --start)"));
  connect(m_startMode, &QComboBox::currentIndexChanged, this, &ReconstructPanel::requestReconstruction);
  connect(m_transitions, &QSpinBox::valueChanged, this, &ReconstructPanel::requestReconstruction);
  connect(m_seed, &QSpinBox::valueChanged, this, &ReconstructPanel::requestReconstruction);
  connect(m_animate, &QCheckBox::toggled, this, &ReconstructPanel::requestReconstruction);
  auto* samplingRow = new QHBoxLayout;
  samplingRow->addWidget(new QLabel(tr("Gibbs transitions")));
  samplingRow->addWidget(m_transitions);
  samplingRow->addWidget(new QLabel(tr("seed")));
  samplingRow->addWidget(m_seed);
  samplingRow->addWidget(new QLabel(tr("corrupted pixels start as")));
  samplingRow->addWidget(m_startMode);
  samplingRow->addWidget(m_animate);
  samplingRow->addWidget(replay);
  samplingRow->addStretch(1);

  grid->addLayout(imageRow, 0, 0);
  grid->addLayout(presetRow, 1, 0);
  grid->addLayout(brushRow, 2, 0);
  grid->addLayout(samplingRow, 3, 0);
  updateEditButtons();
  return w;
}

QWidget* ReconstructPanel::buildEvaluation() {
  auto* box = new QGroupBox(tr("Paper Table 1: mean L1 error on the test set"));
  auto* v = new QVBoxLayout(box);
  auto* row = new QHBoxLayout;
  m_evalImages = spin(1, 1000000, 10000, QStringLiteral("evaluationImages"));
  m_evalImages->setToolTip(tr("Use the first N test images (paper: all 10,000)"));
  m_evalButton = button(tr("Evaluate on test set"), QStringLiteral("evaluateButton"),
                        tr("All four patterns (Top/Bottom/Left/Right, the preset rows) with the transitions and seed "
                           "above — the same computation as `vpf reconstruct`"));
  m_evalCancel = button(tr("Cancel"), QStringLiteral("cancelEvaluation"));
  m_evalProgress = new QProgressBar;
  m_evalProgress->setObjectName(QStringLiteral("evaluationProgress"));
  m_evalProgress->setRange(0, 1000);
  auto* exportTable = button(tr("Export table…"), QStringLiteral("exportTable"));
  auto* exportView = button(tr("Export…"), QStringLiteral("exportButton"), tr("Export the figure or its data"));
  connect(m_evalButton, &QPushButton::clicked, this, &ReconstructPanel::evaluateTestSet);
  connect(m_evalCancel, &QPushButton::clicked, this, &ReconstructPanel::cancelEvaluation);
  connect(exportView, &QPushButton::clicked, this, &ReconstructPanel::exportRequested);
  connect(exportTable, &QPushButton::clicked, this, [this] {
    if (m_table.empty()) return;
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export Table 1"), QStringLiteral("table1.csv"), tr("CSV (*.csv)"));
    if (path.isEmpty()) return;
    try {
      exportTable1Csv(path);
    } catch (const std::exception& e) {
      m_evalStatus->setText(tr("Export failed: %1").arg(QString::fromUtf8(e.what())));
    }
  });
  row->addWidget(new QLabel(tr("test images")));
  row->addWidget(m_evalImages);
  row->addWidget(m_evalButton);
  row->addWidget(m_evalCancel);
  row->addStretch(1);
  row->addWidget(exportTable);
  row->addWidget(exportView);
  m_tableWidget = new QTableWidget(0, 5);
  m_tableWidget->setObjectName(QStringLiteral("table1"));
  m_tableWidget->setHorizontalHeaderLabels(
      {tr("Corruption"), tr("mean L1 error"), tr("std. dev."), tr("images"), tr("paper (same algorithm)")});
  m_tableWidget->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  m_tableWidget->verticalHeader()->setVisible(false);
  m_tableWidget->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_evalStatus = new QLabel;
  m_evalStatus->setObjectName(QStringLiteral("evaluationStatus"));
  m_evalStatus->setWordWrap(true);
  v->addLayout(row);
  v->addWidget(m_evalProgress);
  v->addWidget(m_evalStatus);
  v->addWidget(m_tableWidget, 1);

  connect(m_evalRunner, &TaskRunner::progress, this,
          [this](quint64, double f) { m_evalProgress->setValue(static_cast<int>(f * 1000)); });
  connect(m_evalRunner, &TaskRunner::busyChanged, this, [this](bool busy) {
    m_evalButton->setEnabled(!busy);
    m_evalCancel->setEnabled(busy);
  });
  connect(m_evalRunner, &TaskRunner::cancelled, this, [this] {
    m_evalStatus->setText(tr("Evaluation cancelled; the table keeps the previous result."));
    m_evalProgress->setValue(0);
    emit evaluationCancelled();
  });
  connect(m_evalRunner, &TaskRunner::failed, this, [this](quint64, const QString& message) {
    m_evalStatus->setText(tr("Evaluation failed: %1").arg(message));
    emit evaluationFailed(message);
  });
  m_evalCancel->setEnabled(false);
  return box;
}

// ---------------------------------------------------------------------------------------------

void ReconstructPanel::contextChanged() {
  const QString refusal = m_context->refusal();
  m_stack->setRefusal(refusal);
  if (!refusal.isEmpty()) {
    m_runner->cancel();
    return;
  }
  if (m_contextVersion == m_context->version()) return;
  const bool firstModel = m_contextVersion == 0 || m_modelLabel->text().isEmpty();
  m_contextVersion = m_context->version();
  m_modelLabel->setText(tr("Model: %1 — data: %2 test images of %3")
                            .arg(m_context->modelDescription())
                            .arg(m_context->testImages()->rows())
                            .arg(m_context->dataTitle()));
  // The paper's transitions for the algorithm, when it changes (user settings survive new snapshots).
  if (m_defaultsFor != static_cast<int>(m_context->config().algorithm)) {
    m_defaultsFor = static_cast<int>(m_context->config().algorithm);
    const QSignalBlocker block(m_transitions);
    m_transitions->setValue(m_context->defaultTransitions());
  }
  const int testRows = static_cast<int>(m_context->testImages()->rows());
  m_index->setMaximum(testRows - 1);
  const bool allImages = m_evalImages->value() >= m_evalImages->maximum();
  m_evalImages->setMaximum(testRows);
  if (allImages || firstModel) m_evalImages->setValue(testRows);
  const bool sameImage = m_editor.original().size() == m_context->testImages()->cols() &&
                         m_editor.original() == m_context->testImages()->row(m_index->value());
  if (!sameImage) {
    loadImage();
    if (firstModel) m_editor.applyPreset(CorruptionPattern::Bottom, m_rows->value());  // something to look at
  }
  editorChanged();
}

void ReconstructPanel::loadImage() {
  const MatrixPtr test = m_context->testImages();
  if (!test || m_index->value() >= test->rows()) return;
  m_editor.setOriginal(test->row(m_index->value()), m_context->imageRows(), m_context->imageCols());
  const int label = m_context->testLabel(m_index->value());
  m_labelText->setText(label >= 0 ? tr("label %1").arg(label) : QString());
  m_originalTile->setImage(greyImage(m_editor.original(), m_editor.rows(), m_editor.cols()));
  // Paintable at once; the chain's start (with the noise) replaces it when the result arrives.
  m_canvas->setImage(greyImage(m_editor.original(), m_editor.rows(), m_editor.cols()));
  editorChanged();
}

void ReconstructPanel::pickRandom() {
  const MatrixPtr test = m_context->testImages();
  if (!test || test->rows() == 0) return;
  m_randomState = m_randomState * 1103515245u + 12345u;
  m_index->setValue(static_cast<int>((m_randomState >> 8) % static_cast<unsigned>(test->rows())));
}

void ReconstructPanel::pickByLabel() {
  const MatrixPtr test = m_context->testImages();
  if (!test) return;
  const int n = static_cast<int>(test->rows()), wanted = m_labelFilter->currentIndex();
  for (int k = 1; k <= n; ++k) {
    const int i = (m_index->value() + k) % n;
    if (m_context->testLabel(i) == wanted) {
      m_index->setValue(i);
      return;
    }
  }
  m_labelText->setText(tr("no test image has label %1").arg(wanted));
}

void ReconstructPanel::editorChanged(qint64 eventNs) {
  m_pendingEventNs = eventNs;
  m_canvas->update();
  updateEditButtons();
  requestReconstruction();
  emit corruptionChanged();
}

void ReconstructPanel::updateEditButtons() {
  m_undo->setEnabled(m_editor.canUndo());
  m_redo->setEnabled(m_editor.canRedo());
}

void ReconstructPanel::requestReconstruction() {
  const ModelPtr model = m_context->model();
  if (!model || m_editor.original().size() != model->sizes[0]) return;
  const CorruptionState state = m_editor.state();
  const int transitions = m_transitions->value();
  const quint64 seed = static_cast<quint64>(m_seed->value());
  const bool animate = m_animate->isChecked();
  const CorruptionStart start = corruptionStart();
  const qint64 eventNs = m_pendingEventNs;
  m_pendingEventNs = -1;
  const RowVector original = m_editor.original();
  m_runner->submit(
      [model, state, transitions, seed, animate, start](const TaskRunner::Progress&) -> std::any {
        // Exactly the core's reconstructMasked for one image with this seed (DESIGN §6).
        Rng rng(seed);
        std::vector<Matrix> frames;
        Matrix chainStart;
        ReconstructionResult r;
        r.result = reconstructMasked(*model, state.input, state.mask, transitions, rng, start,
                                     animate ? &frames : nullptr, &chainStart);
        r.start = chainStart;
        for (const Matrix& f : frames) r.frames.push_back(f);
        return r;
      },
      [this, eventNs, original](std::any any) {
        auto r = std::any_cast<ReconstructionResult>(std::move(any));
        if (original != m_editor.original()) return;  // the image changed meanwhile
        m_displayed = m_runner->latestRequest();
        m_corrupted = r.start;
        m_reconstruction = r.result;
        m_error = (m_editor.original() - m_reconstruction).cwiseAbs();
        m_l1 = m_error.sum();
        m_frames = std::move(r.frames);
        m_canvas->setImage(greyImage(m_corrupted, m_editor.rows(), m_editor.cols()));
        if (!m_frames.empty()) {
          showFrame(0);
          m_animationTimer->start();
        } else {
          showFrame(-1);
        }
        if (eventNs >= 0) {
          m_canvas->repaint();
          m_reconstructionTile->repaint();
          m_errorTile->repaint();
          m_lastLatencyMs = static_cast<double>(PaintCanvas::nowNs() - eventNs) / 1e6;
        } else {
          m_lastLatencyMs = -1;
        }
        emit reconstructionShown(m_displayed);
      });
}

void ReconstructPanel::showFrame(int frame) {
  // frame < 0: the final result; else transition `frame` of the animation.
  const bool animating = frame >= 0 && frame < static_cast<int>(m_frames.size());
  m_frame = animating ? frame : static_cast<int>(m_frames.size());
  const RowVector& shown = animating ? m_frames[static_cast<std::size_t>(frame)] : m_reconstruction;
  const RowVector error = (m_editor.original() - shown).cwiseAbs();
  m_reconstructionTile->setImage(greyImage(shown, m_editor.rows(), m_editor.cols()));
  m_errorTile->setImage(heatImage(error, m_editor.rows(), m_editor.cols()));
  m_errorTile->setFooter(tr("L1 error %1").arg(error.sum(), 0, 'f', 2));
  const int corrupted = static_cast<int>(m_editor.state().mask.sum());
  m_reconstructionTile->setFooter(animating ? tr("transition %1 of %2").arg(frame + 1).arg(m_frames.size())
                                            : tr("%1 transitions").arg(m_transitions->value()));
  m_frameLabel->setText(tr("%1 corrupted pixels (start as %2); %3 Gibbs transitions, seed %4.")
                            .arg(corrupted)
                            .arg(corruptionStart() == CorruptionStart::Noise ? tr("Bernoulli(½) noise") : tr("zeros"))
                            .arg(m_transitions->value())
                            .arg(m_seed->value()));
}

// ---- state setters ----------------------------------------------------------------------------

int ReconstructPanel::imageIndex() const { return m_index->value(); }
void ReconstructPanel::setImageIndex(int index) { m_index->setValue(index); }
int ReconstructPanel::transitions() const { return m_transitions->value(); }
void ReconstructPanel::setTransitions(int t) { m_transitions->setValue(t); }
quint64 ReconstructPanel::seed() const { return static_cast<quint64>(m_seed->value()); }
void ReconstructPanel::setSeed(quint64 seed) { m_seed->setValue(static_cast<int>(seed)); }
void ReconstructPanel::setEvaluationImages(int count) { m_evalImages->setValue(count); }
void ReconstructPanel::setAnimate(bool on) { m_animate->setChecked(on); }
void ReconstructPanel::setCorruptionStart(CorruptionStart start) {
  m_startMode->setCurrentIndex(start == CorruptionStart::Noise ? 0 : 1);
}
CorruptionStart ReconstructPanel::corruptionStart() const {
  return m_startMode->currentIndex() == 0 ? CorruptionStart::Noise : CorruptionStart::Zeros;
}

void ReconstructPanel::setBrush(BrushMode mode, int size) {
  m_brushMode->setCurrentIndex(static_cast<int>(mode));
  m_brushSize->setValue(size);
}

void ReconstructPanel::applyPreset(CorruptionPattern pattern) {
  m_editor.applyPreset(pattern, m_rows->value());
  editorChanged();
}

void ReconstructPanel::undo() {
  if (m_editor.undo()) editorChanged();
}

void ReconstructPanel::redo() {
  if (m_editor.redo()) editorChanged();
}

void ReconstructPanel::clearMask() {
  m_editor.clear();
  editorChanged();
}

// ---- Table 1 ----------------------------------------------------------------------------------

bool ReconstructPanel::isEvaluating() const { return m_evalRunner->isBusy(); }

void ReconstructPanel::evaluateTestSet() {
  const ModelPtr model = m_context->model();
  if (!model) {
    m_evalStatus->setText(m_context->refusal());
    return;
  }
  const MatrixPtr test = m_context->testImages();
  const int n = std::min<int>(m_evalImages->value(), static_cast<int>(test->rows()));
  const int transitions = m_transitions->value(), count = m_rows->value();
  const int rows = m_context->imageRows(), cols = m_context->imageCols();
  const quint64 seed = static_cast<quint64>(m_seed->value());
  const CorruptionStart start = corruptionStart();
  m_evalProgress->setValue(0);
  m_tableSettings = tr("%1; %2 test images binarised at %3, %4 rows/cols corrupted, %5 Gibbs transitions, corrupted "
                       "pixels start as %6, seed %7")
                        .arg(m_context->modelDescription())
                        .arg(n)
                        .arg(m_context->config().binarizeThreshold)
                        .arg(count)
                        .arg(transitions)
                        .arg(start == CorruptionStart::Noise ? QStringLiteral("noise") : QStringLiteral("zeros"))
                        .arg(seed);
  m_evalStatus->setText(tr("Evaluating: %1…").arg(m_tableSettings));
  m_evalRunner->submit(
      [model, test, n, transitions, count, rows, cols, seed, start](const TaskRunner::Progress& progress) -> std::any {
        const Matrix images = test->topRows(n);
        std::vector<Table1Row> out;
        for (std::size_t k = 0; k < kPatterns.size(); ++k) {
          const RowVector mask = corruptionMask(kPatterns[k], rows, cols, count);
          bool go = true;
          // Same call and seed per pattern as `vpf reconstruct` (cli/cmd_reconstruct.cpp).
          const ReconstructionScore s = evaluateReconstruction(
              *model, images, mask, transitions, seed,
              [&](double f) { return go = progress((static_cast<double>(k) + f) / kPatterns.size()); }, 1000, start);
          if (!go) return out;
          out.push_back({QString::fromStdString(patternName(kPatterns[k])), s.mean, s.stddev, s.images});
        }
        return out;
      },
      [this](std::any any) {
        m_table = std::any_cast<std::vector<Table1Row>>(std::move(any));
        m_evalProgress->setValue(1000);
        m_evalStatus->setText(m_tableSettings);
        showTable();
        emit evaluationFinished();
      });
}

void ReconstructPanel::cancelEvaluation() { m_evalRunner->cancel(); }

void ReconstructPanel::showTable() {
  const std::string algo = algorithmName(m_context->config());
  m_tableWidget->setRowCount(static_cast<int>(m_table.size()));
  for (int r = 0; r < static_cast<int>(m_table.size()); ++r) {
    const Table1Row& row = m_table[static_cast<std::size_t>(r)];
    const double paperValue = paper::table1(r, algo);
    const QStringList cells = {row.pattern, QString::number(row.mean, 'f', 2), QString::number(row.stddev, 'f', 2),
                               QString::number(row.images),
                               paperValue >= 0 ? QString::number(paperValue, 'f', 2) : QStringLiteral("–")};
    for (int c = 0; c < cells.size(); ++c) m_tableWidget->setItem(r, c, new QTableWidgetItem(cells[c]));
  }
}

// ---- export -------------------------------------------------------------------------------------

void ReconstructPanel::exportTable1Csv(const QString& path) const {
  if (m_table.empty()) throw Error("no Table 1 evaluation to export (press \"Evaluate on test set\" first)");
  CsvWriter csv({"pattern", "error_mean", "error_std", "images", "settings"});
  for (const Table1Row& r : m_table)
    csv.addRow(std::vector<std::string>{r.pattern.toStdString(), CsvWriter::number(r.mean), CsvWriter::number(r.stddev),
                                        std::to_string(r.images), m_tableSettings.toStdString()});
  saveCsv(csv, path);
}

void ReconstructPanel::waitForReconstruction() {
  // Export right after a model arrives (e.g. --export-all): let the worker deliver the picture.
  if (!m_context->model() || (m_reconstruction.size() > 0 && !m_runner->isBusy())) return;
  if (!m_runner->isBusy()) requestReconstruction();
  QEventLoop loop;
  QTimer::singleShot(30000, &loop, &QEventLoop::quit);
  connect(m_runner, &TaskRunner::busyChanged, &loop, [&loop](bool busy) {
    if (!busy) loop.quit();
  });
  if (m_runner->isBusy()) loop.exec();
}

void ReconstructPanel::exportFigure(const QString& path, const FigureSize& size) {
  waitForReconstruction();
  if (m_reconstruction.size() == 0) throw Error("no reconstruction to export (no model or no image yet)");
  const int rows = m_editor.rows(), cols = m_editor.cols();
  const std::array<QImage, 4> images = {greyImage(m_editor.original(), rows, cols), greyImage(m_corrupted, rows, cols),
                                        greyImage(m_reconstruction, rows, cols), heatImage(m_error, rows, cols)};
  const std::array<QString, 4> captions = {tr("original"), tr("corrupted (chain start)"), tr("reconstruction p(v|h)"),
                                           tr("error, L1 = %1").arg(m_l1, 0, 'f', 2)};
  const QString note = tr("%1 — %2 Gibbs transitions, corrupted pixels start as %3, seed %4")
                           .arg(m_context->modelDescription())
                           .arg(m_transitions->value())
                           .arg(m_startMode->currentText())
                           .arg(m_seed->value());
  const auto table = m_table;
  savePainted(
      [&](QPainter& p, const QRectF& rect) {
        const double margin = 12, caption = 22, footer = table.empty() ? 24 : 24 + 18.0 * (table.size() + 1);
        const double cell = std::min((rect.width() - 5 * margin) / 4, rect.height() - caption - footer - 2 * margin);
        QFont f = p.font();
        f.setPointSizeF(10);
        p.setFont(f);
        p.setPen(QColor(30, 30, 30));
        for (int i = 0; i < 4; ++i) {
          const QRectF target(rect.left() + margin + i * (cell + margin), rect.top() + margin + caption, cell, cell);
          p.drawText(QRectF(target.left(), rect.top() + margin, cell, caption), Qt::AlignCenter, captions[i]);
          p.drawImage(target, pixelatedForPrint(images[i], target.size()));
        }
        double y = rect.top() + margin + caption + cell + 6;
        p.drawText(QRectF(rect.left() + margin, y, rect.width() - 2 * margin, 20), Qt::AlignLeft, note);
        y += 22;
        if (!table.empty()) {
          p.drawText(QRectF(rect.left() + margin, y, rect.width(), 18), Qt::AlignLeft,
                     tr("Table 1 (mean L1 ± std over %1 test images):").arg(table.front().images));
          for (const Table1Row& r : table) {
            y += 18;
            p.drawText(QRectF(rect.left() + 2 * margin, y, rect.width(), 18), Qt::AlignLeft,
                       QStringLiteral("%1: %2 ± %3").arg(r.pattern).arg(r.mean, 0, 'f', 2).arg(r.stddev, 0, 'f', 2));
          }
        }
      },
      path, size);
}

void ReconstructPanel::exportCsv(const QString& path) {
  waitForReconstruction();
  if (m_reconstruction.size() == 0) throw Error("no reconstruction to export (no model or no image yet)");
  CsvWriter csv({"pixel", "row", "col", "original", "input", "mask", "corrupted", "reconstruction", "abs_error"});
  const CorruptionState& s = m_editor.state();
  for (int i = 0; i < m_reconstruction.size(); ++i)
    csv.addRow(std::vector<double>{static_cast<double>(i), static_cast<double>(i / m_editor.cols()),
                                   static_cast<double>(i % m_editor.cols()), m_editor.original()[i], s.input[i],
                                   s.mask[i], m_corrupted[i], m_reconstruction[i], m_error[i]});
  saveCsv(csv, path);
}

QStringList ReconstructPanel::exportAll(const QString& folder, const FigureSize& size) {
  QStringList written = ExportableView::exportAll(folder, size);
  const QDir dir(folder);
  Matrix stack(4, m_reconstruction.size());
  stack << m_editor.original(), m_corrupted, m_reconstruction, m_error;
  const QString npy = dir.filePath(exportBaseName() + QStringLiteral(".npy"));
  saveNpy(npy.toStdString(), stack);
  written << npy;
  if (!m_table.empty()) {
    const QString table = dir.filePath(QStringLiteral("table1.csv"));
    exportTable1Csv(table);
    written << table;
  }
  return written;
}

}  // namespace vpf
