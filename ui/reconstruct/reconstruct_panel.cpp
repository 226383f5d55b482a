#include "ui/reconstruct/reconstruct_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

#include "core/protocols/paper_protocol.h"
#include "figures/pixel_images.h"
#include "ui/reconstruct/paint_canvas.h"
#include "ui/support/form.h"
#include "ui/support/image_tile.h"
#include "ui/support/refusal_stack.h"
#include "ui/support/task_runner.h"

namespace vpf {

namespace {

struct ReconstructionResult {
  RowVector start, result;
  std::vector<RowVector> frames;
};

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
  m_index = form::spinBox(0, 0, 0, QStringLiteral("imageIndex"), tr("Index of the test image"));
  m_labelText = new QLabel;
  auto* random = form::button(tr("Random"), QStringLiteral("randomImage"), tr("A random test image"));
  m_labelFilter = new QComboBox;
  m_labelFilter->setObjectName(QStringLiteral("labelFilter"));
  for (int d = 0; d <= 9; ++d) m_labelFilter->addItem(tr("label %1").arg(d));
  auto* byLabel = form::button(tr("Next with label"), QStringLiteral("nextWithLabel"),
                               tr("The next test image with the chosen label"));
  connect(m_index, &QSpinBox::valueChanged, this, &ReconstructPanel::loadImage);
  connect(random, &QPushButton::clicked, this, &ReconstructPanel::pickRandom);
  connect(byLabel, &QPushButton::clicked, this, &ReconstructPanel::pickByLabel);
  QLayout* imageRow = form::row({tr("Test image"), m_index, m_labelText, random, m_labelFilter, byLabel});

  // Row 1: presets and the brush.
  m_rows = form::spinBox(0, 28, protocol::kTable1CorruptedRows, QStringLiteral("presetRows"), tr("Rows/columns a preset corrupts (paper: 12)"));
  auto* presetRow = new QHBoxLayout;
  presetRow->addWidget(new QLabel(tr("Corrupt")));
  for (CorruptionPattern p : protocol::table1Patterns()) {
    const QString name = QString::fromStdString(patternName(p));
    auto* b = form::button(name, QStringLiteral("preset") + name,
                           tr("Corrupt the rows/columns at the %1 edge (count on the right)").arg(name.toLower()));
    connect(b, &QPushButton::clicked, this, [this, p] { applyPreset(p); });
    presetRow->addWidget(b);
  }
  presetRow->addWidget(m_rows);
  presetRow->addWidget(new QLabel(tr("rows/cols")));
  presetRow->addStretch(1);
  m_brushMode =
      form::comboBox({tr("noise (corrupt)"), tr("set 0"), tr("set 1"), tr("restore")}, QStringLiteral("brushMode"));
  m_brushSize = form::spinBox(1, 10, 2, QStringLiteral("brushSize"));
  m_brushSize->setSuffix(tr(" px"));
  auto brushChanged = [this] {
    m_editor.setBrush(static_cast<BrushMode>(m_brushMode->currentIndex()), m_brushSize->value());
  };
  connect(m_brushMode, &QComboBox::currentIndexChanged, this, brushChanged);
  connect(m_brushSize, &QSpinBox::valueChanged, this, brushChanged);
  brushChanged();
  m_undo = form::button(tr("Undo"), QStringLiteral("undoButton"));
  m_redo = form::button(tr("Redo"), QStringLiteral("redoButton"));
  m_undo->setShortcut(QKeySequence::Undo);
  m_redo->setShortcut(QKeySequence::Redo);
  auto* clear = form::button(tr("Clear"), QStringLiteral("clearButton"), tr("Remove every corruption"));
  connect(m_undo, &QPushButton::clicked, this, &ReconstructPanel::undo);
  connect(m_redo, &QPushButton::clicked, this, &ReconstructPanel::redo);
  connect(clear, &QPushButton::clicked, this, &ReconstructPanel::clearMask);
  m_showMask = new QCheckBox(tr("show mask"));
  m_showMask->setChecked(true);
  connect(m_showMask, &QCheckBox::toggled, m_canvas, &PaintCanvas::setShowMask);
  QLayout* brushRow = form::row({tr("Brush"), m_brushMode, m_brushSize, m_undo, m_redo, clear, m_showMask});

  // Row 2: sampling.
  m_transitions = form::spinBox(1, 100000, 2, QStringLiteral("transitions"),
                                tr("Gibbs transitions (paper: 2 for VPF, 1000 for CD/PCD)"));
  m_seed = form::spinBox(0, 2000000000, 42, QStringLiteral("seed"));
  m_animate = new QCheckBox(tr("animate"));
  m_animate->setObjectName(QStringLiteral("animate"));
  m_animate->setToolTip(tr("Show the chain transition by transition"));
  auto* replay = form::button(tr("Replay"), QStringLiteral("replayButton"), tr("Play the transitions again"));
  connect(replay, &QPushButton::clicked, this, [this] {
    if (m_frames.empty()) return;
    showFrame(0);
    m_animationTimer->start();
  });
  m_startMode = form::comboBox({tr("noise"), tr("zeros")}, QStringLiteral("corruptionStart"),
                               tr("Corrupted pixels start the chain as Bernoulli(½) noise (DESIGN §6) or switched off "
                                  "(vpf reconstruct --start)"));
  connect(m_startMode, &QComboBox::currentIndexChanged, this, &ReconstructPanel::requestReconstruction);
  connect(m_transitions, &QSpinBox::valueChanged, this, &ReconstructPanel::requestReconstruction);
  connect(m_seed, &QSpinBox::valueChanged, this, &ReconstructPanel::requestReconstruction);
  connect(m_animate, &QCheckBox::toggled, this, &ReconstructPanel::requestReconstruction);
  QLayout* samplingRow = form::row({tr("Gibbs transitions"), m_transitions, tr("seed"), m_seed,
                                    tr("corrupted pixels start as"), m_startMode, m_animate, replay});

  grid->addLayout(imageRow, 0, 0);
  grid->addLayout(presetRow, 1, 0);
  grid->addLayout(brushRow, 2, 0);
  grid->addLayout(samplingRow, 3, 0);
  updateEditButtons();
  return w;
}

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

}  // namespace vpf
