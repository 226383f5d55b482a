#include "ui/early_inference/early_inference_panel.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QSlider>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>
#include <cmath>

#include "core/common/error.h"
#include "core/io/csv_writer.h"
#include "figures/early_inference_figure.h"
#include "figures/figure_export.h"
#include "ui/support/form.h"
#include "ui/support/task_runner.h"

namespace vpf {

using namespace early_inference;

namespace {

// The ε slider: log-spaced from 1e−4 to 0.5 (spec C2), kSteps intervals.
constexpr double kLogEpsMin = -4.0;
const double kLogEpsMax = std::log10(0.5);
constexpr int kSliderSteps = 200;

double sliderEps(int position) {
  return std::pow(10.0, kLogEpsMin + (kLogEpsMax - kLogEpsMin) * position / kSliderSteps);
}
int sliderPosition(double eps) {
  return static_cast<int>(std::lround((std::log10(eps) - kLogEpsMin) / (kLogEpsMax - kLogEpsMin) * kSliderSteps));
}

std::vector<int> parseSizes(const QString& text) {
  std::vector<int> sizes;
  for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
    bool ok = false;
    const int n = part.trimmed().toInt(&ok);
    if (!ok || n < 1 || n > 2000)
      throw Error("sizes: '" + part.trimmed().toStdString() + "' is not a layer size (1 … 2000)");
    sizes.push_back(n);
  }
  return sizes;
}

}  // namespace

EarlyInferencePanel::EarlyInferencePanel(QWidget* parent)
    : Panel(parent),
      m_sweepRunner(new TaskRunner(this)),
      m_focusRunner(new TaskRunner(this)),
      m_debounce(new QTimer(this)) {
  m_plot = new QCustomPlot;
  m_plot->setObjectName(QStringLiteral("earlyInferencePlot"));
  // Six panels with legends and notes need ~760 px (not the layout's own hint, the sum of its texts'
  // widths); a narrower window scrolls the tab sideways rather than squeezing them unreadable.
  m_plot->setMinimumSize(760, 480);
  m_readouts = new QLabel;
  m_readouts->setObjectName(QStringLiteral("readouts"));
  m_readouts->setWordWrap(true);
  m_readouts->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_status = form::statusLabel(QStringLiteral("status"), 2);
  m_progress = new QProgressBar;
  m_progress->setRange(0, 1000);
  m_progress->setMaximumHeight(12);
  m_progress->setTextVisible(false);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(buildControls());
  layout->addWidget(m_progress);
  layout->addWidget(m_status);
  layout->addWidget(m_plot, 1);
  layout->addWidget(m_readouts);

  m_debounce->setSingleShot(true);
  m_debounce->setInterval(250);
  connect(m_debounce, &QTimer::timeout, this, &EarlyInferencePanel::runSweep);
  connect(m_sweepRunner, &TaskRunner::progress, this,
          [this](quint64, double f) { m_progress->setValue(static_cast<int>(f * 1000)); });
  connect(m_sweepRunner, &TaskRunner::failed, this, [this](quint64, const QString& m) { showError(m); });
  connect(m_focusRunner, &TaskRunner::failed, this, [this](quint64, const QString& m) { showError(m); });
  QTimer::singleShot(0, this, &EarlyInferencePanel::runSweep);
}

EarlyInferencePanel::~EarlyInferencePanel() = default;

