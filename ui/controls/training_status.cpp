#include "ui/controls/training_status.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <cmath>

#include "core/learning/algorithms.h"

namespace vpf {

TrainingStatus::TrainingStatus(QWidget* parent) : QWidget(parent) {
  m_state = new QLabel;
  m_epoch = new QLabel;
  m_objective = new QLabel;
  m_speed = new QLabel;
  m_progress = new QProgressBar;
  m_progress->setRange(0, 1000);
  m_progress->setFixedWidth(150);
  // The percentage and ETA beside the bar, not on it: over the fill it was hard to read.
  m_progress->setTextVisible(false);
  m_progressText = new QLabel;
  const QFontMetrics fm(font());
  m_epoch->setMinimumWidth(fm.horizontalAdvance(QStringLiteral("Epoch 888/888 · batch 8888/8888")) + 8);
  m_objective->setMinimumWidth(fm.horizontalAdvance(QStringLiteral("K = 8888.888")) + 8);
  m_speed->setMinimumWidth(fm.horizontalAdvance(QStringLiteral("88,888 samples/s")) + 8);
  m_state->setMinimumWidth(fm.horizontalAdvance(QStringLiteral("Stepping epoch")) + 8);
  m_progressText->setMinimumWidth(fm.horizontalAdvance(QStringLiteral("100% · ETA 88:88:88")) + 8);
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(4, 0, 4, 0);
  layout->setSpacing(14);
  layout->addWidget(m_state);
  layout->addWidget(m_epoch);
  layout->addWidget(m_objective);
  layout->addWidget(m_speed);
  layout->addWidget(m_progress);
  layout->addWidget(m_progressText);
  setSnapshot(nullptr);
}

QString TrainingStatus::formatDuration(double seconds) {
  if (seconds < 0 || !std::isfinite(seconds)) return QStringLiteral("–");
  const long long s = std::llround(seconds);
  if (s >= 3600) return QStringLiteral("%1:%2:%3").arg(s / 3600).arg(s / 60 % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'));
  return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

void TrainingStatus::setSnapshot(const SnapshotPtr& s) {
  if (!s || s->phase == TrainingPhase::Empty) {
    m_state->setText(tr("No model"));
    m_epoch->setText(QString());
    m_objective->setText(QString());
    m_speed->setText(QString());
    m_progress->setValue(0);
    m_progressText->setText(tr("idle"));
    return;
  }
  switch (s->phase) {
    case TrainingPhase::Running: m_state->setText(tr("<b>Training</b>")); break;
    case TrainingPhase::Stepping: m_state->setText(tr("<b>Stepping epoch</b>")); break;
    case TrainingPhase::Finished: m_state->setText(tr("Finished")); break;
    default:  // "Paused" only once something ran: a new model has not been paused
      m_state->setText(s->epochsDone == 0 && s->batchIndex == 0 ? tr("Ready") : tr("Paused"));
      break;
  }
  const int shownEpoch = s->atEpochBoundary ? s->epochsDone : s->epochsDone + 1;
  m_epoch->setText(tr("Epoch %1/%2 · batch %3/%4")
                       .arg(shownEpoch)
                       .arg(s->targetEpochs)
                       .arg(s->atEpochBoundary ? (s->epochsDone > 0 ? s->batchesPerEpoch : 0) : s->batchIndex)
                       .arg(s->batchesPerEpoch));
  const AlgorithmInfo& algorithm = algorithmInfo(s->config.algorithm);
  const QString symbol = QString::fromStdString(algorithm.objectiveSymbol);
  if (!s->batchObjective.empty()) {
    // The mean of the last ≤ 50 batches is steadier than the last batch alone.
    const std::size_t n = std::min<std::size_t>(50, s->batchObjective.size());
    double sum = 0;
    for (std::size_t i = s->batchObjective.size() - n; i < s->batchObjective.size(); ++i) sum += s->batchObjective[i];
    m_objective->setText(QStringLiteral("%1 = %2").arg(symbol).arg(sum / n, 0, 'f', 3));
  } else if (!s->history.empty()) {
    m_objective->setText(QStringLiteral("%1 = %2").arg(symbol).arg(s->history.back().objective, 0, 'f', 3));
  } else {
    m_objective->setText(QString());
  }
  m_objective->setToolTip(tr("%1, mean of the recent batches").arg(QString::fromStdString(algorithm.objectiveName)));
  m_speed->setText(s->isTraining() ? tr("%1 samples/s").arg(QLocale().toString(std::llround(s->samplesPerSecond)))
                                   : QString());
  const double bpe = std::max(1, s->batchesPerEpoch);
  const double done = s->epochsDone + (s->atEpochBoundary ? 0.0 : s->batchIndex / bpe);
  const double fraction = s->targetEpochs > 0 ? std::clamp(done / s->targetEpochs, 0.0, 1.0) : 1.0;
  m_progress->setValue(static_cast<int>(std::lround(fraction * 1000)));
  if (s->phase == TrainingPhase::Running && s->etaSeconds >= 0)
    m_progressText->setText(tr("%1% · ETA %2").arg(fraction * 100, 0, 'f', 0).arg(formatDuration(s->etaSeconds)));
  else
    m_progressText->setText(tr("%1%").arg(fraction * 100, 0, 'f', 0));
}

QString TrainingStatus::text() const {
  return QStringList{m_state->text(), m_epoch->text(), m_objective->text(), m_speed->text(), m_progressText->text()}
      .join(QStringLiteral(" | "));
}

}  // namespace vpf
