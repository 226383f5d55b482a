#pragma once
// Window geometry that fits the screen: a restored geometry saved on a larger screen (or with
// another layout) must not put the status bar or the title bar off-screen (issue 16, finding 9).
#include <QRect>

namespace vpf {

/// `window` shrunk to at most `available`'s size, then moved (never resized again) so that it lies
/// entirely inside `available`. A window that already fits is returned unchanged.
QRect fitIntoScreen(const QRect& window, const QRect& available);

}  // namespace vpf
