#include "ui/confab/confab_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEventLoop>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>
#include <cmath>

#include "core/common/error.h"
#include "core/io/csv_writer.h"
#include "core/io/model_file.h"
#include "core/io/npy.h"
#include "figures/filter_grid.h"
#include "ui/support/image_tile.h"
#include "ui/support/refusal_stack.h"
#include "ui/support/task_runner.h"

namespace vpf {

namespace {

using MeansPtr = std::shared_ptr<const std::vector<RowVector>>;

struct ConfabResult {
  Matrix samples, samplesB;
  std::vector<Matrix> trace, traceB;
  MeansPtr meansA, meansB;
};

struct ConfabRequest {
  ModelPtr model;
  MeansPtr means;  // may be null: computed for prior P
};

// Paper Alg. 2 with the prior's layer means computed on demand (the E-step pass over ≤ 10,000
// training images, seeded inside meanBottomUpActivations so it is reproducible).
Matrix generate(const BoltzmannMachine& m, int count, ConfabulationPrior prior, int r, quint64 seed, MeansPtr& means,
                const MatrixPtr& train, std::vector<Matrix>* trace) {
  if (prior == ConfabulationPrior::Mean && !means) {
    if (!train) throw Error("prior P needs the training images (no data set)");
    means = std::make_shared<const std::vector<RowVector>>(meanBottomUpActivations(m, *train));
  }
  Rng rng(seed);
  ConfabulationTrace t;
  Matrix out = confabulate(m, count, prior, r, rng, means.get(), trace ? &t : nullptr);
  if (trace) *trace = std::move(t.topStates);
  return out;
}

QString priorName(ConfabulationPrior p) {
  return p == ConfabulationPrior::Random ? QStringLiteral("R") : QStringLiteral("P");
}

QImage gridImage(const Matrix& images, int rows, int cols) {
  if (images.rows() == 0) return {};
  return renderImageGrid(images, cols, rows, 0, 1);
}

}  // namespace

ConfabPanel::ConfabPanel(SamplingContext* context, QWidget* parent)
    : Panel(parent), m_context(context), m_runner(new TaskRunner(this)), m_parzenRunner(new TaskRunner(this)) {
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
  auto* row = new QHBoxLayout;
  m_count = new QSpinBox;
  m_count->setObjectName(QStringLiteral("confabCount"));
  m_count->setRange(1, 2500);
  m_count->setValue(100);
  m_prior = new QComboBox;
  m_prior->setObjectName(QStringLiteral("prior"));
  m_prior->addItems({tr("R: uniform"), tr("P: data mean")});
  m_prior->setToolTip(
      tr("Top-layer start: R uniformly random; P Bernoulli(mean bottom-up activation of the "
         "training data)"));
  m_r = new QSpinBox;
  m_r->setObjectName(QStringLiteral("steps"));
  m_r->setRange(1, 1000);
  m_r->setValue(5);
  m_r->setToolTip(tr("r: Gibbs steps per layer on the way down (paper: 5)"));
  m_seed = new QSpinBox;
  m_seed->setObjectName(QStringLiteral("confabSeed"));
  m_seed->setRange(0, 2000000000);
  m_seed->setValue(42);
  auto* regenerate = new QPushButton(tr("Regenerate"));
  regenerate->setObjectName(QStringLiteral("regenerate"));
  auto* newSeed = new QPushButton(tr("New seed"));
  connect(newSeed, &QPushButton::clicked, this, [this] { m_seed->setValue(m_seed->value() + 1); });
  auto* compare = new QPushButton(tr("Compare with model…"));
  compare->setObjectName(QStringLiteral("compareButton"));
  m_clearCompare = new QPushButton(tr("No comparison"));
  m_clearCompare->setEnabled(false);
  auto* exportButton = new QPushButton(tr("Export…"));
  exportButton->setObjectName(QStringLiteral("exportButton"));
  connect(regenerate, &QPushButton::clicked, this, &ConfabPanel::regenerate);
  connect(compare, &QPushButton::clicked, this, &ConfabPanel::chooseCompareModel);
  connect(m_clearCompare, &QPushButton::clicked, this, &ConfabPanel::clearCompareModel);
  connect(exportButton, &QPushButton::clicked, this, &ConfabPanel::exportRequested);
  for (QSpinBox* s : {m_count, m_r, m_seed}) connect(s, &QSpinBox::valueChanged, this, &ConfabPanel::regenerate);
  connect(m_prior, &QComboBox::currentIndexChanged, this, &ConfabPanel::regenerate);
  row->addWidget(new QLabel(tr("Samples")));
  row->addWidget(m_count);
  row->addWidget(new QLabel(tr("prior")));
  row->addWidget(m_prior);
  row->addWidget(new QLabel(tr("r")));
  row->addWidget(m_r);
  row->addWidget(new QLabel(tr("seed")));
  row->addWidget(m_seed);
  row->addWidget(newSeed);
  row->addWidget(regenerate);
  row->addStretch(1);

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
  v->addLayout(row);
  v->addLayout(descent);
  return w;
}

QWidget* ConfabPanel::buildParzen() {
  auto* box = new QGroupBox(tr("Parzen-window log-likelihood of the test set (paper Table 2)"));
  auto* v = new QVBoxLayout(box);
  auto* row = new QHBoxLayout;
  m_parzenSamples = new QSpinBox;
  m_parzenSamples->setObjectName(QStringLiteral("parzenSamples"));
  m_parzenSamples->setRange(10, 100000);
  m_parzenSamples->setValue(10000);
  m_parzenTest = new QSpinBox;
  m_parzenTest->setObjectName(QStringLiteral("parzenTest"));
  m_parzenTest->setRange(1, 1000000);
  m_parzenTest->setValue(10000);
  m_sigma = new QDoubleSpinBox;
  m_sigma->setObjectName(QStringLiteral("sigma"));
  m_sigma->setRange(0.01, 5);
  m_sigma->setDecimals(3);
  m_sigma->setSingleStep(0.01);
  m_sigma->setValue(0.2);
  m_selectSigma = new QCheckBox(tr("select σ"));
  m_selectSigma->setObjectName(QStringLiteral("selectSigma"));
  m_selectSigma->setToolTip(tr("Choose σ from logspace(−1, 0, 10) on training images 50,000–51,000"));
  connect(m_selectSigma, &QCheckBox::toggled, m_sigma, &QWidget::setDisabled);
  m_testPixels = new QComboBox;
  m_testPixels->setObjectName(QStringLiteral("testPixels"));
  m_testPixels->addItem(tr("grey (paper)"));
  m_testPixels->addItem(tr("binarised"));
  m_testPixels->setToolTip(
      tr("Compare the samples with the test images' grey values — the protocol of the paper's "
         "Table 2 (its reference measure, 239.88, is only reached on grey images) — or with the "
         "binarised test images."));
  m_estimate = new QPushButton(tr("Estimate log-likelihood"));
  m_estimate->setObjectName(QStringLiteral("estimateButton"));
  m_cancel = new QPushButton(tr("Cancel"));
  m_cancel->setObjectName(QStringLiteral("cancelEstimate"));
  m_cancel->setEnabled(false);
  m_progress = new QProgressBar;
  m_progress->setRange(0, 1000);
  connect(m_estimate, &QPushButton::clicked, this, &ConfabPanel::estimateLogLikelihood);
  connect(m_cancel, &QPushButton::clicked, this, &ConfabPanel::cancelEstimate);
  row->addWidget(new QLabel(tr("samples")));
  row->addWidget(m_parzenSamples);
  row->addWidget(new QLabel(tr("test images")));
  row->addWidget(m_parzenTest);
  row->addWidget(new QLabel(tr("σ")));
  row->addWidget(m_sigma);
  row->addWidget(m_selectSigma);
  row->addWidget(m_testPixels);
  row->addWidget(m_estimate);
  row->addWidget(m_cancel);
  row->addStretch(1);
  m_parzenLabel = new QLabel(tr("No estimate yet."));
  m_parzenLabel->setObjectName(QStringLiteral("parzenResult"));
  m_parzenLabel->setWordWrap(true);
  m_parzenLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
  v->addLayout(row);
  v->addWidget(m_progress);
  v->addWidget(m_parzenLabel);

  connect(m_parzenRunner, &TaskRunner::progress, this,
          [this](quint64, double f) { m_progress->setValue(static_cast<int>(f * 1000)); });
  connect(m_parzenRunner, &TaskRunner::busyChanged, this, [this](bool busy) {
    m_estimate->setEnabled(!busy);
    m_cancel->setEnabled(busy);
  });
  connect(m_parzenRunner, &TaskRunner::cancelled, this, [this] {
    m_progress->setValue(0);
    m_parzenLabel->setText(tr("Estimate cancelled.") +
                           (m_parzen.empty() ? QString() : tr(" The last result is kept below.")));
    if (!m_parzen.empty()) showParzen();
    emit estimateCancelled();
  });
  connect(m_parzenRunner, &TaskRunner::failed, this, [this](quint64, const QString& message) {
    m_parzenLabel->setText(tr("Estimate failed: %1").arg(message));
    emit estimateFailed(message);
  });
  return box;
}

// ---------------------------------------------------------------------------------------------

void ConfabPanel::contextChanged() {
  const QString refusal = m_context->refusal();
  m_stack->setRefusal(refusal);
  if (!refusal.isEmpty() || m_contextVersion == m_context->version()) return;
  m_contextVersion = m_context->version();
  const ModelPtr model = m_context->model();
  if (model != m_meansFor) {
    m_meansA.reset();
    m_meansFor = model;
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
  const MatrixPtr train = prior == ConfabulationPrior::Mean ? m_context->trainImages(10000) : nullptr;
  MeansPtr meansA = m_meansA, meansB = m_meansB;
  const ModelPtr modelB = m_modelB;
  const QString settings = settingsText();
  m_runner->submit(
      [model, modelB, count, r, prior, seed, train, meansA, meansB](const TaskRunner::Progress&) mutable -> std::any {
        ConfabResult out;
        out.samples = generate(*model, count, prior, r, seed, meansA, train, &out.trace);
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
  m_gridA->setImage(gridImage(a, rows, cols));
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
    m_gridB->setImage(gridImage(b, rows, cols));
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

// ---- Parzen -------------------------------------------------------------------------------------

bool ConfabPanel::isEstimating() const { return m_parzenRunner->isBusy(); }
bool ConfabPanel::isGenerating() const { return m_runner->isBusy(); }

void ConfabPanel::estimateLogLikelihood() {
  const ModelPtr model = m_context->model();
  if (!model) {
    m_parzenLabel->setText(m_context->refusal());
    return;
  }
  struct Job {
    ModelPtr model;
    QString name;
    MeansPtr means;
  };
  std::vector<Job> jobs{{model, m_context->modelDescription(), m_meansA}};
  if (m_modelB) jobs.push_back({m_modelB, m_nameB, m_meansB});
  const int count = m_parzenSamples->value(), r = m_r->value();
  const auto prior = static_cast<ConfabulationPrior>(m_prior->currentIndex());
  const quint64 seed = static_cast<quint64>(m_seed->value());
  const bool grey = m_testPixels->currentIndex() == 0;
  const MatrixPtr test =
      grey ? std::make_shared<const Matrix>(m_context->data()->test.images) : m_context->testImages();
  const int nTest = std::min<int>(m_parzenTest->value(), static_cast<int>(test->rows()));
  const MatrixPtr train = prior == ConfabulationPrior::Mean ? m_context->trainImages(10000) : nullptr;
  const bool select = m_selectSigma->isChecked();
  const double sigma = m_sigma->value();
  const double threshold = m_context->config().binarizeThreshold;
  Matrix validation;
  if (select) {
    // DESIGN §7: σ chosen on training images 50,000–51,000 (the last 1,000 of a smaller set).
    const Dataset& t = m_context->data()->train;
    const int end = std::min(51000, t.size()), begin = std::max(0, std::min(50000, end - 1000));
    validation = grey ? Matrix(t.images.middleRows(begin, end - begin))
                      : binarize(t.images.middleRows(begin, end - begin), static_cast<float>(threshold));
  }
  m_progress->setValue(0);
  m_parzenLabel->setText(tr("Estimating: %1 samples per model, %2 test images…").arg(count).arg(nTest));
  m_parzenRunner->submit(
      [jobs, count, r, prior, seed, test, nTest, train, select, sigma, validation, threshold,
       grey](const TaskRunner::Progress& progress) mutable -> std::any {
        std::vector<ParzenReport> out;
        const Matrix testRows = test->topRows(nTest);
        const double share = 1.0 / static_cast<double>(jobs.size());
        for (std::size_t j = 0; j < jobs.size(); ++j) {
          const double base = static_cast<double>(j) * share;
          if (!progress(base)) return out;
          const Matrix samples = generate(*jobs[j].model, count, prior, r, seed, jobs[j].means, train, nullptr);
          if (!progress(base + 0.15 * share)) return out;
          const double s = select ? selectParzenSigma(samples, validation) : sigma;
          ParzenReport report;
          report.model = jobs[j].name;
          report.result = parzenLogLikelihood(samples, testRows, s,
                                              [&](double f) { return progress(base + (0.2 + 0.8 * f) * share); });
          if (report.result.cancelled) return out;
          report.prior = prior;
          report.r = r;
          report.seed = seed;
          report.sigmaSelected = select;
          report.greyTest = grey;
          report.threshold = threshold;
          out.push_back(report);
        }
        return out;
      },
      [this](std::any any) {
        m_parzen = std::any_cast<std::vector<ParzenReport>>(std::move(any));
        m_progress->setValue(1000);
        showParzen();
        emit estimateFinished();
      });
}

void ConfabPanel::cancelEstimate() { m_parzenRunner->cancel(); }

void ConfabPanel::showParzen() {
  QStringList lines;
  for (const ParzenReport& p : m_parzen)
    lines << tr("<b>%1</b>: log-likelihood <b>%2 ± %3</b> (standard error) — σ = %4%5, %6 samples (Alg. 2, prior %7, "
                "r = %8, seed %9), %10 test images %11")
                 .arg(p.model.toHtmlEscaped())
                 .arg(p.result.mean, 0, 'f', 2)
                 .arg(p.result.standardError, 0, 'f', 2)
                 .arg(p.result.sigma, 0, 'g', 4)
                 .arg(p.sigmaSelected ? tr(" (selected)") : QString())
                 .arg(p.result.samples)
                 .arg(priorName(p.prior))
                 .arg(p.r)
                 .arg(p.seed)
                 .arg(p.result.testImages)
                 .arg(p.greyTest ? tr("as grey values (the paper's protocol)")
                                 : tr("binarised at %1").arg(p.threshold));
  m_parzenLabel->setText(lines.join(QStringLiteral("<br>")));
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

// ---- export -------------------------------------------------------------------------------------

void ConfabPanel::waitForSamples() {
  // Export right after a model arrives (e.g. --export-all): let the worker finish the grid.
  if (!m_context->model() || (!isGenerating() && m_samples.rows() > 0)) return;
  if (!isGenerating()) regenerate();
  QEventLoop loop;
  QTimer::singleShot(60000, &loop, &QEventLoop::quit);
  connect(this, &ConfabPanel::samplesShown, &loop, &QEventLoop::quit);
  connect(m_runner, &TaskRunner::failed, &loop, &QEventLoop::quit);
  while (isGenerating()) {
    loop.exec();
    if (!isGenerating() || m_samples.rows() > 0) break;
  }
}

void ConfabPanel::exportFigure(const QString& path, const FigureSize& size) {
  waitForSamples();
  if (m_samples.rows() == 0) throw Error("no confabulations to export (no model yet)");
  const int rows = m_context->imageRows(), cols = m_context->imageCols();
  std::vector<std::pair<QImage, QString>> panels{{gridImage(m_samples, rows, cols), m_context->modelDescription()}};
  if (m_modelB && m_samplesB.rows() > 0) panels.push_back({gridImage(m_samplesB, rows, cols), m_nameB});
  const QString title = tr("Confabulations (paper Alg. 2): %1").arg(m_shownSettings);
  QStringList notes;
  for (const ParzenReport& p : m_parzen)
    notes << tr("%1: Parzen log-likelihood %2 ± %3 (σ = %4, %5 samples, %6 test images)")
                 .arg(p.model)
                 .arg(p.result.mean, 0, 'f', 2)
                 .arg(p.result.standardError, 0, 'f', 2)
                 .arg(p.result.sigma, 0, 'g', 4)
                 .arg(p.result.samples)
                 .arg(p.result.testImages);
  savePainted(
      [&](QPainter& p, const QRectF& rect) {
        QFont f = p.font();
        f.setPointSizeF(10);
        p.setFont(f);
        p.setPen(QColor(30, 30, 30));
        const double margin = 10, caption = 18, footer = caption * notes.size();
        p.drawText(QRectF(rect.left() + margin, rect.top() + margin, rect.width(), caption), Qt::AlignLeft, title);
        const int n = static_cast<int>(panels.size());
        const double w = (rect.width() - (n + 1) * margin) / n;
        const double h = rect.height() - 3 * caption - footer - 3 * margin;
        for (int i = 0; i < n; ++i) {
          const QImage& img = panels[static_cast<std::size_t>(i)].first;
          const double x = rect.left() + margin + i * (w + margin), y = rect.top() + margin + 2 * caption;
          p.drawText(QRectF(x, y - caption, w, caption), Qt::AlignCenter, panels[static_cast<std::size_t>(i)].second);
          const double scale = std::min(w / img.width(), h / img.height());
          const QRectF target(x + (w - img.width() * scale) / 2, y, img.width() * scale, img.height() * scale);
          p.drawImage(target, pixelatedForPrint(img, target.size()));
        }
        for (int i = 0; i < notes.size(); ++i)
          p.drawText(QRectF(rect.left() + margin, rect.bottom() - margin - (notes.size() - i) * caption, rect.width(),
                            caption),
                     Qt::AlignLeft, notes[i]);
      },
      path, size);
}

void ConfabPanel::exportCsv(const QString& path) {
  waitForSamples();
  if (m_samples.rows() == 0) throw Error("no confabulations to export (no model yet)");
  std::vector<std::string> header{"sample"};
  for (Eigen::Index i = 0; i < m_samples.cols(); ++i) header.push_back("p" + std::to_string(i));
  CsvWriter csv(header);
  for (Eigen::Index r = 0; r < m_samples.rows(); ++r) {
    std::vector<double> row{static_cast<double>(r)};
    for (Eigen::Index i = 0; i < m_samples.cols(); ++i) row.push_back(m_samples(r, i));
    csv.addRow(row);
  }
  saveCsv(csv, path);
}

QStringList ConfabPanel::exportAll(const QString& folder, const FigureSize& size) {
  QStringList written = ExportableView::exportAll(folder, size);
  const QDir dir(folder);
  const QString npy = dir.filePath(QStringLiteral("confabulations.npy"));
  saveNpy(npy.toStdString(), m_samples);
  written << npy;
  if (m_modelB && m_samplesB.rows() > 0) {
    const QString b = dir.filePath(QStringLiteral("confabulations-compare.npy"));
    saveNpy(b.toStdString(), m_samplesB);
    written << b;
  }
  if (!m_parzen.empty()) {
    CsvWriter csv({"model", "log_likelihood", "standard_error", "sigma", "sigma_selected", "samples", "test_images",
                   "prior", "r", "seed", "threshold", "test_pixels"});
    for (const ParzenReport& p : m_parzen)
      csv.addRow(std::vector<std::string>{
          p.model.toStdString(), CsvWriter::number(p.result.mean), CsvWriter::number(p.result.standardError),
          CsvWriter::number(p.result.sigma), p.sigmaSelected ? "1" : "0", std::to_string(p.result.samples),
          std::to_string(p.result.testImages), priorName(p.prior).toStdString(), std::to_string(p.r),
          std::to_string(p.seed), CsvWriter::number(p.threshold), p.greyTest ? "grey" : "binarised"});
    const QString path = dir.filePath(QStringLiteral("parzen.csv"));
    saveCsv(csv, path);
    written << path;
  }
  return written;
}

}  // namespace vpf
