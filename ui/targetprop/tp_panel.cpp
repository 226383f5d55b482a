#include "ui/targetprop/tp_panel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

#include "core/common/error.h"
#include "core/io/model_kind.h"
#include "core/targetprop/tp_model_file.h"
#include "core/targetprop/tp_rows.h"
#include "ui/support/form.h"
#include "ui/targetprop/tp_curves_view.h"
#include "ui/targetprop/tp_filters_view.h"
#include "ui/targetprop/tp_inference_view.h"
#include "ui/targetprop/tp_inpaint_view.h"
#include "ui/targetprop/tp_samples_view.h"

namespace vpf {

using namespace targetprop;

namespace {
constexpr int kValidationParzenImages = 1000;

struct Preset {
  const char* name;
  int n1, n2;
};
constexpr Preset kPresets[] = {{"784-1000-100 (paper)", 1000, 100}, {"784-200-50 (fast)", 200, 50}};
}  // namespace

TpPanel::TpPanel(QWidget* parent)
    : Panel(parent),
      m_controller(new TpTrainingController(this)),
      m_views(new QTabWidget),
      m_curves(new TpCurvesView),
      m_inference(new TpInferenceView),
      m_samples(new TpSamplesView),
      m_inpaint(new TpInpaintView),
      m_filters(new TpFiltersView) {
  m_views->setObjectName(QStringLiteral("tpViews"));
  for (TpView* v : std::initializer_list<TpView*>{m_curves, m_inference, m_samples, m_inpaint, m_filters})
    m_views->addTab(v, v->viewTitle());
  auto* scroll = new QScrollArea;
  scroll->setWidget(buildControls());
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setFixedWidth(scroll->widget()->sizeHint().width() + 20);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  auto* layout = new QHBoxLayout(this);
  layout->addWidget(scroll);
  layout->addWidget(m_views, 1);

  connect(m_controller, &TpTrainingController::snapshotReady, this, &TpPanel::onSnapshot);
  connect(m_views, &QTabWidget::currentChanged, this, [this] {
    if (TpView* v = currentView()) v->refresh();
  });
}

TpPanel::~TpPanel() = default;

QWidget* TpPanel::buildControls() {
  auto* w = new QWidget;
  auto* column = new QVBoxLayout(w);
  const TpConfig defaults;

  auto* model = new QGroupBox(tr("Model (Bengio et al. 2015)"));
  auto* mf = new QFormLayout(model);
  m_preset = form::comboBox({QString::fromUtf8(kPresets[0].name), QString::fromUtf8(kPresets[1].name), tr("custom")},
                            QStringLiteral("tpPreset"), tr("Layer sizes n0-n1-n2"));
  m_n1 = form::spinBox(1, 10000, kPresets[0].n1, QStringLiteral("tpN1"), tr("h1 units (softplus)"));
  m_n2 = form::spinBox(1, 10000, kPresets[0].n2, QStringLiteral("tpN2"), tr("h2 units (sigmoid)"));
  m_pixels = form::comboBox({tr("grey (the reference code)"), tr("binarised at 0.5")}, QStringLiteral("tpPixels"));
  mf->addRow(tr("Sizes:"), m_preset);
  mf->addRow(tr("h1, h2:"), form::row({m_n1, m_n2}));
  mf->addRow(tr("Pixels:"), m_pixels);
  column->addWidget(model);

  auto* train = new QGroupBox(tr("Training"));
  auto* tf = new QFormLayout(train);
  m_optimizer = form::comboBox({QStringLiteral("rmsprop"), QStringLiteral("adam"), QStringLiteral("sgd")},
                               QStringLiteral("tpOptimizer"),
                               tr("rmsprop: the reference code's centred RMSprop; the paper names none"));
  m_learningRate = new QLineEdit(QString::number(defaultLearningRate(UpdateRule::CentredRmsprop)));
  m_learningRate->setObjectName(QStringLiteral("tpLearningRate"));
  m_learningRate->setToolTip(
      tr("RMSprop 1e-5, the reference code's, won on validation Parzen after 5 epochs (157 against Adam "
         "1e-4's 150; RMSprop 1e-4 diverged): docs/results/study-targetprop.md"));
  m_epochs = form::spinBox(1, 100000, defaults.epochs, QStringLiteral("tpEpochs"), tr("epochs in total (paper 20)"));
  m_batch = form::spinBox(1, 10000, defaults.batchSize, QStringLiteral("tpBatch"), tr("minibatch (paper 100)"));
  m_trainImages = form::spinBox(100, 50000, 50000, QStringLiteral("tpTrainImages"),
                                tr("training images from image 0 (the protocol: 0–49,999; validation from 50,000)"));
  m_seed = new QLineEdit(QStringLiteral("1"));
  m_seed->setObjectName(QStringLiteral("tpSeed"));
  m_parzenEvery =
      form::spinBox(0, 1000, 5, QStringLiteral("tpParzenEvery"),
                    tr("validation Parzen (1,000 Alg. 2 samples × 1,000 validation images) every K epochs; 0: never"));
  tf->addRow(tr("Optimizer:"), m_optimizer);
  tf->addRow(tr("Learning rate:"), m_learningRate);
  tf->addRow(tr("Epochs, batch:"), form::row({m_epochs, m_batch}));
  tf->addRow(tr("Images:"), m_trainImages);
  tf->addRow(tr("Seed:"), m_seed);
  tf->addRow(tr("Val. Parzen every:"), m_parzenEvery);
  column->addWidget(train);

  auto* inference = new QGroupBox(tr("INFERENCE (E-step) and M-step noise"));
  auto* inf = new QFormLayout(inference);
  m_iterations =
      form::spinBox(0, 1000, defaults.inference.iterations, QStringLiteral("tpIterations"), tr("N (paper 15)"));
  m_delta = form::doubleSpinBox(0.0001, 2, defaults.inference.delta, 4, 0.01, QStringLiteral("tpDelta"));
  m_alpha = form::doubleSpinBox(0, 10, defaults.inference.alpha, 4, 0.001, QStringLiteral("tpAlpha"));
  m_sigmaX = form::doubleSpinBox(0, 10, defaults.corruption.sigmaX, 3, 0.05, QStringLiteral("tpSigmaX"));
  m_sigmaA = form::doubleSpinBox(0, 10, defaults.corruption.sigmaA, 3, 0.05, QStringLiteral("tpSigmaA"));
  m_sigmaB = form::doubleSpinBox(0, 10, defaults.corruption.sigmaB, 3, 0.05, QStringLiteral("tpSigmaB"));
  m_spikes = form::spinBox(1, 1000, defaults.corruption.spikes, QStringLiteral("tpSpikes"),
                           tr("Bernoulli samples averaged for the input of g2"));
  inf->addRow(tr("N, δ, α:"), form::row({m_iterations, m_delta, m_alpha}));
  inf->addRow(tr("σ_x, σ_a, σ_b:"), form::row({m_sigmaX, m_sigmaA, m_sigmaB}));
  inf->addRow(tr("Spikes:"), m_spikes);
  column->addWidget(inference);

  m_start = form::button(tr("&Start"), QStringLiteral("tpStart"), tr("Train until the epoch target"));
  m_pause = form::button(tr("&Pause"), QStringLiteral("tpPause"));
  m_stepBatch = form::button(tr("Step &batch"), QStringLiteral("tpStepBatch"), tr("One minibatch: E-step then M-step"));
  m_stepEpoch = form::button(tr("Step &epoch"), QStringLiteral("tpStepEpoch"));
  m_reset = form::button(tr("&Reset"), QStringLiteral("tpReset"), tr("A fresh model with the settings above"));
  m_open = form::button(tr("Open…"), QStringLiteral("tpOpen"), tr("Open a target-propagation model (.npz)"));
  m_save = form::button(tr("Save…"), QStringLiteral("tpSave"), tr("Save the model (resumable at an epoch boundary)"));
  column->addLayout(form::row({m_start, m_pause, m_stepBatch}));
  column->addLayout(form::row({m_stepEpoch, m_reset}));
  column->addLayout(form::row({m_open, m_save}));
  m_status = new QLabel;
  m_status->setObjectName(QStringLiteral("tpStatus"));
  m_status->setWordWrap(true);
  m_status->setMinimumHeight(48);  // reserved: the layout never jumps when the text grows
  m_status->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  m_progress = new QLabel;
  m_progress->setWordWrap(true);
  m_progress->setMinimumHeight(32);
  m_progress->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  column->addWidget(m_status);
  column->addWidget(m_progress);
  column->addStretch();

  connect(m_start, &QPushButton::clicked, m_controller, &TpTrainingController::start);
  connect(m_pause, &QPushButton::clicked, m_controller, &TpTrainingController::pause);
  connect(m_stepBatch, &QPushButton::clicked, m_controller, &TpTrainingController::stepBatch);
  connect(m_stepEpoch, &QPushButton::clicked, m_controller, &TpTrainingController::stepEpoch);
  connect(m_reset, &QPushButton::clicked, this, &TpPanel::resetRun);
  connect(m_open, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open target-propagation model"), QString(),
                                                      tr("Models (*.npz);;All files (*)"));
    if (!path.isEmpty()) openModel(path);
  });
  connect(m_save, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save target-propagation model"),
                                                      QStringLiteral("targetprop.npz"), tr("Models (*.npz)"));
    if (!path.isEmpty()) saveModel(path);
  });
  connect(m_preset, &QComboBox::currentIndexChanged, this, &TpPanel::applyPreset);
  for (QSpinBox* s : {m_n1, m_n2, m_batch, m_iterations, m_spikes, m_trainImages})
    connect(s, &QSpinBox::valueChanged, this, &TpPanel::settingsChanged);
  for (QDoubleSpinBox* s : {m_delta, m_alpha, m_sigmaX, m_sigmaA, m_sigmaB})
    connect(s, &QDoubleSpinBox::valueChanged, this, &TpPanel::settingsChanged);
  for (QComboBox* c : {m_pixels, m_optimizer})
    connect(c, &QComboBox::currentIndexChanged, this, &TpPanel::settingsChanged);
  for (QLineEdit* e : {m_learningRate, m_seed}) connect(e, &QLineEdit::textEdited, this, &TpPanel::settingsChanged);
  connect(m_optimizer, &QComboBox::currentIndexChanged, this, [this](int i) {
    const UpdateRule rule = parseUpdateRule(m_optimizer->itemText(i).toStdString());
    m_learningRate->setText(QString::number(defaultLearningRate(rule)));
  });
  // Live: the epoch target and the scoring apply to the run as it is.
  connect(m_epochs, &QSpinBox::valueChanged, m_controller, &TpTrainingController::setEpochTarget);
  connect(m_parzenEvery, &QSpinBox::valueChanged, this, [this] { m_controller->setScoring(scoring()); });
  for (QWidget* c : std::initializer_list<QWidget*>{m_preset, m_n1, m_n2, m_pixels, m_optimizer, m_epochs, m_batch,
                                                    m_trainImages, m_parzenEvery, m_iterations, m_delta, m_alpha,
                                                    m_sigmaX, m_sigmaA, m_sigmaB, m_spikes})
    c->setFocusPolicy(Qt::StrongFocus);  // the wheel scrolls the column unless the control has focus
  return w;
}

