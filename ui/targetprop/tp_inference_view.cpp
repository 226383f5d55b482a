#include "ui/targetprop/tp_inference_view.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

#include "core/targetprop/joint_density.h"
#include "core/targetprop/tp_rows.h"
#include "figures/pixel_images.h"
#include "figures/training_plots.h"
#include "ui/support/form.h"
#include "ui/support/image_tile.h"
#include "ui/support/task_runner.h"

namespace vpf {

using namespace targetprop;

namespace {
constexpr int kStripTimes[] = {0, 5, 10, 20};
constexpr int kIndividualCurves = 10;
}  // namespace

struct TpInferenceView::Result {
  TpInferencePlot figure;
  std::vector<QImage> strip;  // x, then g1(h1) at kStripTimes (≤ N)
  QString note;
};

// Both modes' ℓ trajectories on `images` validation rows and the strip for the first; null when cancelled.
std::shared_ptr<TpInferenceView::Result> computeInference(const TpModel<float>& model, const DataSplits& data,
                                                          const InferenceSettings& settings, bool withPrior,
                                                          bool binarised, int images,
                                                          const TaskRunner::Progress& progress) {
  const protocol::RowRange range = validationRange(data, images);
  const Matrix x = pixelRows(data.train.images, range, binarised);
  auto r = std::make_shared<TpInferenceView::Result>();
  int index = 0;
  for (InferenceMode mode : {InferenceMode::TargetProp, InferenceMode::Gradient}) {
    InferenceSettings s = settings;
    s.mode = mode;
    const JointTrajectory t = jointTrajectory(model, x, s);
    const Eigen::MatrixXd& values = withPrior && t.withPrior.size() > 0 ? t.withPrior : t.withoutPrior;
    r->figure.curves.push_back({QString::fromStdString(mode == InferenceMode::TargetProp ? "targetprop" : "gradient"),
                                meanCurve(values), sampleTrajectories(values, kIndividualCurves)});
    if (!progress(++index / 3.0)) return nullptr;
  }
  const bool priorShown = withPrior && model.hasPrior();
  r->figure.title = QStringLiteral("ℓ(x, h) over INFERENCE on %1 validation images, %2 the prior term")
                        .arg(x.rows())
                        .arg(priorShown ? QStringLiteral("with") : QStringLiteral("without"));
  if (withPrior && !model.hasPrior())
    r->note = QStringLiteral("The model has no prior yet (it is fitted at the end of training): shown without it. ");
  // The strip: one image's reconstruction g1(h1) as targetprop INFERENCE refines h1.
  const auto [rows, cols] = imageShape(data, static_cast<int>(x.cols()));
  const Matrix one = x.topRows(1);
  r->strip.push_back(greyImage(RowVector(one.row(0)), rows, cols));
  InferenceSettings s = settings;
  s.mode = InferenceMode::TargetProp;
  Inference<float> inference(model, one, s);
  for (int t : kStripTimes) {
    if (t > settings.iterations) break;
    while (inference.iterationsDone() < t) inference.step();
    const Matrix g = model.g1(inference.state().h1);
    r->strip.push_back(greyImage(RowVector(g.row(0)), rows, cols));
  }
  return r;
}

TpInferenceView::TpInferenceView(QWidget* parent)
    : TpView(parent), m_runner(new TaskRunner(this)), m_plot(new QCustomPlot) {
  applyPlotStyle(*m_plot);
  m_plot->setObjectName(QStringLiteral("tpInferencePlot"));
  m_iterations =
      form::spinBox(1, 200, 20, QStringLiteral("tpInferIterations"), tr("INFERENCE iterations N (Fig. 4: 20)"));
  m_delta = form::doubleSpinBox(0.001, 2, 0.1, 3, 0.01, QStringLiteral("tpInferDelta"));
  m_delta->setToolTip(tr("δ, the step of the moves"));
  m_alpha = form::doubleSpinBox(0, 1, 0.001, 4, 0.001, QStringLiteral("tpInferAlpha"));
  m_alpha->setToolTip(tr("α, the weight of log p(h1|h2) in the h1 move (Alg. 2; not Eq. 6's α)"));
  m_images = form::spinBox(10, 10000, 1000, QStringLiteral("tpInferImages"), tr("validation images (from 50,000)"));
  m_withPrior = new QCheckBox(tr("with the prior term log p(h2)"));
  m_withPrior->setObjectName(QStringLiteral("tpInferWithPrior"));
  m_withPrior->setToolTip(tr("The paper does not say whether Fig. 4 includes it; both are computed"));
  m_status = form::statusLabel(QString(), 2);
  auto* strip = new QHBoxLayout;
  m_strip.push_back(new ImageTile(tr("x")));
  for (int t : kStripTimes) m_strip.push_back(new ImageTile(tr("g1(h1), t = %1").arg(t)));
  for (ImageTile* tile : m_strip) {
    tile->setPreferredScale(3);
    strip->addWidget(tile);
  }
  strip->addStretch();
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form::row({"N", m_iterations, "δ", m_delta, "α", m_alpha}));
  layout->addLayout(form::row({"validation images", m_images, m_withPrior}));
  layout->addWidget(m_plot, 1);
  layout->addLayout(strip);
  layout->addWidget(m_status);
  for (QSpinBox* s : {m_iterations, m_images})
    connect(s, &QSpinBox::valueChanged, this, [this] { m_stale = true, refresh(); });
  for (QDoubleSpinBox* s : {m_delta, m_alpha})
    connect(s, &QDoubleSpinBox::valueChanged, this, [this] { m_stale = true, refresh(); });
  connect(m_withPrior, &QCheckBox::toggled, this, [this] { m_stale = true, refresh(); });
  connect(m_runner, &TaskRunner::failed, this,
          [this](quint64, const QString& message) { m_status->setText(tr("Inference failed: %1").arg(message)); });
}

