#include "ui/confab/confab_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include "core/common/error.h"
#include "core/protocols/paper_protocol.h"
#include "core/io/model_file.h"
#include "figures/sampling_figures.h"
#include "ui/confab/confab_generate.h"
#include "ui/support/form.h"
#include "ui/support/image_tile.h"
#include "ui/support/refusal_stack.h"
#include "ui/support/task_runner.h"

namespace vpf {

using confab::generate;
using confab::MeansPtr;
using confab::priorName;

namespace {

struct ConfabResult {
  Matrix samples, samplesB;
  std::vector<Matrix> trace, traceB;
  MeansPtr meansA, meansB;
  // The same settings under the other prior gave bitwise the same samples (issue 16, finding 1).
  bool priorHasNoEffect = false;
};

struct ConfabRequest {
  ModelPtr model;
  MeansPtr means;  // may be null: computed for prior P
};

}  // namespace

ConfabPanel::ConfabPanel(SamplingContext* context, QWidget* parent)
    : Panel(parent),
      m_context(context),
      m_runner(new TaskRunner(this)),
      m_parzenRunner(new TaskRunner(this)),
      m_loglikRunner(new TaskRunner(this)) {
  m_modelLabel = new QLabel;
  m_modelLabel->setWordWrap(true);
  m_gridA = new ImageTile(tr("Confabulations"));
  m_gridA->setObjectName(QStringLiteral("confabGrid"));
  m_gridA->setPreferredScale(2);
  m_gridB = new ImageTile(tr("Comparison model"));
  m_gridB->setObjectName(QStringLiteral("compareGrid"));
  m_gridB->setPreferredScale(2);
  m_gridB->hide();
  auto* grids = new QHBoxLayout;
  grids->addWidget(m_gridA);
  grids->addWidget(m_gridB);

  auto* content = new QWidget;
  auto* v = new QVBoxLayout(content);
  v->addWidget(m_modelLabel);
  v->addWidget(buildControls());
  v->addLayout(grids, 1);
  v->addWidget(buildParzen());
  v->addWidget(buildLoglik());

  m_stack = new RefusalStack(content);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_stack);

  connect(m_runner, &TaskRunner::failed, this, [this](quint64, const QString& message) {
    m_levelLabel->setText(tr("Confabulation failed: %1").arg(message));
  });
  connect(m_context, &SamplingContext::changed, this, &ConfabPanel::contextChanged);
  contextChanged();
}

ConfabPanel::~ConfabPanel() = default;

QWidget* ConfabPanel::buildControls() {
  auto* w = new QWidget;
  auto* v = new QVBoxLayout(w);
  v->setContentsMargins(0, 0, 0, 0);
  m_count = form::spinBox(1, 2500, 100, QStringLiteral("confabCount"));
  m_prior = form::comboBox({tr("R: uniform"), tr("P: data mean")}, QStringLiteral("prior"),
                           tr("Top-layer start: R uniformly random; P Bernoulli(mean bottom-up activation of the "
                              "training data)"));
  m_r = form::spinBox(1, 1000, 5, QStringLiteral("steps"), tr("r: Gibbs steps per layer on the way down (paper: 5)"));
  m_seed = form::spinBox(0, 2000000000, 42, QStringLiteral("confabSeed"));
  auto* regenerate = form::button(tr("Regenerate"), QStringLiteral("regenerate"));
  auto* newSeed = form::button(tr("New seed"));
  connect(newSeed, &QPushButton::clicked, this, [this] { m_seed->setValue(m_seed->value() + 1); });
  auto* compare = form::button(tr("Compare with model…"), QStringLiteral("compareButton"));
  m_clearCompare = form::button(tr("No comparison"));
  m_clearCompare->setEnabled(false);
  auto* exportButton = form::button(tr("Export…"), QStringLiteral("exportButton"));
  connect(regenerate, &QPushButton::clicked, this, &ConfabPanel::regenerate);
  connect(compare, &QPushButton::clicked, this, &ConfabPanel::chooseCompareModel);
  connect(m_clearCompare, &QPushButton::clicked, this, &ConfabPanel::clearCompareModel);
  connect(exportButton, &QPushButton::clicked, this, &ConfabPanel::exportRequested);
  for (QSpinBox* s : {m_count, m_r, m_seed}) connect(s, &QSpinBox::valueChanged, this, &ConfabPanel::regenerate);
  connect(m_prior, &QComboBox::currentIndexChanged, this, &ConfabPanel::regenerate);

  auto* descent = new QHBoxLayout;
  m_levelSlider = new QSlider(Qt::Horizontal);
  m_levelSlider->setObjectName(QStringLiteral("levelSlider"));
  m_levelSlider->setRange(0, 0);
  m_levelSlider->setPageStep(1);
  m_levelSlider->setTickPosition(QSlider::TicksBelow);
  m_levelSlider->setMaximumWidth(160);
  m_levelLabel = new QLabel;
  m_levelLabel->setObjectName(QStringLiteral("levelLabel"));
  m_levelLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  m_levelLabel->setWordWrap(true);
  connect(m_levelSlider, &QSlider::valueChanged, this, &ConfabPanel::showLevel);
  descent->addWidget(new QLabel(tr("Descent (Alg. 2)")));
  descent->addWidget(m_levelSlider);
  descent->addWidget(m_levelLabel, 1);
  descent->addWidget(compare);
  descent->addWidget(m_clearCompare);
  descent->addWidget(exportButton);
  v->addLayout(
      form::row({tr("Samples"), m_count, tr("prior"), m_prior, tr("r"), m_r, tr("seed"), m_seed, newSeed, regenerate}));
  v->addLayout(descent);
  m_priorNotice = form::statusLabel(QStringLiteral("priorNotice"), 2);
  v->addWidget(m_priorNotice);
  return w;
}