void TpPanel::applyPreset(int index) {
  if (index < 0 || index >= static_cast<int>(std::size(kPresets))) return;
  QSignalBlocker b1(m_n1), b2(m_n2);
  m_n1->setValue(kPresets[index].n1);
  m_n2->setValue(kPresets[index].n2);
  settingsChanged();
}

void TpPanel::settingsChanged() {
  int preset = 2;
  for (int i = 0; i < static_cast<int>(std::size(kPresets)); ++i)
    if (m_n1->value() == kPresets[i].n1 && m_n2->value() == kPresets[i].n2) preset = i;
  {
    QSignalBlocker b(m_preset);
    m_preset->setCurrentIndex(preset);
  }
  const TpSnapshotPtr& s = m_controller->latest();
  if (!s || (s->epochsDone == 0 && s->batchInEpoch == 0 && !s->running)) {
    resetRun();  // nothing trained yet: the new settings take effect at once
    return;
  }
  m_settingsPending = true;
  m_reset->setText(tr("&Reset (apply)"));
  showStatus(tr("Settings changed: Reset starts a new model with them; the current run keeps its own."));
}

TpConfig TpPanel::config() const {
  TpConfig c;
  c.architecture.visible = m_data ? static_cast<int>(m_data->train.images.cols()) : 784;
  c.architecture.hidden1 = m_n1->value();
  c.architecture.hidden2 = m_n2->value();
  c.epochs = m_epochs->value();
  c.batchSize = m_batch->value();
  c.optimizer.rule = parseUpdateRule(m_optimizer->currentText().toStdString());
  if (c.optimizer.rule == UpdateRule::CentredRmsprop) c.optimizer = referenceRmsprop();
  bool ok = false;
  c.optimizer.learningRate = m_learningRate->text().trimmed().toDouble(&ok);
  if (!ok || !(c.optimizer.learningRate > 0) || c.optimizer.learningRate > 1)
    throw Error("the learning rate must be a number in (0, 1], e.g. 1e-4");
  c.seed = m_seed->text().trimmed().toULongLong(&ok);
  if (!ok) throw Error("the seed must be a non-negative integer");
  c.inference.iterations = m_iterations->value();
  c.inference.delta = m_delta->value();
  c.inference.alpha = m_alpha->value();
  c.corruption.sigmaX = m_sigmaX->value();
  c.corruption.sigmaA = m_sigmaA->value();
  c.corruption.sigmaB = m_sigmaB->value();
  c.corruption.spikes = m_spikes->value();
  c.binarised = m_pixels->currentIndex() == 1;
  return c;
}

