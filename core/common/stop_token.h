#pragma once
// Cooperative cancellation shared between a GUI/CLI thread and a long computation.
#include <atomic>

namespace vpf {

class StopToken {
 public:
  void requestStop() { m_stop.store(true, std::memory_order_relaxed); }
  void reset() { m_stop.store(false, std::memory_order_relaxed); }
  bool stopRequested() const { return m_stop.load(std::memory_order_relaxed); }

 private:
  std::atomic<bool> m_stop{false};
};

/// Progress callback for long non-training work (Parzen, evaluation): fraction in [0,1].
/// Returning false cancels.
}  // namespace vpf
