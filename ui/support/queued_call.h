#pragma once
// Cross-thread calls that ThreadSanitizer can check (tests/fuzz/README.md, "ThreadSanitizer").
// postQueuedCall(receiver, f) runs f on the receiver's thread, like QMetaObject::invokeMethod with
// Qt::QueuedConnection, but through an event this code allocates: everything the call carries is
// written before the hand-off is published and read only after it is taken, in instrumented code.
// Qt orders a posted event through a mutex inside libQt6Core, which TSan cannot see (Debian's Qt is
// not instrumented); the event's own address carries that edge to TSan instead. Without TSan the
// annotations compile to nothing.
//
// The receiver's event() must start with `if (runQueuedCall(event)) return true;`.
#include <QEvent>
#include <QObject>
#include <functional>

namespace vpf {

/// Posts `call` to run on `receiver`'s thread. If the receiver is deleted first, it never runs.
void postQueuedCall(QObject* receiver, std::function<void()> call);

/// Runs the call if `event` came from postQueuedCall (then returns true); false for other events.
bool runQueuedCall(QEvent* event);

}  // namespace vpf
