#include "ui/training/snapshot_hub.h"

namespace vpf {

SnapshotHub::SnapshotHub(QObject* parent, int intervalMs) : QObject(parent) {
  m_timer.setSingleShot(true);
  m_timer.setInterval(intervalMs);
  connect(&m_timer, &QTimer::timeout, this, &SnapshotHub::flush);
}

void SnapshotHub::post(const SnapshotPtr& snapshot) {
  if (!snapshot) return;
  m_pending = snapshot;
  if (!m_timer.isActive()) m_timer.start();
}

void SnapshotHub::flush() {
  m_timer.stop();
  if (!m_pending) return;
  m_current = std::move(m_pending);
  m_pending.reset();
  emit snapshotChanged(m_current);
}

}  // namespace vpf
