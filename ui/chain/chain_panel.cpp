#include "ui/chain/chain_panel.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>
#include <cmath>

#include "core/sampling/gibbs_chain.h"
#include "figures/filter_grid.h"
#include "figures/pixel_images.h"
#include "ui/support/form.h"
#include "ui/support/image_tile.h"
#include "ui/support/refusal_stack.h"
#include "ui/support/task_runner.h"

namespace vpf {

struct ChainHolder {
  ModelPtr model;
  std::unique_ptr<GibbsChain> chain;
};

namespace {

struct ChainUpdate {
  std::shared_ptr<ChainHolder> holder;  // set by a reset
  ChainFrame frame;
  std::vector<RowVector> visibles;  // the visible sample after every completed step
  std::vector<double> energies, freeEnergies;
  std::vector<long long> steps;
};

ChainFrame frameOf(const ChainHolder& h, int lastLayer) {
  ChainFrame f;
  for (const Matrix& s : h.chain->samples()) f.samples.push_back(s.row(0));
  for (const Matrix& p : h.chain->probabilities()) f.probs.push_back(p.row(0));
  f.steps = h.chain->stepCount();
  f.subStep = h.chain->subStepIndex();
  f.lastLayer = lastLayer;
  f.dbm2Sweep = lastLayer > 0 && h.model->hasIntra(lastLayer);
  return f;
}

void record(const ChainHolder& h, ChainUpdate& u) {
  u.visibles.push_back(h.chain->samples()[0].row(0));
  u.energies.push_back(h.chain->energies()[0]);
  u.freeEnergies.push_back(h.model->isRbm() ? freeEnergy(*h.model, h.chain->samples()[0])[0] : std::nan(""));
  u.steps.push_back(h.chain->stepCount());
}

QString layerName(int l) { return l == 0 ? QStringLiteral("v") : QStringLiteral("h%1").arg(l); }

}  // namespace

ChainPanel::ChainPanel(SamplingContext* context, QWidget* parent)
    : Panel(parent), m_context(context), m_runner(new TaskRunner(this)) {
  m_modelLabel = new QLabel;
  m_modelLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  m_modelLabel->setWordWrap(true);
  auto* layersBox =
      new QGroupBox(tr("Layers: probabilities (top) and samples (bottom); the frame marks the last update"));
  m_layerGrid = new QGridLayout(layersBox);
  m_film = new ImageTile(tr("Visible samples, oldest → newest"));
  m_film->setObjectName(QStringLiteral("filmStrip"));
  m_film->setPreferredScale(3);
  m_plot = new QCustomPlot;
  m_plot->setObjectName(QStringLiteral("energyPlot"));
  m_plot->setMinimumHeight(180);
  m_plot->addGraph();
  m_plot->graph(0)->setName(tr("energy E(v, h)"));
  m_plot->graph(0)->setPen(QPen(QColor(31, 119, 180), 1.5));
  m_plot->addGraph();
  m_plot->graph(1)->setName(tr("free energy F(v)"));
  m_plot->graph(1)->setPen(QPen(QColor(214, 39, 40), 1.5));
  m_plot->xAxis->setLabel(tr("Gibbs step"));
  m_plot->yAxis->setLabel(tr("energy"));
  m_plot->legend->setVisible(true);

  auto* content = new QWidget;
  auto* v = new QVBoxLayout(content);
  v->addWidget(m_modelLabel);
  v->addWidget(buildControls());
  v->addWidget(layersBox, 3);
  v->addWidget(m_film, 2);
  v->addWidget(m_plot, 2);

  m_stack = new RefusalStack(content);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_stack);

  m_runTimer = new QTimer(this);
  connect(m_runTimer, &QTimer::timeout, this, [this] {
    if (m_queuedSubSteps > 0 || m_resetQueued) return;  // the worker is behind: skip this tick
    const double perTick = m_speed->value() * m_runTimer->interval() / 1000.0;
    step(std::max(1, static_cast<int>(std::lround(perTick))));
  });
  connect(m_runner, &TaskRunner::failed, this, [this](quint64, const QString& message) {
    pause();
    m_requested -= m_queuedSubSteps;
    m_queuedSubSteps = 0;
    m_counter->setText(tr("Chain error: %1").arg(message));
    emit chainFailed(message);
  });
  connect(m_context, &SamplingContext::changed, this, &ChainPanel::contextChanged);
  contextChanged();
}

