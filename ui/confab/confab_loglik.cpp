// ConfabPanel, the true log-likelihood (DESIGN §7): log Z by AIS (Salakhutdinov & Murray 2008) and
// the test log-likelihood — exact given log Z for an RBM, the mean-field lower bound for a DBM — of
// the model and the comparison model, on the panel's third worker with progress and cancel. It
// judges the model itself, where Parzen judges its samples.
#include <QGroupBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/confab/confab_panel.h"
#include "ui/support/form.h"
#include "ui/support/task_runner.h"

namespace vpf {

QWidget* ConfabPanel::buildLoglik() {
  auto* box = new QGroupBox(tr("True log-likelihood of the test set (AIS)"));
  box->setToolTip(
      tr("log p(v) of the binarised test images: exact given log Z for an RBM, the mean-field lower "
         "bound for a DBM; log Z by annealed importance sampling from a base-rate model"));
  auto* v = new QVBoxLayout(box);
  const LikelihoodSettings defaults;
  m_aisRuns = form::spinBox(2, 10000, defaults.runs, QStringLiteral("aisRuns"), tr("Parallel AIS chains"));
  m_aisBetas = form::spinBox(10, 1000000, defaults.betas, QStringLiteral("aisBetas"),
                             tr("Intermediate distributions (Salakhutdinov & Murray 2008: 14,500)"));
  m_aisTest = form::spinBox(1, 1000000, 10000, QStringLiteral("aisTest"));
  m_aisEstimate = form::button(tr("Estimate true log-likelihood"), QStringLiteral("aisButton"));
  m_aisCancel = form::button(tr("Cancel"), QStringLiteral("aisCancel"));
  m_aisCancel->setEnabled(false);
  m_aisProgress = new QProgressBar;
  m_aisProgress->setRange(0, 1000);
  m_aisLabel = form::statusLabel(QStringLiteral("aisResult"), 4, tr("No estimate yet."));
  connect(m_aisEstimate, &QPushButton::clicked, this, &ConfabPanel::estimateTrueLogLikelihood);
  connect(m_aisCancel, &QPushButton::clicked, this, &ConfabPanel::cancelTrueLogLikelihood);
  v->addLayout(form::row({tr("AIS runs"), m_aisRuns, tr("β steps"), m_aisBetas, tr("test images"), m_aisTest,
                          m_aisEstimate, m_aisCancel}));
  v->addWidget(m_aisProgress);
  v->addWidget(m_aisLabel);

  connect(m_loglikRunner, &TaskRunner::progress, this,
          [this](quint64, double f) { m_aisProgress->setValue(static_cast<int>(f * 1000)); });
  connect(m_loglikRunner, &TaskRunner::busyChanged, this, [this](bool busy) {
    m_aisEstimate->setEnabled(!busy);
    m_aisCancel->setEnabled(busy);
  });
  connect(m_loglikRunner, &TaskRunner::cancelled, this, [this] {
    m_aisProgress->setValue(0);
    m_aisLabel->setText(tr("Estimate cancelled."));
  });
  connect(m_loglikRunner, &TaskRunner::failed, this, [this](quint64, const QString& message) {
    m_aisProgress->setValue(0);
    m_aisLabel->setText(tr("Estimate failed: %1").arg(message));
    emit trueLogLikelihoodFailed(message);
  });
  return box;
}

void ConfabPanel::setAisSettings(int runs, int betas, int testImages) {
  m_aisRuns->setValue(runs);
  m_aisBetas->setValue(betas);
  m_aisTest->setValue(testImages);
}

bool ConfabPanel::isEstimatingTrueLogLikelihood() const { return m_loglikRunner->isBusy(); }

void ConfabPanel::estimateTrueLogLikelihood() {
  const ModelPtr model = m_context->model();
  if (!model) {
    m_aisLabel->setText(m_context->refusal());
    return;
  }
  struct Job {
    ModelPtr model;
    QString name;
  };
  std::vector<Job> jobs{{model, m_context->modelDescription()}};
  if (m_modelB) jobs.push_back({m_modelB, m_nameB});
  LikelihoodSettings settings;
  settings.runs = m_aisRuns->value();
  settings.betas = m_aisBetas->value();
  const MatrixPtr all = m_context->testImages();
  const int nTest = std::min<int>(m_aisTest->value(), static_cast<int>(all->rows()));
  const auto test = std::make_shared<const Matrix>(all->topRows(nTest));
  // The base rate from the same binarised training images the P prior uses.
  const MatrixPtr train = m_context->trainImages();
  m_aisProgress->setValue(0);
  m_aisLabel->setText(tr("Estimating log Z by AIS: %1 runs × %2 β per model, then %3 test images…")
                          .arg(settings.runs)
                          .arg(settings.betas)
                          .arg(nTest));
  m_loglikRunner->submit(
      [jobs, settings, test, train](const TaskRunner::Progress& progress) -> std::any {
        std::vector<LoglikReport> out;
        const double share = 1.0 / static_cast<double>(jobs.size());
        for (std::size_t j = 0; j < jobs.size(); ++j) {
          const double base = static_cast<double>(j) * share;
          LoglikReport report{jobs[j].name, {}, settings};
          report.estimate = vpf::estimateLogLikelihood(*jobs[j].model, *train, *test, settings,
                                                       [&](double f) { return progress(base + f * share); });
          if (report.estimate.cancelled) return out;
          out.push_back(report);
        }
        return out;
      },
      [this](std::any any) {
        m_loglik = std::any_cast<std::vector<LoglikReport>>(std::move(any));
        m_aisProgress->setValue(1000);
        showLoglik();
        emit trueLogLikelihoodFinished();
      });
}

void ConfabPanel::cancelTrueLogLikelihood() { m_loglikRunner->cancel(); }

void ConfabPanel::dropCompareLoglik() {
  const QString current = m_context->modelDescription();
  const auto stale = [&](const LoglikReport& r) { return r.model != current; };
  m_loglik.erase(std::remove_if(m_loglik.begin(), m_loglik.end(), stale), m_loglik.end());
  if (m_aisLabel) showLoglik();
}

void ConfabPanel::showLoglik() {
  if (m_loglik.empty()) {
    m_aisLabel->setText(tr("No estimate yet."));
    return;
  }
  QStringList lines;
  for (const LoglikReport& r : m_loglik) {
    const LikelihoodEstimate& e = r.estimate;
    lines << tr("<b>%1</b>: log p(v) %2 <b>%3 ± %4</b> nats (standard error, %5 binarised test images%6) — log Z = "
                "%7 by %8 [%9, %10] (±3 s.e.)")
                 .arg(r.model.toHtmlEscaped())
                 .arg(e.bound ? tr("≥") : tr("="))
                 .arg(e.testLogLikelihood.mean, 0, 'f', 2)
                 .arg(e.testLogLikelihood.standardError, 0, 'f', 2)
                 .arg(e.testLogLikelihood.images)
                 .arg(e.bound ? tr("; the mean-field lower bound") : QString())
                 .arg(e.logZ.logZ, 0, 'f', 3)
                 .arg(e.logZ.exact ? tr("exact summation")
                                   : tr("AIS (%1 runs × %2 β)").arg(e.logZ.runs).arg(e.logZ.betas))
                 .arg(e.logZ.logZLow, 0, 'f', 3)
                 .arg(e.logZ.logZHigh, 0, 'f', 3);
  }
  m_aisLabel->setText(lines.join(QStringLiteral("<br>")));
}

}  // namespace vpf
