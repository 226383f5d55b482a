#include "core/targetprop/activation.h"

#include "core/common/error.h"

namespace vpf::targetprop {

Activation parseActivation(const std::string& name) {
  if (name == "softplus") return Activation::Softplus;
  if (name == "sigmoid") return Activation::Sigmoid;
  if (name == "identity") return Activation::Identity;
  throw Error("unknown activation \"" + name + "\" (expected softplus, sigmoid or identity)");
}

std::string activationName(Activation a) {
  switch (a) {
    case Activation::Softplus:
      return "softplus";
    case Activation::Sigmoid:
      return "sigmoid";
    case Activation::Identity:
      break;
  }
  return "identity";
}

}  // namespace vpf::targetprop