ChainPanel::~ChainPanel() {
  m_runTimer->stop();
  m_runner->cancel();
  m_runner->waitForIdleThread();  // the job may hold the chain
}

QWidget* ChainPanel::buildControls() {
  auto* w = new QWidget;
  auto* v = new QVBoxLayout(w);
  v->setContentsMargins(0, 0, 0, 0);
  m_start = form::comboBox({tr("test image"), tr("painted image (Reconstruct tab)"), tr("noise")},
                           QStringLiteral("chainStart"));
  m_index = form::spinBox(0, 0, 0, QStringLiteral("chainImageIndex"));
  m_seed = form::spinBox(0, 2000000000, 42, QStringLiteral("chainSeed"));
  m_clamp = new QCheckBox(tr("clamp known pixels"));
  m_clamp->setObjectName(QStringLiteral("clamp"));
  m_clamp->setToolTip(
      tr("Keep the pixels the Reconstruct tab's corruption leaves known fixed at the start image "
         "(the painted input for a noise start)"));
  auto* resetButton = form::button(tr("Reset"), QStringLiteral("resetChain"));
  connect(resetButton, &QPushButton::clicked, this, &ChainPanel::reset);
  connect(m_start, &QComboBox::currentIndexChanged, this, &ChainPanel::reset);
  connect(m_index, &QSpinBox::valueChanged, this, &ChainPanel::reset);
  connect(m_seed, &QSpinBox::valueChanged, this, &ChainPanel::reset);
  connect(m_clamp, &QCheckBox::toggled, this, [this] {
    m_clampChanged = true;
    pump();
  });
  QLayout* row1 =
      form::row({tr("Start from"), m_start, tr("index"), m_index, tr("seed"), m_seed, m_clamp, resetButton});

  auto* stepButton = form::button(tr("Step"), QStringLiteral("stepButton"),
                                  tr("One full Gibbs transition (finishes a partly done one)"));
  auto* subStepButton = form::button(tr("Sub-step"), QStringLiteral("subStepButton"),
                                     tr("One layer update: odd layers first, then even ones; for DBM2 each hidden "
                                        "layer's asynchronous intra-layer sweep (paper eq. 5)"));
  m_runButton = form::button(tr("Run"), QStringLiteral("runButton"));
  m_runButton->setCheckable(true);
  m_speed = form::spinBox(1, 1000, 10, QStringLiteral("speed"));
  m_speed->setSuffix(tr(" steps/s"));
  m_historyLength = form::spinBox(2, 200, 20, QStringLiteral("historyLength"));
  m_counter = new QLabel;
  m_counter->setObjectName(QStringLiteral("stepCounter"));
  m_counter->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  m_counter->setWordWrap(true);
  QFont bold = m_counter->font();
  bold.setBold(true);
  m_counter->setFont(bold);
  connect(stepButton, &QPushButton::clicked, this, [this] { step(1); });
  connect(subStepButton, &QPushButton::clicked, this, &ChainPanel::subStep);
  connect(m_runButton, &QPushButton::toggled, this, [this](bool on) { on ? run() : pause(); });
  connect(m_historyLength, &QSpinBox::valueChanged, this, [this] {
    while (static_cast<int>(m_history.size()) > m_historyLength->value()) m_history.pop_front();
    showFrame();
  });
  auto* exportButton = form::button(tr("Export…"), QStringLiteral("exportButton"));
  connect(exportButton, &QPushButton::clicked, this, &ChainPanel::exportRequested);
  QLayout* row2 =
      form::row({stepButton, subStepButton, m_runButton, m_speed, tr("film strip"), m_historyLength, exportButton});
  v->addLayout(row1);
  v->addLayout(row2);
  v->addWidget(m_counter);
  return w;
}