TpScoring TpPanel::scoring() const {
  TpScoring s;
  s.parzenEvery = m_parzenEvery->value();
  return s;
}

TpRunData TpPanel::runData(const TpConfig& config) const {
  TpRunData d;
  if (!m_data) return d;
  d.datasetName = QString::fromStdString(m_data->name);
  auto train = std::make_shared<Matrix>(
      pixelRows(m_data->train.images, trainingRange(*m_data, m_trainImages->value()), config.binarised));
  d.priorRows = std::make_shared<Matrix>(train->topRows(std::min<Eigen::Index>(kPriorImages, train->rows())));
  d.train = std::move(train);
  d.validation = std::make_shared<Matrix>(
      pixelRows(m_data->train.images, validationRange(*m_data, kValidationParzenImages), false));
  return d;
}

void TpPanel::resetRun() {
  m_resetWhenShown = false;
  m_settingsPending = false;
  m_reset->setText(tr("&Reset"));
  try {
    const TpConfig c = config();
    c.validate(m_data ? m_data->train.images.rows() : 1, c.architecture.visible);
    m_controller->setupFresh(c, runData(c), scoring());
  } catch (const std::exception& e) {
    showStatus(tr("Cannot start a model: %1").arg(QString::fromUtf8(e.what())), true);
  }
}

