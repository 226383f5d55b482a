#pragma once
// One exception type for every user-facing failure of the core: the message is shown as is
// in the GUI and the CLI, so it must name the file/parameter and the problem.
#include <stdexcept>
#include <string>

namespace vpf {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace vpf