void ChainPanel::setPaintedSource(std::function<std::optional<CorruptionState>()> source) {
  m_painted = std::move(source);
}

void ChainPanel::contextChanged() {
  const QString refusal = m_context->refusal();
  m_stack->setRefusal(refusal);
  if (!refusal.isEmpty()) {
    pause();
    return;
  }
  if (m_contextVersion == m_context->version()) return;
  m_contextVersion = m_context->version();
  const ModelPtr model = m_context->model();
  m_isRbm = model->isRbm();
  m_modelLabel->setText(tr("Model: %1. Layers are updated odd first, then even (visible last)%2.")
                            .arg(m_context->modelDescription())
                            .arg(model->hasIntraLayer() ? tr("; hidden layers with intra-layer weights by an "
                                                             "asynchronous sweep (paper eq. 5)")
                                                        : QString()));
  {
    const QSignalBlocker block(m_index);
    m_index->setMaximum(static_cast<int>(m_context->testImages()->rows()) - 1);
  }
  m_plot->graph(1)->setVisible(m_isRbm);
  m_plot->graph(1)->removeFromLegend();
  if (m_isRbm) m_plot->graph(1)->addToLegend();
  rebuildLayerTiles();
  reset();
}

void ChainPanel::rebuildLayerTiles() {
  const ModelPtr model = m_context->model();
  const int layers = model ? model->layerCount() : 0;
  if (layers == m_layersShown) return;
  for (ImageTile* t : m_probTiles) delete t;
  for (ImageTile* t : m_sampleTiles) delete t;
  m_probTiles.clear();
  m_sampleTiles.clear();
  for (int l = 0; l < layers; ++l) {
    auto* p = new ImageTile(l == 0 ? tr("v: p(v | h1)") : tr("%1: p(%1 | ·)").arg(layerName(l)));
    auto* s = new ImageTile(tr("%1 sample (%2 units)").arg(layerName(l)).arg(model->sizes[l]));
    p->setObjectName(QStringLiteral("prob_%1").arg(layerName(l)));
    s->setObjectName(QStringLiteral("sample_%1").arg(layerName(l)));
    for (ImageTile* t : {p, s}) t->setPreferredScale(l == 0 ? 6 : 10);
    m_layerGrid->addWidget(p, 0, l);
    m_layerGrid->addWidget(s, 1, l);
    m_probTiles.push_back(p);
    m_sampleTiles.push_back(s);
  }
  m_layersShown = layers;
}

// ---- requests -----------------------------------------------------------------------------------

bool ChainPanel::isBusy() const { return m_runner->isBusy() || m_resetQueued || m_queuedSubSteps > 0; }
bool ChainPanel::isRunning() const { return m_runTimer->isActive(); }

void ChainPanel::reset() {
  m_queuedSubSteps = 0;
  m_requested = 0;
  m_resetQueued = true;
  pump();
}

void ChainPanel::step(int count) {
  const ModelPtr model = m_context->model();
  if (!model || count < 1) return;
  const int perStep = model->layerCount();
  const int position = static_cast<int>(m_requested % perStep);
  const int add = (perStep - position) + (count - 1) * perStep;
  m_requested += add;
  m_queuedSubSteps += add;
  pump();
}

void ChainPanel::subStep() {
  if (!m_context->model()) return;
  ++m_requested;
  ++m_queuedSubSteps;
  pump();
}

void ChainPanel::run() {
  if (!m_context->model()) return;
  m_runTimer->setInterval(std::max(20, 1000 / m_speed->value()));
  m_runTimer->start();
  const QSignalBlocker block(m_runButton);
  m_runButton->setChecked(true);
  m_runButton->setText(tr("Pause"));
}

void ChainPanel::pause() {
  m_runTimer->stop();
  const QSignalBlocker block(m_runButton);
  m_runButton->setChecked(false);
  m_runButton->setText(tr("Run"));
}