void TpPanel::setDataset(std::shared_ptr<const DataSplits> data, const QString& title) {
  m_data = std::move(data);
  m_dataTitle = title;
  for (TpView* v : std::initializer_list<TpView*>{m_curves, m_inference, m_samples, m_inpaint, m_filters})
    v->setDataset(m_data);
  // A fresh 784-1000-100 run copies the training rows (~160 MB for MNIST) and initialises on the
  // worker: only once someone looks at this tab.
  m_resetWhenShown = m_data && !isVisible();
  if (m_data && !m_resetWhenShown) resetRun();
}

void TpPanel::showEvent(QShowEvent* event) {
  Panel::showEvent(event);
  if (!m_resetWhenShown) return;
  m_resetWhenShown = false;
  resetRun();
}

bool TpPanel::opensModelKind(const std::string& kind) const { return isTargetPropKind(kind); }

bool TpPanel::openModelFile(const QString& path, QString& error) {
  const bool ok = openModel(path);
  if (!ok) error = m_status->text();
  return ok;
}

bool TpPanel::openModel(const QString& path) {
  try {
    auto file = std::make_shared<TpModelFile>(loadTpModel(path.toStdString()));
    const TpConfig& c = file->meta.config;
    {  // the controls show the file's settings
      const QSignalBlocker blockers[] = {
          QSignalBlocker(m_n1),         QSignalBlocker(m_n2),    QSignalBlocker(m_pixels), QSignalBlocker(m_batch),
          QSignalBlocker(m_iterations), QSignalBlocker(m_delta), QSignalBlocker(m_alpha),  QSignalBlocker(m_epochs)};
      m_n1->setValue(file->model.arch.hidden1);
      m_n2->setValue(file->model.arch.hidden2);
      m_pixels->setCurrentIndex(c.binarised ? 1 : 0);
      m_batch->setValue(c.batchSize);
      m_iterations->setValue(c.inference.iterations);
      m_delta->setValue(c.inference.delta);
      m_alpha->setValue(c.inference.alpha);
      m_epochs->setValue(std::max(c.epochs, file->meta.epochsDone));
    }
    TpScoring s = scoring();
    s.priorScale = file->meta.priorScale;
    m_resetWhenShown = false;  // the opened run replaces the fresh one a hidden panel still owed
    m_controller->setupFromFile(file, runData(c), s);
    showStatus(tr("Opened %1").arg(path));
    return true;
  } catch (const std::exception& e) {
    showStatus(tr("Cannot open %1: %2").arg(path, QString::fromUtf8(e.what())), true);
    return false;
  }
}