void ConfabPanel::contextChanged() {
  const QString refusal = m_context->refusal();
  m_stack->setRefusal(refusal);
  if (!refusal.isEmpty() || m_contextVersion == m_context->version()) return;
  m_contextVersion = m_context->version();
  const ModelPtr model = m_context->model();
  if (model != m_meansFor) {
    m_meansA.reset();
    m_meansFor = model;
    // A likelihood belongs to the model it was computed for (Parzen: issue 16, finding 3).
    m_loglikRunner->cancel();
    m_parzenRunner->cancel();
    if (!m_loglik.empty()) m_aisLabel->setText(tr("The model changed: its previous log-likelihood was cleared."));
    if (!m_parzen.empty()) m_parzenLabel->setText(tr("The model changed: its previous estimate was cleared."));
    m_loglik.clear();
    m_parzen.clear();
  }
  m_modelLabel->setText(tr("Model: %1. Alg. 2: the top layer starts from the prior, then for each layer i = ℓ … 1, "
                           "r times h_{i−1} ~ p(·|h_i), h_i ~ p(·|h_{i−1})%2; the images are p(h0|h1).")
                            .arg(m_context->modelDescription())
                            .arg(model->hasIntraLayer() ? tr(" and an asynchronous intra-layer sweep") : QString()));
  m_parzenTest->setMaximum(static_cast<int>(m_context->testImages()->rows()));
  m_parzenTest->setValue(std::min<int>(m_parzenTest->value() < 10000 ? m_parzenTest->value() : 10000,
                                       static_cast<int>(m_context->testImages()->rows())));
  regenerate();
}

void ConfabPanel::regenerate() {
  const ModelPtr model = m_context->model();
  if (!model) return;
  if (m_modelB && m_modelB->sizes[0] != model->sizes[0]) clearCompareModel();
  const int count = m_count->value(), r = m_r->value();
  const auto prior = static_cast<ConfabulationPrior>(m_prior->currentIndex());
  const quint64 seed = static_cast<quint64>(m_seed->value());
  // Prior P's layer means are needed either way: the grid is also drawn under the other prior, to
  // say when the top layer's start does not change the samples at all.
  const MatrixPtr train = m_context->trainImages(protocol::kStatisticsImages);
  MeansPtr meansA = m_meansA, meansB = m_meansB;
  const ModelPtr modelB = m_modelB;
  const QString settings = settingsText();
  m_runner->submit(
      [model, modelB, count, r, prior, seed, train, meansA, meansB](const TaskRunner::Progress&) mutable -> std::any {
        ConfabResult out;
        out.samples = generate(*model, count, prior, r, seed, meansA, train, &out.trace);
        if (train) {
          const auto other = prior == ConfabulationPrior::Mean ? ConfabulationPrior::Random : ConfabulationPrior::Mean;
          out.priorHasNoEffect = generate(*model, count, other, r, seed, meansA, train, nullptr) == out.samples;
        }
        if (modelB) out.samplesB = generate(*modelB, count, prior, r, seed, meansB, train, &out.traceB);
        out.meansA = meansA;
        out.meansB = meansB;
        return out;
      },
      [this, model, modelB, settings](std::any any) {
        auto out = std::any_cast<ConfabResult>(std::move(any));
        if (model == m_context->model()) m_meansA = out.meansA;
        if (modelB == m_modelB) m_meansB = out.meansB;
        m_samples = std::move(out.samples);
        m_samplesB = std::move(out.samplesB);
        m_trace = std::move(out.trace);
        m_traceB = std::move(out.traceB);
        m_shownSettings = settings;
        m_priorNotice->setText(
            out.priorHasNoEffect
                ? tr("<b>Priors R and P give identical samples</b> (same seed, r, count): the top layer's starting "
                     "state changed none of the states sampled below it, so the upper layers pass on little or no "
                     "information to the pixels.")
                : QString());
        const QSignalBlocker block(m_levelSlider);
        m_levelSlider->setRange(0, static_cast<int>(m_trace.size()));
        m_levelSlider->setValue(static_cast<int>(m_trace.size()));
        showLevel(static_cast<int>(m_trace.size()));
        emit samplesShown();
      });
}

