#include "ui/targetprop/tp_samples_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>

#include "core/common/error.h"
#include "core/common/paper_reference.h"
#include "core/common/rng.h"
#include "core/io/csv_writer.h"
#include "core/targetprop/generate.h"
#include "core/targetprop/prior.h"
#include "core/targetprop/tp_rows.h"
#include "figures/sampling_figures.h"
#include "ui/support/form.h"
#include "ui/support/image_tile.h"
#include "ui/support/task_runner.h"

namespace vpf {

using namespace targetprop;

namespace {
constexpr int kGridSamples = 100;
constexpr std::uint64_t kSampleSeed = 42;
}  // namespace

struct TpSamplesView::Settings {
  GenerateSettings generate;
  int priorRows = kPriorImages;
};

TpSamplesView::TpSamplesView(QWidget* parent)
    : TpView(parent), m_sampler(new TaskRunner(this)), m_parzenRunner(new TaskRunner(this)) {
  m_mode = form::comboBox({tr("Alg. 2"), tr("directed")}, QStringLiteral("tpSampleMode"),
                          tr("Alg. 2: decode a prior draw, then rounds of INFERENCE (α 0.3) and decoding; directed: "
                             "the first decode only (the paper's 126)"));
  m_kappa = form::comboBox({QStringLiteral("4"), QStringLiteral("16")}, QStringLiteral("tpKappa"),
                           tr("κ, the prior's variance scale: 4 as the paper says (variance × 4), 16 as its code "
                              "does (std × 4). 16 won on validation (Parzen 236 against 219 after 20 epochs)"));
  m_kappa->setCurrentIndex(1);
  m_rounds = new QSlider(Qt::Horizontal);
  m_rounds->setObjectName(QStringLiteral("tpRounds"));
  m_rounds->setRange(0, 10);
  m_rounds->setValue(3);
  m_rounds->setFixedWidth(120);
  m_rounds->setToolTip(tr("GENERATE rounds (paper: 3)"));
  m_roundsLabel = new QLabel;
  m_priorRows = form::comboBox({tr("10,000 images"), tr("all images")}, QStringLiteral("tpPriorRows"),
                               tr("The images p(h2) is fitted on, for a model without a prior"));
  m_parzenSize = form::comboBox({QStringLiteral("1,000 × 1,000"), QStringLiteral("10,000 × 10,000")},
                                QStringLiteral("tpParzenSize"), tr("samples × grey test images (the paper: 10,000)"));
  m_parzenButton = form::button(tr("Parzen"), QStringLiteral("tpParzen"),
                                tr("Parzen log-likelihood of grey test images under the samples (σ 0.2)"));
  m_parzenLabel = form::statusLabel(QStringLiteral("tpParzenLabel"), 3);
  m_grid = new ImageTile(tr("samples"));
  m_grid->setPreferredScale(2);
  m_film = new ImageTile(tr("one sample over the rounds"));
  m_film->setPreferredScale(2);
  m_status = form::statusLabel(QString(), 2);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form::row({"mode", m_mode, "κ", m_kappa}));
  layout->addLayout(form::row({"rounds", m_rounds, m_roundsLabel, "prior on", m_priorRows}));
  layout->addWidget(m_grid, 1);
  layout->addWidget(m_film);
  layout->addLayout(form::row({m_parzenSize, m_parzenButton}));
  layout->addWidget(m_parzenLabel);
  layout->addWidget(m_status);

  auto changed = [this] {
    m_stale = true;
    refresh();
  };
  connect(m_mode, &QComboBox::currentIndexChanged, this, changed);
  connect(m_kappa, &QComboBox::currentIndexChanged, this, changed);
  connect(m_rounds, &QSlider::valueChanged, this, changed);
  connect(m_priorRows, &QComboBox::currentIndexChanged, this, [this, changed] {
    m_fitted.reset();
    changed();
  });
  connect(m_parzenButton, &QPushButton::clicked, this, &TpSamplesView::runParzen);
  for (TaskRunner* r : {m_sampler, m_parzenRunner})
    connect(r, &TaskRunner::failed, this,
            [this](quint64, const QString& m) { m_status->setText(tr("Failed: %1").arg(m)); });
  connect(m_parzenRunner, &TaskRunner::busyChanged, this,
          [this](bool busy) { m_parzenButton->setText(busy ? tr("Cancel") : tr("Parzen")); });
  connect(m_parzenRunner, &TaskRunner::progress, this,
          [this](quint64, double f) { m_parzenLabel->setText(tr("Parzen… %1 %").arg(qRound(100 * f))); });
  m_roundsLabel->setText(QString::number(m_rounds->value()));
}

