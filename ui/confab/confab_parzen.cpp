// ConfabPanel, the Parzen-window estimate (paper Table 2): samples by Alg. 2 from the model (and
// the comparison model) against the test images, σ fixed or selected on a validation slice of
// the training images, on the panel's second worker with progress and cancel.
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "core/protocols/paper_protocol.h"
#include "core/protocols/parzen_protocol.h"
#include "ui/confab/confab_generate.h"
#include "ui/confab/confab_panel.h"
#include "ui/support/form.h"
#include "ui/support/task_runner.h"

namespace vpf {

using confab::generate;
using confab::MeansPtr;
using confab::priorName;

QWidget* ConfabPanel::buildParzen() {
  auto* box = new QGroupBox(tr("Parzen-window log-likelihood of the test set (paper Table 2)"));
  auto* v = new QVBoxLayout(box);
  m_parzenSamples = form::spinBox(10, 100000, protocol::kParzenSamples, QStringLiteral("parzenSamples"));
  m_parzenTest = form::spinBox(1, 1000000, 10000, QStringLiteral("parzenTest"));
  m_sigma = form::doubleSpinBox(0.01, 5, 0.2, 3, 0.01, QStringLiteral("sigma"));
  m_selectSigma = new QCheckBox(tr("select σ"));
  m_selectSigma->setObjectName(QStringLiteral("selectSigma"));
  m_selectSigma->setToolTip(tr("Choose σ from logspace(−1, 0, 10) on training images 50,000–51,000"));
  connect(m_selectSigma, &QCheckBox::toggled, m_sigma, &QWidget::setDisabled);
  m_testPixels = form::comboBox({tr("grey (paper)"), tr("binarised")}, QStringLiteral("testPixels"),
                                tr("Compare the samples with the test images' grey values — the protocol of the "
                                   "paper's Table 2 (its reference measure, 239.88, is only reached on grey images) — "
                                   "or with the binarised test images."));
  m_estimate = form::button(tr("Estimate log-likelihood"), QStringLiteral("estimateButton"));
  m_cancel = form::button(tr("Cancel"), QStringLiteral("cancelEstimate"));
  m_cancel->setEnabled(false);
  m_progress = new QProgressBar;
  m_progress->setRange(0, 1000);
  connect(m_estimate, &QPushButton::clicked, this, &ConfabPanel::estimateLogLikelihood);
  connect(m_cancel, &QPushButton::clicked, this, &ConfabPanel::cancelEstimate);
  m_parzenLabel =
      form::statusLabel(QStringLiteral("parzenResult"), 4, tr("No estimate yet."));  // two models, 2 lines each
  v->addLayout(form::row({tr("samples"), m_parzenSamples, tr("test images"), m_parzenTest, tr("σ"), m_sigma,
                          m_selectSigma, m_testPixels, m_estimate, m_cancel}));
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
  const protocol::TestPixels pixels = grey ? protocol::TestPixels::Grey : protocol::TestPixels::Binarised;
  const double threshold = m_context->config().binarizeThreshold;
  const Matrix& testImages = m_context->data()->test.images;
  const int nTest = std::min<int>(m_parzenTest->value(), static_cast<int>(testImages.rows()));
  const auto test = std::make_shared<const Matrix>(
      protocol::parzenRows(testImages, 0, nTest, pixels, static_cast<float>(threshold)));
  const MatrixPtr train = prior == ConfabulationPrior::Mean ? m_context->trainImages(protocol::kStatisticsImages) : nullptr;
  const bool select = m_selectSigma->isChecked();
  const double sigma = m_sigma->value();
  // DESIGN §7: σ chosen on training images 50,000–51,000 (the last 1,000 of a smaller set).
  const Matrix validation =
      select ? protocol::parzenValidationRows(m_context->data()->train.images, pixels, static_cast<float>(threshold))
             : Matrix();
  m_progress->setValue(0);
  m_parzenLabel->setText(tr("Estimating: %1 samples per model, %2 test images…").arg(count).arg(nTest));
  m_parzenRunner->submit(
      [jobs, count, r, prior, seed, test, train, select, sigma, validation, threshold,
       grey](const TaskRunner::Progress& progress) mutable -> std::any {
        std::vector<ParzenReport> out;
        const double share = 1.0 / static_cast<double>(jobs.size());
        for (std::size_t j = 0; j < jobs.size(); ++j) {
          const double base = static_cast<double>(j) * share;
          if (!progress(base)) return out;
          const Matrix samples = generate(*jobs[j].model, count, prior, r, seed, jobs[j].means, train, nullptr);
          if (!progress(base + 0.15 * share)) return out;
          ParzenReport report;
          report.model = jobs[j].name;
          report.result = protocol::scoreParzen(samples, *test, sigma, select, validation, [&](double f) {
            return progress(base + (0.2 + 0.8 * f) * share);
          });
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

}  // namespace vpf