void ConfabPanel::showLevel(int level) {
  const int rows = m_context->imageRows(), cols = m_context->imageCols();
  const int levels = static_cast<int>(m_trace.size());
  m_level = std::clamp(level, 0, levels);
  const bool final = m_level == levels;
  const Matrix& a = final ? m_samples : m_trace[static_cast<std::size_t>(m_level)];
  m_gridA->setImage(sampleGrid(a, rows, cols));
  const int top = levels;  // ℓ
  const QString what = final ? tr("final: p(h0 | h1)")
                             : tr("level i = %1: h%2 after %3 steps, projected to pixels by mean field")
                                   .arg(top - m_level)
                                   .arg(top - m_level - 1)
                                   .arg(m_r->value());
  m_levelLabel->setText(tr("%1 of %2 — %3").arg(m_level + 1).arg(levels + 1).arg(what));
  m_gridA->setCaption(tr("%1 — %2").arg(m_context->modelDescription(), m_shownSettings));
  if (m_modelB && m_samplesB.rows() > 0) {
    const bool finalB = final || m_level >= static_cast<int>(m_traceB.size());
    const Matrix& b = finalB ? m_samplesB : m_traceB[static_cast<std::size_t>(m_level)];
    m_gridB->setImage(sampleGrid(b, rows, cols));
    m_gridB->setCaption(tr("%1 — same settings").arg(m_nameB));
    m_gridB->show();
  } else {
    m_gridB->hide();
  }
}

QString ConfabPanel::settingsText() const {
  return tr("prior %1, r = %2, seed %3")
      .arg(priorName(static_cast<ConfabulationPrior>(m_prior->currentIndex())))
      .arg(m_r->value())
      .arg(m_seed->value());
}

// ---- comparison ---------------------------------------------------------------------------------

void ConfabPanel::setCompareModel(ModelPtr model, const QString& name) {
  if (!model) return clearCompareModel();
  if (m_context->model() && model->sizes[0] != m_context->model()->sizes[0])
    throw Error("the comparison model has " + std::to_string(model->sizes[0]) + " visible units, the current one " +
                std::to_string(m_context->model()->sizes[0]));
  m_modelB = std::move(model);
  m_nameB = name;
  m_meansB.reset();
  dropCompareLoglik();
  m_clearCompare->setEnabled(true);
  regenerate();
}

void ConfabPanel::loadCompareModel(const QString& path) {
  const ModelFile file = loadModel(path.toStdString());
  setCompareModel(std::make_shared<const BoltzmannMachine>(file.model),
                  tr("%1 (%2, %3 epochs)")
                      .arg(QFileInfo(path).fileName())
                      .arg(QString::fromStdString(machineKind(file.model)))
                      .arg(file.meta.epochsDone));
}

void ConfabPanel::clearCompareModel() {
  dropCompareLoglik();
  m_modelB.reset();
  m_meansB.reset();
  m_samplesB.resize(0, 0);
  m_traceB.clear();
  m_clearCompare->setEnabled(false);
  m_gridB->hide();
}

void ConfabPanel::chooseCompareModel() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Compare with model"), QString(),
                                                    tr("VPF Lab models (*.npz);;All files (*)"));
  if (path.isEmpty()) return;
  try {
    loadCompareModel(path);
  } catch (const std::exception& e) {
    m_levelLabel->setText(
        tr("Cannot compare with %1: %2").arg(QFileInfo(path).fileName(), QString::fromUtf8(e.what())));
  }
}

// ---- setters ------------------------------------------------------------------------------------

void ConfabPanel::setCount(int count) { m_count->setValue(count); }
void ConfabPanel::setPrior(ConfabulationPrior prior) { m_prior->setCurrentIndex(static_cast<int>(prior)); }
void ConfabPanel::setSteps(int r) { m_r->setValue(r); }
void ConfabPanel::setSeed(quint64 seed) { m_seed->setValue(static_cast<int>(seed)); }
void ConfabPanel::setParzenSamples(int n) { m_parzenSamples->setValue(n); }
void ConfabPanel::setParzenTestImages(int n) { m_parzenTest->setValue(n); }
void ConfabPanel::setSigma(double sigma, bool select) {
  m_sigma->setValue(sigma);
  m_selectSigma->setChecked(select);
}

}  // namespace vpf
