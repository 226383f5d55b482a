#pragma once
// The status-bar part of the window: epoch/batch, objective, samples/s, and a progress bar with ETA.
#include <QWidget>

#include "ui/training/training_snapshot.h"

class QLabel;
class QProgressBar;

namespace vpf {

class TrainingStatus : public QWidget {
  Q_OBJECT
 public:
  explicit TrainingStatus(QWidget* parent = nullptr);
  void setSnapshot(const SnapshotPtr& snapshot);
  QString text() const;  // the labels joined, for tests

  static QString formatDuration(double seconds);

 private:
  QLabel* m_state;
  QLabel* m_epoch;
  QLabel* m_objective;
  QLabel* m_speed;
  QProgressBar* m_progress;
  QLabel* m_progressText;
};

}  // namespace vpf