void ChainPanel::pump() {
  if (m_runner->isBusy()) return;
  const ModelPtr model = m_context->model();
  if (!model) return;
  const std::optional<CorruptionState> painted = m_painted ? m_painted() : std::nullopt;
  const bool clamp = m_clamp->isChecked() && painted && painted->mask.size() == model->sizes[0];
  if (m_resetQueued) {
    m_resetQueued = false;
    m_clampChanged = false;
    const Start start = static_cast<Start>(m_start->currentIndex());
    const quint64 seed = static_cast<quint64>(m_seed->value());
    RowVector v0;
    if (start == Start::Painted && painted && painted->input.size() == model->sizes[0]) {
      // The painted image as the Reconstruct tab's chain starts: corrupted pixels as noise.
      Rng noise(seed + 1);
      const RowVector bits = noise.bernoulli(Matrix::Constant(1, model->sizes[0], 0.5f));
      v0 = painted->mask.cwiseProduct(bits) + (1.0f - painted->mask.array()).matrix().cwiseProduct(painted->input);
    } else if (start == Start::Noise || start == Start::Painted) {
      Rng noise(seed + 1);
      v0 = noise.bernoulli(Matrix::Constant(1, model->sizes[0], 0.5f));
    } else {
      v0 = m_context->testImages()->row(std::min<int>(m_index->value(), m_context->testImages()->rows() - 1));
    }
    m_startImage = v0;
    const RowVector clampImage = start == Start::Noise && painted ? painted->input : v0;
    const RowVector mask = clamp ? painted->mask : RowVector();
    m_runner->submit(
        [model, v0, seed, mask, clampImage](const TaskRunner::Progress&) -> std::any {
          auto holder = std::make_shared<ChainHolder>();
          holder->model = model;
          holder->chain = std::make_unique<GibbsChain>(*model, v0, seed);
          if (mask.size() > 0) holder->chain->setClamp(mask, clampImage);
          ChainUpdate u;
          u.holder = holder;
          u.frame = frameOf(*holder, -1);
          record(*holder, u);
          return u;
        },
        [this](std::any any) {
          auto u = std::any_cast<ChainUpdate>(std::move(any));
          m_holder = u.holder;
          m_frame = u.frame;
          m_history.clear();
          m_energies.clear();
          m_freeEnergies.clear();
          m_energySteps.clear();
          for (const RowVector& r : u.visibles) m_history.push_back(r);
          m_energies = u.energies;
          m_freeEnergies = u.freeEnergies;
          m_energySteps = u.steps;
          showFrame();
          pump();
        });
    return;
  }
  if (!m_holder || m_holder->model != model) return;
  if (m_clampChanged) {
    m_clampChanged = false;
    const RowVector mask = clamp ? painted->mask : RowVector();
    const Start start = static_cast<Start>(m_start->currentIndex());
    const RowVector clampImage = start == Start::Noise && painted ? painted->input : m_startImage;
    auto holder = m_holder;
    m_runner->submit(
        [holder, mask, clampImage](const TaskRunner::Progress&) -> std::any {
          if (mask.size() > 0)
            holder->chain->setClamp(mask, clampImage);
          else
            holder->chain->clearClamp();
          return frameOf(*holder, -1);
        },
        [this](std::any any) {
          m_frame = std::any_cast<ChainFrame>(std::move(any));
          showFrame();
          pump();
        });
    return;
  }
  if (m_queuedSubSteps <= 0) return;
  const int k = m_queuedSubSteps;
  m_queuedSubSteps = 0;
  auto holder = m_holder;
  m_runner->submit(
      [holder, k](const TaskRunner::Progress&) -> std::any {
        ChainUpdate u;
        int last = -1;
        for (int i = 0; i < k; ++i) {
          last = holder->chain->updateOrder()[static_cast<std::size_t>(holder->chain->subStepIndex())];
          holder->chain->subStep();
          if (holder->chain->subStepIndex() == 0) record(*holder, u);
        }
        u.frame = frameOf(*holder, last);
        return u;
      },
      [this](std::any any) {
        auto u = std::any_cast<ChainUpdate>(std::move(any));
        m_frame = u.frame;
        for (const RowVector& r : u.visibles) m_history.push_back(r);
        while (static_cast<int>(m_history.size()) > m_historyLength->value()) m_history.pop_front();
        m_energies.insert(m_energies.end(), u.energies.begin(), u.energies.end());
        m_freeEnergies.insert(m_freeEnergies.end(), u.freeEnergies.begin(), u.freeEnergies.end());
        m_energySteps.insert(m_energySteps.end(), u.steps.begin(), u.steps.end());
        showFrame();
        pump();
      });
}