void TpInferenceView::setSnapshot(const TpSnapshotPtr& s) {
  if (!s || !s->model || s->modelVersion == m_modelVersion) return;
  const bool firstModel = !m_model;
  m_model = s->model;
  m_modelVersion = s->modelVersion;
  if (firstModel || s->generation != 0) {
    QSignalBlocker b1(m_delta), b2(m_alpha);
    if (firstModel) {
      m_delta->setValue(s->config.inference.delta);
      m_alpha->setValue(s->config.inference.alpha);
    }
  }
  m_config = s->config;
  m_stale = true;
  if (!s->running) refresh();  // while training the curve would lag the model anyway: update on pause
}

void TpInferenceView::setDataset(std::shared_ptr<const DataSplits> data) {
  TpView::setDataset(std::move(data));
  m_stale = true;
  refresh();
}

bool TpInferenceView::isBusy() const { return m_runner->isBusy(); }

void TpInferenceView::refresh() {
  if (!m_stale || !isVisible() || !m_model || !m_data) return;
  recompute();
}

void TpInferenceView::recompute() {
  m_stale = false;
  if (const QString why = pixelMismatch(*m_data, m_model->arch.visible); !why.isEmpty()) {
    m_status->setText(why);
    return;
  }
  const InferenceSettings settings = currentSettings();
  const bool withPrior = m_withPrior->isChecked();
  const bool binarised = m_config.binarised;
  const int images = m_images->value();
  auto model = m_model;
  auto data = m_data;
  m_status->setText(tr("Running INFERENCE on %1 validation images…").arg(images));
  m_runner->submit(
      [model, data, settings, withPrior, binarised, images](const TaskRunner::Progress& progress) -> std::any {
        return computeInference(*model, *data, settings, withPrior, binarised, images, progress);
      },
      [this](std::any result) {
        auto r = std::any_cast<std::shared_ptr<Result>>(result);
        if (r) show(*r);
      });
}

void TpInferenceView::show(const Result& r) {
  m_figure = r.figure;
  plotTpInference(*m_plot, m_figure);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
  for (std::size_t i = 0; i < m_strip.size(); ++i) m_strip[i]->setImage(i < r.strip.size() ? r.strip[i] : QImage());
  QString text = r.note;
  if (m_figure.curves.size() == 2 && !m_figure.curves[0].curve.mean.empty()) {
    const auto& tp = m_figure.curves[0].curve.mean;
    const auto& gr = m_figure.curves[1].curve.mean;
    auto number = [](double v) { return QString::number(v, 'g', 5); };
    text += tr("ℓ from t = 0 to %1: targetprop %2 → %3, gradient %4 → %5. Paper (Fig. 4): ℓ rises smoothly over "
               "the iterations.")
                .arg(tp.size() - 1)
                .arg(number(tp.front()), number(tp.back()), number(gr.front()), number(gr.back()));
    if (!(std::abs(gr.back() - gr.front()) < 100 * (1 + std::abs(tp.back() - tp.front()))))
      text += tr(" The exact-gradient moves diverge at this δ: their last points leave the plot.");
  }
  m_status->setText(text);
  emit computed();
}

void TpInferenceView::computeNow() {
  if (!m_model || !m_data) throw Error("no model to run INFERENCE with");
  m_runner->cancel();
  m_stale = false;
  const auto r = computeInference(*m_model, *m_data, currentSettings(), m_withPrior->isChecked(), m_config.binarised,
                                  m_images->value(), [](double) { return true; });
  show(*r);
}

InferenceSettings TpInferenceView::currentSettings() const {
  InferenceSettings settings = m_config.inference;
  settings.iterations = m_iterations->value();
  settings.delta = m_delta->value();
  settings.alpha = m_alpha->value();
  return settings;
}

void TpInferenceView::exportFigure(const QString& path, const FigureSize& size) {
  if (m_figure.curves.empty() || m_stale) computeNow();
  savePlot(*m_plot, path, size);
}

void TpInferenceView::exportCsv(const QString& path) {
  if (m_figure.curves.empty() || m_stale) computeNow();
  tpInferenceCsv(m_figure).save(path.toStdString());
}

}  // namespace vpf