QWidget* EarlyInferencePanel::buildControls() {
  auto* box = new QGroupBox(tr("Bengio && Fischer 2015 — network, nudge and dynamics (spec B3)"));
  auto* v = new QVBoxLayout(box);
  const SweepSettings defaults;
  m_sizes = new QLineEdit(QStringLiteral("16,32,32,32,8"));
  m_sizes->setObjectName(QStringLiteral("sizes"));
  m_sizes->setToolTip(tr("Layer sizes x, h1, …, y (at least one hidden layer)"));
  m_sizes->setMaximumWidth(150);
  m_rho = form::comboBox({tr("hard sigmoid ±½"), tr("sigm(4s)")}, QStringLiteral("rho"),
                         tr("ρ: the hard sigmoid of Eq. 7 (exact claim) or the smooth sigm(4s) (first order in ε)"));
  m_radius = form::doubleSpinBox(0.1, 0.95, defaults.experiment.network.radius, 2, 0.05, QStringLiteral("radius"));
  m_radius->setToolTip(tr("Spectral radius of the symmetric free–free weights"));
  m_seed = form::spinBox(0, 1000000, 1, QStringLiteral("seed"),
                         tr("Network seed (reseeded upward until the fixed "
                            "point is interior)"));
  m_offset = form::doubleSpinBox(0.001, 1, defaults.experiment.targetOffset, 3, 0.01, QStringLiteral("offset"));
  m_offset->setToolTip(tr("Distance of the target y* from the free output ŷ"));
  m_nudge =
      form::comboBox({tr("drive y → y*"), tr("weak, β")}, QStringLiteral("nudge"),
                     tr("Drive: y_{t+1} = y_t + ε(y* − y_t). Weak: the output also follows R_y, plus εβ(y* − y)"));
  m_beta = form::doubleSpinBox(0.001, 10, 1, 3, 0.1, QStringLiteral("beta"));
  m_beta->setEnabled(false);
  m_maxSteps = form::spinBox(1, 100000, defaults.maxSteps, QStringLiteral("maxSteps"), tr("T at most (steps per ε)"));
  m_horizon = form::doubleSpinBox(0.01, 100, defaults.horizon, 2, 0.5, QStringLiteral("horizon"));
  m_horizon->setToolTip(tr("εT: T = min(⌈horizon/ε⌉, max steps)"));
  m_asymmetry = form::doubleSpinBox(0, 1, 0, 2, 0.05, QStringLiteral("asymmetry"));
  m_asymmetry->setToolTip(tr("Top-down weights (1−a)W + aM: the claim needs a = 0 (symmetric feedback)"));
  m_noise = form::doubleSpinBox(0, 1, 0, 3, 0.01, QStringLiteral("noise"));
  m_noise->setToolTip(tr("σ_η of the injected noise, the same in the nudged and the free run (common random numbers)"));
  m_runs = form::spinBox(1, 1000, 1, QStringLiteral("runs"), tr("Noisy runs averaged"));
  m_stateForm = new QCheckBox(tr("state form"));
  m_stateForm->setObjectName(QStringLiteral("stateForm"));
  m_stateForm->setToolTip(
      tr("Also integrate the nudged and free states and subtract them: the cancellation the "
         "displacement form avoids (its error is shown below)"));
  m_eps = new QSlider(Qt::Horizontal);
  m_eps->setObjectName(QStringLiteral("epsSlider"));
  m_eps->setRange(0, kSliderSteps);
  m_eps->setValue(sliderPosition(0.01));
  m_eps->setMinimumWidth(160);
  m_eps->setToolTip(tr("The ε of P3–P6 (log scale, 1e−4 … 0.5); the sweep of P1, P2 is not rerun"));
  m_epsLabel = new QLabel;
  m_epsLabel->setMinimumWidth(90);
  auto* exportButton = form::button(tr("Export…"), QStringLiteral("exportButton"));
  connect(exportButton, &QPushButton::clicked, this, &EarlyInferencePanel::exportRequested);

  v->addLayout(form::row({tr("sizes"), m_sizes, tr("ρ"), m_rho, tr("radius"), m_radius, tr("seed"), m_seed,
                          tr("target offset"), m_offset}));
  v->addLayout(form::row({tr("nudge"), m_nudge, tr("β"), m_beta, tr("asymmetry a"), m_asymmetry, tr("noise σ_η"),
                          m_noise, tr("runs"), m_runs, m_stateForm}));
  v->addLayout(form::row(
      {tr("ε (P3–P6)"), m_eps, m_epsLabel, tr("max steps"), m_maxSteps, tr("horizon εT"), m_horizon, exportButton}));

  const auto changed = [this] { m_debounce->start(); };
  connect(m_sizes, &QLineEdit::editingFinished, this, changed);
  for (QComboBox* c : {m_rho, m_nudge}) connect(c, &QComboBox::currentIndexChanged, this, changed);
  connect(m_nudge, &QComboBox::currentIndexChanged, this, [this](int i) { m_beta->setEnabled(i == 1); });
  for (QDoubleSpinBox* d : {m_radius, m_offset, m_beta, m_horizon, m_asymmetry, m_noise})
    connect(d, &QDoubleSpinBox::valueChanged, this, changed);
  for (QSpinBox* s : {m_seed, m_maxSteps, m_runs}) connect(s, &QSpinBox::valueChanged, this, changed);
  connect(m_stateForm, &QCheckBox::toggled, this, changed);
  connect(m_eps, &QSlider::valueChanged, this, [this] {
    m_epsLabel->setText(QStringLiteral("ε = %1").arg(focusEps(), 0, 'g', 3));
    runFocus();
  });
  m_epsLabel->setText(QStringLiteral("ε = %1").arg(focusEps(), 0, 'g', 3));
  return box;
}