// ---- display ------------------------------------------------------------------------------------

void ChainPanel::updateCounter() {
  const ModelPtr model = m_context->model();
  if (!model) return;
  QString text = tr("step %1").arg(m_frame.steps);
  if (m_frame.subStep != 0 || m_frame.lastLayer >= 0) {
    const int perStep = model->layerCount();
    const int done = m_frame.subStep == 0 ? perStep : m_frame.subStep;
    text += tr(" — sub-step %1/%2 updated %3%4")
                .arg(done)
                .arg(perStep)
                .arg(layerName(m_frame.lastLayer))
                .arg(m_frame.dbm2Sweep ? tr(" by an asynchronous intra-layer sweep (eq. 5)") : QString());
  }
  if (!m_energies.empty()) {
    text += tr("; E = %1").arg(m_energies.back(), 0, 'f', 1);
    if (m_isRbm && !m_freeEnergies.empty()) text += tr(", F(v) = %1").arg(m_freeEnergies.back(), 0, 'f', 1);
  }
  m_counter->setText(text);
}

void ChainPanel::showFrame() {
  const int rows = m_context->imageRows(), cols = m_context->imageCols();
  for (std::size_t l = 0; l < m_frame.samples.size() && l < m_probTiles.size(); ++l) {
    const bool visible = l == 0;
    m_probTiles[l]->setImage(visible ? greyImage(m_frame.probs[l], rows, cols) : layerImage(m_frame.probs[l]));
    m_sampleTiles[l]->setImage(visible ? greyImage(m_frame.samples[l], rows, cols) : layerImage(m_frame.samples[l]));
    const bool last = static_cast<int>(l) == m_frame.lastLayer;
    m_probTiles[l]->setHighlighted(last);
    m_sampleTiles[l]->setHighlighted(last);
    m_sampleTiles[l]->setFooter(tr("%1 on").arg(static_cast<int>(m_frame.samples[l].sum())));
  }
  if (!m_history.empty()) {
    Matrix strip(static_cast<Eigen::Index>(m_history.size()), m_history.front().size());
    for (std::size_t i = 0; i < m_history.size(); ++i) strip.row(static_cast<Eigen::Index>(i)) = m_history[i];
    m_film->setImage(renderImageGrid(strip, cols, rows, static_cast<int>(m_history.size()), 1));
  }
  updateCounter();
  updatePlot();
  emit frameShown();
}

void ChainPanel::updatePlot() {
  QVector<double> x, e, f;
  for (std::size_t i = 0; i < m_energies.size(); ++i) {
    x << static_cast<double>(m_energySteps[i]);
    e << m_energies[i];
    f << m_freeEnergies[i];
  }
  m_plot->graph(0)->setData(x, e, true);
  m_plot->graph(1)->setData(m_isRbm ? x : QVector<double>(), m_isRbm ? f : QVector<double>(), true);
  m_plot->rescaleAxes();
  // Steps count from 0: a lone first point must not centre the axis on it (−10 … 10).
  m_plot->xAxis->setRange(0, std::max(m_plot->xAxis->range().upper, 10.0));
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

// ---- setters ------------------------------------------------------------------------------------

void ChainPanel::setStart(Start start) { m_start->setCurrentIndex(static_cast<int>(start)); }
void ChainPanel::setImageIndex(int index) { m_index->setValue(index); }
void ChainPanel::setSeed(quint64 seed) { m_seed->setValue(static_cast<int>(seed)); }
void ChainPanel::setClamp(bool on) { m_clamp->setChecked(on); }
void ChainPanel::setHistoryLength(int n) { m_historyLength->setValue(n); }
void ChainPanel::setSpeed(int s) { m_speed->setValue(s); }

}  // namespace vpf
