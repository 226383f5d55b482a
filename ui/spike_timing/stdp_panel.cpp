#include "ui/spike_timing/stdp_panel.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPixmap>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>
#include <cmath>

#include "core/common/error.h"
#include "core/io/csv_writer.h"
#include "figures/stdp_figure.h"
#include "ui/spike_timing/stdp_example_plot.h"
#include "ui/support/form.h"
#include "ui/support/task_runner.h"

namespace vpf {

namespace {

// The panel's spin boxes accelerate: the ranges span several orders of magnitude.
QDoubleSpinBox* doubleSpin(double lo, double hi, double value, int decimals, double step, const QString& suffix,
                           const QString& name) {
  QDoubleSpinBox* s = form::doubleSpinBox(lo, hi, value, decimals, step, name, suffix);
  s->setAccelerated(true);
  return s;
}

// The spin box shows a rounded value; while it still shows the core default, use the exact
// default (e.g. δ_i = 1/16.8) so the panel computes exactly what `vpf stdp` does.
double exactOrShown(const QDoubleSpinBox* spin, double exactDefault) {
  const double halfUlp = 0.5 * std::pow(10.0, -spin->decimals());
  return std::abs(spin->value() - exactDefault) < halfUlp ? exactDefault : spin->value();
}

QIcon colorIcon(const QColor& color) {
  QPixmap pm(12, 12);
  pm.fill(color);
  return QIcon(pm);
}

}  // namespace

StdpPanel::StdpPanel(QWidget* parent) : Panel(parent) {
  m_runner = new TaskRunner(this);
  m_debounce = new QTimer(this);
  m_debounce->setSingleShot(true);
  m_debounce->setInterval(250);  // coalesce spin-box typing into one run
  connect(m_debounce, &QTimer::timeout, this, &StdpPanel::runNow);
  connect(m_runner, &TaskRunner::progress, this, &StdpPanel::onProgress);
  connect(m_runner, &TaskRunner::cancelled, this, [this](quint64 id) { onStopped(id, {}); });
  connect(m_runner, &TaskRunner::failed, this, &StdpPanel::onStopped);

  m_plot = new QCustomPlot;
  m_plot->setObjectName(QStringLiteral("stdpCurvePlot"));
  m_plot->setMinimumSize(480, 320);
  m_examplePlot = new QCustomPlot;
  m_examplePlot->setObjectName(QStringLiteral("stdpExamplePlot"));
  m_examplePlot->setMinimumHeight(170);

  m_exampleKind = new QComboBox;
  m_exampleKind->setObjectName(QStringLiteral("exampleKind"));
  m_exampleKind->addItems({tr("VPF: pre before post"), tr("VPF: post before pre"), tr("Bengio 2015: voltage")});
  m_exampleDt = doubleSpin(0.5, 500, 10, 1, 1, tr(" ms"), QStringLiteral("exampleDt"));
  auto* newExample = form::button(tr("New example"), QStringLiteral("newExampleButton"));
  connect(m_exampleKind, &QComboBox::currentIndexChanged, this, [this](int kind) {
    m_exampleDt->setEnabled(static_cast<StdpExampleKind>(kind) != StdpExampleKind::Bengio);
    redrawExample();
  });
  connect(m_exampleDt, &QDoubleSpinBox::valueChanged, this, &StdpPanel::redrawExample);
  connect(newExample, &QPushButton::clicked, this, [this] {
    ++m_exampleIndex;
    redrawExample();
  });

  QLayout* exampleRow = form::row({tr("Example pairing:"), m_exampleKind, tr("|Δt|"), m_exampleDt, newExample});

  auto* right = new QVBoxLayout;
  right->addWidget(m_plot, 3);
  right->addLayout(exampleRow);
  right->addWidget(m_examplePlot, 1);

  auto* scroll = new QScrollArea;
  scroll->setWidget(buildControls());
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setMinimumWidth(scroll->widget()->sizeHint().width() + 20);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

  auto* layout = new QHBoxLayout(this);
  layout->addWidget(scroll, 0);
  layout->addLayout(right, 1);

  updateFieldLabels();
  redrawCurves();
  redrawExample();
  setRunningUi(false);
  // First result as soon as the event loop runs (not in the constructor: the caller may connect first).
  QTimer::singleShot(0, this, &StdpPanel::runNow);
}

StdpPanel::~StdpPanel() = default;  // m_runner (a child) cancels and waits for its job

QWidget* StdpPanel::buildControls() {
  const StdpConfig d;  // the core defaults, shared with `vpf stdp`
  auto* w = new QWidget;
  auto* v = new QVBoxLayout(w);

  auto* vpfBox = new QGroupBox(tr("VPF (paper eq. 6)"));
  auto* vpfForm = new QFormLayout(vpfBox);
  m_preRate = doubleSpin(0.0001, 5, d.vpf.preRate, 5, 0.005, tr(" /ms"), QStringLiteral("preRate"));
  m_postRate = doubleSpin(0.0001, 5, d.vpf.postRate, 5, 0.005, tr(" /ms"), QStringLiteral("postRate"));
  m_preRate->setToolTip(tr("δ_i = exp(−z_i): rate at which the excited pre-synaptic neuron returns to rest"));
  m_postRate->setToolTip(tr("δ_j = exp(−z_j): rate at which the excited post-synaptic neuron returns to rest"));
  m_preField = new QLabel;
  m_postField = new QLabel;
  vpfForm->addRow(tr("δ_i (pre)"), m_preRate);
  vpfForm->addRow(QString(), m_preField);
  vpfForm->addRow(tr("δ_j (post)"), m_postRate);
  vpfForm->addRow(QString(), m_postField);
  v->addWidget(vpfBox);

  auto* bengioBox = new QGroupBox(tr("Bengio et al. 2015 (ΔW ∝ S_i dV_j/dt)"));
  auto* bengioForm = new QFormLayout(bengioBox);
  m_slopeDistribution = new QComboBox;
  m_slopeDistribution->setObjectName(QStringLiteral("slopeDistribution"));
  m_slopeDistribution->addItems({tr("normal"), tr("uniform")});
  m_slopeMean = doubleSpin(-20, 20, d.bengio.slopeMean, 2, 0.1, tr(" mV/ms"), QStringLiteral("slopeMean"));
  m_slopeStd = doubleSpin(0, 20, d.bengio.slopeStd, 2, 0.1, tr(" mV/ms"), QStringLiteral("slopeStd"));
  m_gap = doubleSpin(0.1, 100, d.bengio.gapMax, 1, 1, tr(" mV"), QStringLiteral("gapMax"));
  m_gap->setToolTip(tr("θ − V_j(0) is uniform in (0, gap]: the voltage is below threshold at the pre spike"));
  bengioForm->addRow(tr("slope dV/dt"), m_slopeDistribution);
  bengioForm->addRow(tr("mean"), m_slopeMean);
  bengioForm->addRow(tr("std. dev."), m_slopeStd);
  bengioForm->addRow(tr("max gap θ − V"), m_gap);
  v->addWidget(bengioBox);

  auto* biPooBox = new QGroupBox(tr("Bi && Poo 1998 fit"));
  auto* biPooForm = new QFormLayout(biPooBox);
  m_aPlus = doubleSpin(0, 10, d.biPoo.aPlus, 3, 0.05, QString(), QStringLiteral("aPlus"));
  m_aMinus = doubleSpin(0, 10, d.biPoo.aMinus, 3, 0.05, QString(), QStringLiteral("aMinus"));
  biPooForm->addRow(tr("A+ (τ+ = 16.8 ms)"), m_aPlus);
  biPooForm->addRow(tr("A− (τ− = 33.7 ms)"), m_aMinus);
  v->addWidget(biPooBox);

  auto* simBox = new QGroupBox(tr("Simulation"));
  auto* simForm = new QFormLayout(simBox);
  m_pairings = form::spinBox(1000, 200000000, static_cast<int>(d.pairings), QStringLiteral("pairings"));
  m_pairings->setSingleStep(50000);
  m_pairings->setGroupSeparatorShown(true);
  m_seed = form::spinBox(0, 2000000000, static_cast<int>(d.seed), QStringLiteral("seed"));
  m_range = doubleSpin(10, 1000, d.binning.rangeMs, 1, 10, tr(" ms"), QStringLiteral("rangeMs"));
  m_bin = doubleSpin(0.5, 50, d.binning.binMs, 1, 0.5, tr(" ms"), QStringLiteral("binMs"));
  simForm->addRow(tr("pairings"), m_pairings);
  simForm->addRow(tr("seed"), m_seed);
  simForm->addRow(tr("Δt range ±"), m_range);
  simForm->addRow(tr("bin width"), m_bin);
  v->addWidget(simBox);

  auto* curvesBox = new QGroupBox(tr("Curves"));
  auto* curvesLayout = new QVBoxLayout(curvesBox);
  const std::pair<const char*, QString> toggles[] = {
      {stdp_names::kVpfAnalytic, tr("VPF analytic")},      {stdp_names::kVpfMonteCarlo, tr("VPF Monte Carlo")},
      {stdp_names::kBengio2015, tr("Bengio et al. 2015")}, {stdp_names::kBiPooFit, tr("Bi && Poo fit")},
      {stdp_names::kMeasured, tr("measured points")},
  };
  for (const auto& [name, text] : toggles) {
    auto* box = new QCheckBox(text);
    box->setObjectName(QStringLiteral("show_%1").arg(QString::fromLatin1(name)));
    box->setIcon(colorIcon(stdpCurveColor(name)));
    box->setChecked(true);
    connect(box, &QCheckBox::toggled, this, &StdpPanel::redrawCurves);
    curvesLayout->addWidget(box);
    m_toggles[name] = box;
  }
  m_toggles[stdp_names::kMeasured]->setEnabled(false);  // until points are imported
  m_toggles[stdp_names::kMeasured]->setChecked(false);
  v->addWidget(curvesBox);

  m_runButton = form::button(tr("Run"), QStringLiteral("runButton"));
  m_cancelButton = form::button(tr("Cancel"), QStringLiteral("cancelButton"));
  connect(m_runButton, &QPushButton::clicked, this, &StdpPanel::runNow);
  connect(m_cancelButton, &QPushButton::clicked, this, &StdpPanel::cancel);
  auto* runRow = new QHBoxLayout;
  runRow->addWidget(m_runButton);
  runRow->addWidget(m_cancelButton);
  v->addLayout(runRow);
  m_progress = new QProgressBar;
  m_progress->setObjectName(QStringLiteral("progressBar"));
  m_progress->setRange(0, 1000);
  m_progress->setFormat(QStringLiteral("%p%"));
  v->addWidget(m_progress);
  m_status = form::statusLabel(QStringLiteral("status"), 2);
  v->addWidget(m_status);

  auto* importButton = form::button(tr("Import CSV…"), QStringLiteral("importButton"),
                                    tr("Measured points: dt_ms,dw[,stderr] per line, header optional"));
  auto* figureButton = form::button(tr("Export figure…"), QStringLiteral("exportFigureButton"));
  auto* csvButton = form::button(tr("Export CSV…"), QStringLiteral("exportCsvButton"));
  connect(importButton, &QPushButton::clicked, this, &StdpPanel::importClicked);
  connect(figureButton, &QPushButton::clicked, this, &StdpPanel::exportFigureClicked);
  connect(csvButton, &QPushButton::clicked, this, &StdpPanel::exportCsvClicked);
  auto* ioRow = new QHBoxLayout;
  ioRow->addWidget(importButton);
  ioRow->addWidget(figureButton);
  ioRow->addWidget(csvButton);
  v->addLayout(ioRow);
  v->addStretch(1);

  for (QDoubleSpinBox* s : {m_preRate, m_postRate, m_slopeMean, m_slopeStd, m_gap, m_aPlus, m_aMinus, m_range, m_bin})
    connect(s, &QDoubleSpinBox::valueChanged, this, &StdpPanel::parametersChanged);
  for (QSpinBox* s : {m_pairings, m_seed}) connect(s, &QSpinBox::valueChanged, this, &StdpPanel::parametersChanged);
  connect(m_slopeDistribution, &QComboBox::currentIndexChanged, this, &StdpPanel::parametersChanged);
  return w;
}

StdpConfig StdpPanel::config() const {
  StdpConfig c;
  c.vpf.preRate = exactOrShown(m_preRate, c.vpf.preRate);
  c.vpf.postRate = exactOrShown(m_postRate, c.vpf.postRate);
  c.bengio.slopeDistribution =
      m_slopeDistribution->currentIndex() == 1 ? SlopeDistribution::Uniform : SlopeDistribution::Normal;
  c.bengio.slopeMean = m_slopeMean->value();
  c.bengio.slopeStd = m_slopeStd->value();
  c.bengio.gapMax = m_gap->value();
  c.biPoo.aPlus = m_aPlus->value();
  c.biPoo.aMinus = m_aMinus->value();
  c.binning.rangeMs = m_range->value();
  c.binning.binMs = m_bin->value();
  c.pairings = m_pairings->value();
  c.seed = static_cast<std::uint64_t>(m_seed->value());
  return c;
}

bool StdpPanel::isRunning() const { return m_runner->isBusy(); }

void StdpPanel::updateFieldLabels() {
  auto text = [](double rate) {
    return tr("z = −ln δ = %1, 1/δ = %2 ms").arg(-std::log(rate), 0, 'f', 3).arg(1.0 / rate, 0, 'g', 4);
  };
  const StdpConfig c = config();
  m_preField->setText(text(c.vpf.preRate));
  m_postField->setText(text(c.vpf.postRate));
}

void StdpPanel::parametersChanged() {
  updateFieldLabels();
  redrawExample();
  m_debounce->start();
}

void StdpPanel::runNow() {
  m_debounce->stop();
  StdpConfig c = config();
  try {
    c.validate();
  } catch (const Error& e) {
    m_status->setText(
        QStringLiteral("<span style='color:#b00'>%1</span>").arg(QString::fromUtf8(e.what()).toHtmlEscaped()));
    return;
  }
  // The simulation as a TaskRunner job: the runner's progress callback doubles as the cancel
  // check (false once cancelled or superseded), so a cancelled run is reported as cancelled(id).
  m_runner->submit(
      [c](const TaskRunner::Progress& progress) -> std::any {
        return std::make_shared<const StdpResult>(runStdp(c, progress));
      },
      [this](std::any result) {
        // Only the newest request's result arrives here, so its id is the latest one.
        onFinished(m_runner->latestRequest(), std::any_cast<std::shared_ptr<const StdpResult>>(std::move(result)));
      });
  setRunningUi(true);
  m_status->setText(tr("Simulating %L1 pairings…").arg(c.pairings));
}

void StdpPanel::cancel() { m_runner->cancel(); }

void StdpPanel::setRunningUi(bool running) {
  m_cancelButton->setEnabled(running);
  if (running) m_progress->setValue(0);
}

void StdpPanel::onProgress(quint64 id, double fraction) {
  if (id == m_runner->latestRequest()) m_progress->setValue(static_cast<int>(fraction * 1000));
}

void StdpPanel::onFinished(quint64 id, std::shared_ptr<const StdpResult> result) {
  if (id != m_runner->latestRequest() || !result) return;  // stale
  m_result = std::move(result);
  m_displayed = id;
  setRunningUi(false);
  m_progress->setValue(1000);
  const StdpAgreement& a = m_result->agreement;
  m_status->setText(
      tr("MC vs analytic: max |z| %1; %2/%3 bins > 3 s.e.\nBengio: %4% of pre spikes paired")
          .arg(a.maxAbsZ, 0, 'f', 2)
          .arg(a.binsDisagreeing)
          .arg(a.bins)
          .arg(100.0 * m_result->bengioSpiked / std::max<std::int64_t>(1, m_result->bengioPairings), 0, 'f', 1));
  m_status->setToolTip(tr("z = (Monte Carlo mean − analytic value) / standard error per Δt bin. Bengio: a pre spike is "
                          "paired when the post neuron crosses threshold within ±%1 ms.")
                           .arg(m_range->value()));
  redrawCurves();
  emit resultReady(id);
}

void StdpPanel::onStopped(quint64 id, const QString& message) {
  if (id != m_runner->latestRequest()) return;
  setRunningUi(false);
  m_progress->setValue(0);
  if (message.isEmpty()) {
    m_status->setText(m_result ? tr("Cancelled; showing the previous result.") : tr("Cancelled."));
    emit runCancelled(id);
  } else {
    m_status->setText(QStringLiteral("<span style='color:#b00'>%1</span>").arg(message.toHtmlEscaped()));
    emit runFailed(id, message);
  }
}

std::vector<StdpCurve> StdpPanel::curvesForOutput(bool visibleOnly) const {
  std::vector<StdpCurve> all;
  if (m_result) all = m_result->curves;
  if (m_measured) all.push_back(*m_measured);
  normaliseCurves(all);  // before filtering: the Monte Carlo curve uses the analytic's scale
  if (!visibleOnly) return all;
  std::vector<StdpCurve> shown;
  for (auto& c : all) {
    const auto it = m_toggles.find(c.name);
    if (it == m_toggles.end() || it->second->isChecked()) shown.push_back(std::move(c));
  }
  return shown;
}

void StdpPanel::redrawCurves() { drawStdpCurves(*m_plot, curvesForOutput(true)); }

void StdpPanel::redrawExample() {
  drawStdpExample(*m_examplePlot, config(), static_cast<StdpExampleKind>(m_exampleKind->currentIndex()),
                  m_exampleDt->value(), m_exampleIndex);
}

void StdpPanel::ensureResult() {
  if (m_result) return;
  // Export before the first run has finished: compute now (same call as the worker).
  m_result = std::make_shared<StdpResult>(runStdp(config()));
  redrawCurves();
}

void StdpPanel::saveFigure(const QString& path) {
  ensureResult();
  saveStdpFigure(curvesForOutput(true), path);
}

void StdpPanel::saveCsv(const QString& path) {
  ensureResult();
  stdpCurvesCsv(curvesForOutput(false)).save(path.toStdString());
}

QStringList StdpPanel::exportAll(const QString& folder, const FigureSize&) {
  if (!QDir().mkpath(folder)) throw Error("cannot create folder " + folder.toStdString());
  const QDir dir(folder);
  QStringList written;
  for (const char* suffix : {"png", "svg", "pdf"}) {
    const QString path = dir.filePath(QStringLiteral("stdp.%1").arg(QLatin1String(suffix)));
    saveFigure(path);
    written << path;
  }
  const QString csv = dir.filePath(QStringLiteral("stdp.csv"));
  saveCsv(csv);
  written << csv;
  return written;
}

bool StdpPanel::importMeasured(const QString& path) {
  try {
    m_measured = readMeasuredPoints(path.toStdString());
  } catch (const Error& e) {
    QMessageBox box(QMessageBox::Warning, tr("Import measured points"),
                    tr("Could not import %1.").arg(QFileInfo(path).fileName()), QMessageBox::Ok, this);
    box.setObjectName(QStringLiteral("importErrorBox"));
    box.setInformativeText(QString::fromUtf8(e.what()));
    box.exec();
    return false;
  }
  QCheckBox* toggle = m_toggles[stdp_names::kMeasured];
  toggle->setEnabled(true);
  toggle->setChecked(true);
  m_status->setText(tr("Imported %1 measured points from %2.").arg(m_measured->size()).arg(QFileInfo(path).fileName()));
  redrawCurves();
  return true;
}

void StdpPanel::importClicked() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Import measured STDP points"), QString(),
                                                    tr("CSV files (*.csv *.txt);;All files (*)"));
  if (!path.isEmpty()) importMeasured(path);
}

void StdpPanel::exportFigureClicked() {
  QString filter;
  QString path =
      QFileDialog::getSaveFileName(this, tr("Export STDP figure"), QStringLiteral("stdp.png"),
                                   tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"), &filter);
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty())
    path += filter.contains(QLatin1String("svg")) ? ".svg" : filter.contains(QLatin1String("pdf")) ? ".pdf" : ".png";
  try {
    saveFigure(path);
  } catch (const Error& e) {
    QMessageBox::warning(this, tr("Export STDP figure"), QString::fromUtf8(e.what()));
  }
}

void StdpPanel::exportCsvClicked() {
  QString path =
      QFileDialog::getSaveFileName(this, tr("Export STDP curves"), QStringLiteral("stdp.csv"), tr("CSV (*.csv)"));
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".csv");
  try {
    saveCsv(path);
  } catch (const Error& e) {
    QMessageBox::warning(this, tr("Export STDP curves"), QString::fromUtf8(e.what()));
  }
}

}  // namespace vpf