SweepSettings EarlyInferencePanel::settings() const {
  SweepSettings s;
  NetworkSpec& net = s.experiment.network;
  net.sizes = parseSizes(m_sizes->text());
  net.rho = m_rho->currentIndex() == 0 ? Rho::HardSigmoid : Rho::Sigmoid4;
  net.radius = m_radius->value();
  net.asymmetry = m_asymmetry->value();
  net.seed = static_cast<std::uint64_t>(m_seed->value());
  s.experiment.targetOffset = m_offset->value();
  s.nudge.kind = m_nudge->currentIndex() == 0 ? NudgeKind::Drive : NudgeKind::Weak;
  s.nudge.beta = m_nudge->currentIndex() == 0 ? 1.0 : m_beta->value();
  s.maxSteps = m_maxSteps->value();
  s.horizon = m_horizon->value();
  s.noiseLevel = m_noise->value();
  s.runs = m_runs->value();
  s.noiseSeed = net.seed;
  s.stateForm = m_stateForm->isChecked();
  s.validate();
  return s;
}

double EarlyInferencePanel::focusEps() const { return sliderEps(m_eps->value()); }
void EarlyInferencePanel::setFocusEps(double eps) { m_eps->setValue(sliderPosition(eps)); }
bool EarlyInferencePanel::isBusy() const {
  return m_sweepRunner->isBusy() || m_focusRunner->isBusy() || m_debounce->isActive();
}

void EarlyInferencePanel::runSweep() {
  m_debounce->stop();
  SweepSettings s;
  try {
    s = settings();
  } catch (const Error& e) {
    showError(QString::fromUtf8(e.what()));
    return;
  }
  m_focusRunner->cancel();
  m_status->setStyleSheet(QString());
  m_status->setText(tr("Running the ε sweep…"));
  m_progress->setValue(0);
  m_sweepRunner->submit(
      [s](const TaskRunner::Progress& progress) -> std::any {
        return std::make_shared<const SweepResult>(early_inference::runSweep(s, progress));
      },
      [this, s](std::any result) {
        auto sweep = std::any_cast<std::shared_ptr<const SweepResult>>(std::move(result));
        if (sweep->cancelled) return;
        m_sweep = std::move(sweep);
        m_sweepSettings = s;
        m_focus.reset();
        m_progress->setValue(1000);
        emit sweepFinished();
        runFocus();
      });
}

void EarlyInferencePanel::runFocus() {
  if (!m_sweep) return;
  const std::shared_ptr<const SweepResult> sweep = m_sweep;
  const SweepSettings s = m_sweepSettings;
  const double eps = focusEps();
  m_focusRunner->submit(
      [sweep, s, eps](const TaskRunner::Progress& progress) -> std::any {
        bool completed = true;
        EpsilonRun run = runEpsilon(sweep->experiment, sweep->backprop, sweep->equilibrium, s, eps,
                                    stepsFor(eps, s.horizon, s.maxSteps), progress, &completed);
        return completed ? std::make_shared<const EpsilonRun>(std::move(run)) : nullptr;
      },
      [this](std::any result) {
        auto run = std::any_cast<std::shared_ptr<const EpsilonRun>>(std::move(result));
        if (!run) return;
        m_focus = std::move(run);
        redraw();
        emit focusFinished();
      });
}

