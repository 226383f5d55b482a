#include "ui/support/queued_call.h"

#include <QCoreApplication>

#if defined(__SANITIZE_THREAD__)
#define VPF_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define VPF_TSAN 1
#endif
#endif

#ifdef VPF_TSAN
extern "C" void __tsan_acquire(void* address);
extern "C" void __tsan_release(void* address);
#endif

namespace vpf {
namespace {

// One type for the whole application, registered on first use.
QEvent::Type queuedCallType() {
  static const auto type = static_cast<QEvent::Type>(QEvent::registerEventType());
  return type;
}

class QueuedCallEvent final : public QEvent {
 public:
  explicit QueuedCallEvent(std::function<void()> call) : QEvent(queuedCallType()), m_call(std::move(call)) {}
  void run() { m_call(); }

 private:
  std::function<void()> m_call;
};

}  // namespace

void postQueuedCall(QObject* receiver, std::function<void()> call) {
  auto* event = new QueuedCallEvent(std::move(call));
#ifdef VPF_TSAN
  __tsan_release(event);  // after the event and its captures are written, before anyone can see it
#endif
  QCoreApplication::postEvent(receiver, event);  // Qt owns and deletes it
}

bool runQueuedCall(QEvent* event) {
#ifdef VPF_TSAN
  __tsan_acquire(event);  // first: even reading the type reads the poster's memory
#endif
  if (event->type() != queuedCallType()) return false;
  static_cast<QueuedCallEvent*>(event)->run();
  return true;
}

}  // namespace vpf
