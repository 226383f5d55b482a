#pragma once
// The elementwise maps of the target-propagation model (Bengio et al. 2015, spec A1): softplus
// (stable form max(z,0) + log1p(e^{−|z|})), the logistic sigmoid, and the identity (for the
// closed-form tests). Each map's activation is a setting, so a model file names them.
#include <cmath>
#include <string>

#include "core/common/types.h"

namespace vpf::targetprop {

enum class Activation { Softplus, Sigmoid, Identity };

Activation parseActivation(const std::string& name);  // "softplus" | "sigmoid" | "identity"; throws vpf::Error
std::string activationName(Activation a);

/// a(Z), elementwise.
template <typename S>
MatrixT<S> activate(Activation a, const MatrixT<S>& z) {
  switch (a) {
    case Activation::Softplus:
      return z.unaryExpr([](S v) { return std::max(v, S(0)) + std::log1p(std::exp(-std::abs(v))); });
    case Activation::Sigmoid:
      return z.unaryExpr([](S v) { return S(1) / (S(1) + std::exp(-v)); });
    case Activation::Identity:
      break;
  }
  return z;
}

/// a′(Z) from Z and Y = a(Z) (softplus′ = sigm(Z); sigm′ = Y(1 − Y); identity′ = 1).
template <typename S>
MatrixT<S> derivative(Activation a, const MatrixT<S>& z, const MatrixT<S>& y) {
  switch (a) {
    case Activation::Softplus:
      return activate(Activation::Sigmoid, z);
    case Activation::Sigmoid:
      return (y.array() * (S(1) - y.array())).matrix();
    case Activation::Identity:
      break;
  }
  return MatrixT<S>::Ones(z.rows(), z.cols());
}

}  // namespace vpf::targetprop