void EarlyInferencePanel::redraw() {
  drawEarlyInference(*m_plot, {m_sweep.get(), m_focus.get(), m_sweepSettings.nudge.strength()});
  showReadouts();
}

void EarlyInferencePanel::showReadouts() {
  if (!m_sweep) return;
  const Experiment& e = m_sweep->experiment;
  const FixedPoint& fp = e.fixedPoint;
  m_status->setStyleSheet(QString());
  m_status->setText(tr("Fixed point: residual %1, λ_min(I − J_ff) %2, smallest margin to a kink %3, %4 iterations + %5 "
                       "Newton, %6 reseeds (seed %7); C = %8. Sweep of %9 ε in %10 s.")
                        .arg(fp.residual, 0, 'g', 3)
                        .arg(fp.lambdaMin, 0, 'f', 4)
                        .arg(std::isfinite(fp.minMargin) ? QString::number(fp.minMargin, 'f', 4) : tr("— (smooth ρ)"))
                        .arg(fp.iterations)
                        .arg(fp.newtonSteps)
                        .arg(e.reseeds)
                        .arg(e.seedUsed)
                        .arg(e.cost(), 0, 'g', 4)
                        .arg(m_sweep->runs.size())
                        .arg(m_sweep->seconds, 0, 'f', 2));
  QStringList slopes, stdp, state;
  for (const SlopeFit& f : m_sweep->slopes)
    slopes << tr("k=%1: %2 (paper %3)").arg(f.k).arg(f.slope, 0, 'f', 4).arg(f.k + 1);
  if (m_focus)
    for (const LayerTrace& tr : m_focus->layers) {
      stdp << QStringLiteral("k=%1: %2").arg(tr.k).arg(tr.cosStdpFirstArrival, 0, 'f', 6);
      if (!tr.stateFormError.empty() && std::size_t(tr.k + 1) < tr.stateFormError.size())
        state << QStringLiteral("k=%1: %2").arg(tr.k).arg(tr.stateFormError[std::size_t(tr.k + 1)], 0, 'g', 3);
    }
  QString text = tr("<b>Slopes</b> of log‖d_k(k+1)‖ against log ε: %1.").arg(slopes.join(QStringLiteral(", ")));
  if (!stdp.isEmpty())
    text += tr("<br><b>Eq. 26</b> (the STDP-like update ΔW_l ∝ ρ(s_l)ᵀ Δs_{l+1}) against −∂C/∂W at first arrival, "
               "cosine: %1 — the spike-timing curves of this rule are drawn in the <b>STDP</b> tab.")
                .arg(stdp.join(QStringLiteral(", ")));
  if (!state.isEmpty())
    text += tr("<br><b>State form</b> (nudged − free states subtracted) at first arrival, relative error: %1 — the "
               "displacement form integrates u directly and has none.")
                .arg(state.join(QStringLiteral(", ")));
  m_readouts->setText(text);
}

void EarlyInferencePanel::showError(const QString& message) {
  m_status->setStyleSheet(QStringLiteral("color: #b00020;"));
  m_status->setText(tr("Cannot run: %1").arg(message));
  m_progress->setValue(0);
  emit runFailed(message);
}

void EarlyInferencePanel::exportFigure(const QString& path, const FigureSize& size) {
  if (!m_sweep) throw Error("no early-inference result to export yet");
  QCustomPlot plot;
  plot.resize(size.width, size.height);
  drawEarlyInference(plot, {m_sweep.get(), m_focus.get(), m_sweepSettings.nudge.strength()});
  savePlot(plot, path, size);
}

void EarlyInferencePanel::exportCsv(const QString& path) {
  if (!m_sweep) throw Error("no early-inference result to export yet");
  saveCsv(csvTable(*m_sweep), path);
}

}  // namespace vpf
