#pragma once
// The one coalescing repaint timer of the GUI (DESIGN §9): snapshots posted by the controller are
// collected and handed to the panels at most once per interval (the newest one wins).
#include <QObject>
#include <QTimer>

#include "ui/training/training_snapshot.h"

namespace vpf {

class SnapshotHub : public QObject {
  Q_OBJECT
 public:
  explicit SnapshotHub(QObject* parent = nullptr, int intervalMs = 40);

  /// Queues `snapshot` for the next tick (replacing an older queued one).
  void post(const vpf::SnapshotPtr& snapshot);
  /// Delivers a queued snapshot now.
  void flush();
  SnapshotPtr current() const { return m_current; }

 signals:
  void snapshotChanged(const vpf::SnapshotPtr& snapshot);

 private:
  QTimer m_timer;
  SnapshotPtr m_pending, m_current;
};

}  // namespace vpf