void TpPanel::saveModel(const QString& path) {
  m_controller->save(path, [this, path](const QString& error) {
    if (error.isEmpty())
      showStatus(tr("Saved %1").arg(path));
    else
      showStatus(tr("Cannot save %1: %2").arg(path, error), true);
  });
}

void TpPanel::onSnapshot(const TpSnapshotPtr& s) {
  for (TpView* v : std::initializer_list<TpView*>{m_curves, m_inference, m_samples, m_inpaint, m_filters})
    v->setSnapshot(s);
  if (!s->error.isEmpty())
    showStatus(s->status, true);
  else if (!m_settingsPending)
    showStatus(s->status);
  QString progress;
  if (s->canTrain) {
    progress = tr("%1 epochs, batch %2 of %3 · %4")
                   .arg(s->epochsDone)
                   .arg(s->batchInEpoch)
                   .arg(s->batchesPerEpoch)
                   .arg(m_dataTitle);
    if (!s->history.empty()) progress += tr(" · last epoch %1 s").arg(s->history.back().seconds, 0, 'f', 1);
    if (!s->validationParzen.empty())
      progress += tr(" · validation Parzen %1 (paper's test 236)").arg(s->validationParzen.back().second, 0, 'f', 1);
  }
  m_progress->setText(progress);
  m_start->setEnabled(s->canTrain && !s->running);
  m_pause->setEnabled(s->running);
  m_stepBatch->setEnabled(s->canTrain && !s->running);
  m_stepEpoch->setEnabled(s->canTrain && !s->running);
  m_save->setEnabled(s->canTrain);
}

void TpPanel::showStatus(const QString& text, bool error) {
  m_status->setText(text);
  m_status->setStyleSheet(error ? QStringLiteral("color: #b00020") : QString());
}

QString TpPanel::statusText() const { return m_status->text(); }

TpView* TpPanel::currentView() const { return qobject_cast<TpView*>(m_views->currentWidget()); }

QString TpPanel::exportBaseName() const { return currentView()->exportBaseName(); }
QString TpPanel::exportTitle() const { return currentView()->exportTitle(); }
FigureSize TpPanel::defaultFigureSize() const { return currentView()->defaultFigureSize(); }
void TpPanel::exportFigure(const QString& path, const FigureSize& size) {
  m_controller->waitForCommands(30000);
  currentView()->exportFigure(path, size);
}
void TpPanel::exportCsv(const QString& path) { currentView()->exportCsv(path); }

QStringList TpPanel::exportAll(const QString& folder, const FigureSize& size) {
  if (m_resetWhenShown) resetRun();      // never shown: make the run its figures show
  m_controller->waitForCommands(30000);  // a run set up a moment ago: export its model, not nothing
  QStringList written;
  for (TpView* v : std::initializer_list<TpView*>{m_curves, m_inference, m_samples, m_inpaint, m_filters})
    written += v->exportAll(folder, size);
  return written;
}

}  // namespace vpf