TpSamplesView::Settings TpSamplesView::settings() const {
  Settings s;
  s.generate.mode = m_mode->currentIndex() == 0 ? GenerateMode::Alg2 : GenerateMode::Directed;
  s.generate.rounds = m_rounds->value();
  s.generate.priorScale = m_kappa->currentIndex() == 0 ? 4 : 16;
  s.priorRows = m_priorRows->currentIndex() == 0 ? kPriorImages : 0;
  return s;
}

void TpSamplesView::setSnapshot(const TpSnapshotPtr& s) {
  if (!s || !s->model || s->modelVersion == m_modelVersion) return;
  m_model = s->model;
  m_modelVersion = s->modelVersion;
  m_binarised = s->config.binarised;
  m_fitted = m_model->hasPrior() ? m_model : nullptr;
  if (m_parzen || m_parzenRunner->isBusy()) {  // a score belongs to the model it was measured on
    m_parzenRunner->cancel();
    m_parzen.reset();
    m_parzenLabel->setText(tr("The model changed: press Parzen to score it."));
  }
  m_stale = true;
  if (!s->running) refresh();
}

void TpSamplesView::setDataset(std::shared_ptr<const DataSplits> data) {
  TpView::setDataset(std::move(data));
  m_fitted = m_model && m_model->hasPrior() ? m_model : nullptr;
  m_stale = true;
  refresh();
}

bool TpSamplesView::isBusy() const { return m_sampler->isBusy() || m_parzenRunner->isBusy(); }

namespace {

std::shared_ptr<const TpModel<float>> withPrior(std::shared_ptr<const TpModel<float>> model, const DataSplits& data,
                                                bool binarised, int priorRows, const InferenceSettings& inference) {
  if (model->hasPrior()) return model;
  auto fitted = std::make_shared<TpModel<float>>(*model);
  fitPrior(*fitted, pixelRows(data.train.images, trainingRange(data, priorRows), binarised), inference);
  return fitted;
}

struct SampleResult {
  std::shared_ptr<const TpModel<float>> fitted;
  Matrix samples;
  std::vector<Matrix> frames;  // sample 0 after each round
};

SampleResult drawSamples(std::shared_ptr<const TpModel<float>> model, const DataSplits& data, bool binarised,
                         int priorRows, const GenerateSettings& settings) {
  SampleResult r;
  r.fitted = withPrior(std::move(model), data, binarised, priorRows, InferenceSettings{});
  Rng rng(kSampleSeed, 3);
  std::vector<Matrix> rounds;
  r.samples = generate<float>(*r.fitted, kGridSamples, settings, rng, &rounds);
  for (const Matrix& frame : rounds) r.frames.push_back(frame.topRows(1));
  return r;
}

}  // namespace

void TpSamplesView::refresh() {
  m_roundsLabel->setText(QString::number(m_rounds->value()));
  if (!m_stale || !isVisible() || !m_model || !m_data) return;
  resample();
}

void TpSamplesView::resample() {
  m_stale = false;
  if (const QString why = pixelMismatch(*m_data, m_model->arch.visible); !why.isEmpty()) {
    m_status->setText(why);
    return;
  }
  const Settings s = settings();
  auto model = m_fitted ? m_fitted : m_model;
  auto data = m_data;
  const bool binarised = m_binarised;
  if (!model->hasPrior())
    m_status->setText(tr("Fitting the prior p(h2) on %1 training images…")
                          .arg(s.priorRows ? QString::number(s.priorRows) : tr("all")));
  m_sampler->submit(
      [model, data, binarised, s](const TaskRunner::Progress&) -> std::any {
        return std::make_shared<SampleResult>(drawSamples(model, *data, binarised, s.priorRows, s.generate));
      },
      [this, s](std::any result) {
        auto r = std::any_cast<std::shared_ptr<SampleResult>>(result);
        m_fitted = r->fitted;
        showSamples(r->samples, r->frames,
                    tr("%1 %2 samples, %3 round(s), κ %4, seed %5")
                        .arg(kGridSamples)
                        .arg(s.generate.mode == GenerateMode::Alg2 ? tr("Alg. 2") : tr("directed"))
                        .arg(s.generate.mode == GenerateMode::Alg2 ? s.generate.rounds : 0)
                        .arg(s.generate.priorScale)
                        .arg(kSampleSeed));
      });
}

void TpSamplesView::computeNow() {
  if (!m_model || !m_data) throw Error("no model to sample from");
  m_sampler->cancel();
  m_stale = false;
  const Settings s = settings();
  const SampleResult r = drawSamples(m_fitted ? m_fitted : m_model, *m_data, m_binarised, s.priorRows, s.generate);
  m_fitted = r.fitted;
  showSamples(r.samples, r.frames, tr("%1 samples").arg(kGridSamples));
}

