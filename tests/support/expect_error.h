#pragma once
// Runs f and returns the vpf::Error message it threw, or "<no error>" when it did not throw.
// (Used instead of QVERIFY_THROWS_EXCEPTION so the message can be checked too.)
#include <string>

#include "core/common/error.h"

namespace vpf::testing {

template <typename F>
std::string errorOf(F&& f) {
  try {
    f();
  } catch (const vpf::Error& e) {
    return e.what();
  }
  return "<no error>";
}

}  // namespace vpf::testing
