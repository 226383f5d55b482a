#pragma once
// The busy cursor while the GUI thread reads or writes files (data sets, models, exports):
// set for the lifetime of a WaitCursor object.
#include <QApplication>

namespace vpf {

class WaitCursor {
 public:
  WaitCursor() { QApplication::setOverrideCursor(Qt::WaitCursor); }
  ~WaitCursor() { QApplication::restoreOverrideCursor(); }
  WaitCursor(const WaitCursor&) = delete;
  WaitCursor& operator=(const WaitCursor&) = delete;
};

}  // namespace vpf