void TpSamplesView::showSamples(const Matrix& samples, const std::vector<Matrix>& frames, const QString& note) {
  const auto [rows, cols] = imageShape(*m_data, static_cast<int>(samples.cols()));
  m_samples = samples;
  m_caption = note;
  m_grid->setImage(sampleGrid(samples, rows, cols, 10));
  m_grid->setCaption(note);
  Matrix film(static_cast<Eigen::Index>(frames.size()), samples.cols());
  for (std::size_t i = 0; i < frames.size(); ++i) film.row(static_cast<Eigen::Index>(i)) = frames[i].row(0);
  m_film->setImage(sampleGrid(film, rows, cols, static_cast<int>(frames.size())));
  m_film->setCaption(frames.size() > 1
                         ? tr("sample 1 after the first decode and after each of the %1 rounds").arg(frames.size() - 1)
                         : tr("sample 1 (directed: one decode)"));
  m_status->setText(
      tr("Paper (Fig. 3): Alg. 2 samples look like digits after 3 rounds; "
         "the directed samples are blurrier (Parzen 126 against 236)."));
  emit samplesShown();
}

void TpSamplesView::runParzen() {
  if (m_parzenRunner->isBusy()) {
    m_parzenRunner->cancel();
    m_parzenLabel->setText(tr("Parzen cancelled."));
    return;
  }
  if (!m_model || !m_data) return;
  const int n = m_parzenSize->currentIndex() == 0 ? 1000 : 10000;
  const Settings s = settings();
  auto model = m_fitted ? m_fitted : m_model;
  auto data = m_data;
  const bool binarised = m_binarised;
  m_parzenMode = s.generate.mode == GenerateMode::Alg2 ? QStringLiteral("Alg. 2") : QStringLiteral("directed");
  m_parzenLabel->setText(tr("Parzen: drawing %1 samples…").arg(n));
  m_parzenRunner->submit(
      [model, data, binarised, s, n](const TaskRunner::Progress& progress) -> std::any {
        auto fitted = withPrior(model, *data, binarised, s.priorRows, InferenceSettings{});
        Rng rng(kSampleSeed, 11);
        const Matrix samples = generate<float>(*fitted, n, s.generate, rng);
        if (!progress(0.3)) return std::optional<ParzenResult>();
        const Matrix test = data->test.images.topRows(std::min<Eigen::Index>(n, data->test.images.rows()));
        const ParzenResult r = parzenLogLikelihood(samples, test, paper::bengio2015::kSigma,
                                                   [&](double f) { return progress(0.3 + 0.7 * f); });
        return r.cancelled ? std::optional<ParzenResult>() : std::optional<ParzenResult>(r);
      },
      [this](std::any result) {
        m_parzen = std::any_cast<std::optional<ParzenResult>>(result);
        showParzen();
      });
}

void TpSamplesView::showParzen() {
  if (!m_parzen) {
    m_parzenLabel->setText(tr("Parzen cancelled."));
    return;
  }
  const ParzenResult& r = *m_parzen;
  const double paper =
      m_parzenMode == QLatin1String("Alg. 2") ? paper::bengio2015::kParzen : paper::bengio2015::kParzenDirected;
  m_parzenLabel->setText(tr("%1: %2 ± %3 nats (σ %4, %5 samples × %6 grey test images) — paper %7 (Alg. 2 236, "
                            "directed 126, from 10,000 × 10,000; fewer samples score lower): %8 %9")
                             .arg(m_parzenMode)
                             .arg(r.mean, 0, 'f', 1)
                             .arg(r.standardError, 0, 'f', 1)
                             .arg(r.sigma)
                             .arg(r.samples)
                             .arg(r.testImages)
                             .arg(paper)
                             .arg(r.mean - paper >= 0 ? QStringLiteral("+") : QString())
                             .arg(r.mean - paper, 0, 'f', 1));
  emit parzenShown();
}

void TpSamplesView::exportFigure(const QString& path, const FigureSize& size) {
  if (m_samples.size() == 0 || m_stale) computeNow();
  ImageStripFigure f;
  f.title = tr("Target prop (Bengio et al. 2015): GENERATE samples");
  f.images.push_back({m_grid->image(), m_caption});
  if (m_parzen) f.notes << m_parzenLabel->text();
  savePainted([f](QPainter& p, const QRectF& rect) { paintImageStrip(p, rect, f); }, path, size);
}

void TpSamplesView::exportCsv(const QString& path) {
  if (m_samples.size() == 0 || m_stale) computeNow();
  std::vector<std::string> header{"sample"};
  for (Eigen::Index c = 0; c < m_samples.cols(); ++c) header.push_back("p" + std::to_string(c));
  CsvWriter csv(header);
  for (Eigen::Index r = 0; r < m_samples.rows(); ++r) {
    std::vector<double> row{static_cast<double>(r)};
    for (Eigen::Index c = 0; c < m_samples.cols(); ++c) row.push_back(m_samples(r, c));
    csv.addRow(row);
  }
  csv.save(path.toStdString());
}

}  // namespace vpf
