#include "core/early_inference/nonlinearity.h"

#include <algorithm>
#include <cmath>

#include "core/common/error.h"

namespace vpf::early_inference {

namespace {

double sigmoid(double a) {
  if (a >= 0) return 1.0 / (1.0 + std::exp(-a));
  const double e = std::exp(a);
  return e / (1.0 + e);
}

bool linear(double s) { return s >= kBeta1 && s <= kBeta2; }

}  // namespace

std::string rhoName(Rho rho) { return rho == Rho::HardSigmoid ? "hard" : "sigmoid4"; }

Rho parseRho(const std::string& name) {
  if (name == "hard") return Rho::HardSigmoid;
  if (name == "sigmoid4") return Rho::Sigmoid4;
  throw Error("unknown non-linearity '" + name + "' (expected hard or sigmoid4)");
}

double rho(Rho kind, double s) {
  if (kind == Rho::HardSigmoid) return std::clamp(s - kBeta1, 0.0, 1.0);
  return sigmoid(4 * s);
}

double rhoPrime(Rho kind, double s) {
  if (kind == Rho::HardSigmoid) return linear(s) ? 1.0 : 0.0;
  const double p = sigmoid(4 * s);
  return 4 * p * (1 - p);
}

double rhoSecond(Rho kind, double s) {
  if (kind == Rho::HardSigmoid) return 0.0;
  const double p = sigmoid(4 * s);
  return 16 * p * (1 - p) * (1 - 2 * p);
}

RhoChange rhoChange(Rho kind, double s, double u) {
  if (u == 0) return {};
  if (kind == Rho::HardSigmoid) {
    const double moved = s + u;
    if (linear(s) && linear(moved)) return {u, 0.0};
    return {rho(kind, moved) - rho(kind, s), rhoPrime(kind, moved) - rhoPrime(kind, s)};
  }
  const double a = 4 * s, delta = 4 * u;
  const double p0 = sigmoid(a), p1 = sigmoid(a + delta);
  const double dsigma = p1 * (1 - p0) * (-std::expm1(-delta));
  return {dsigma, 4 * dsigma * (1 - p0 - p1)};
}

}  // namespace vpf::early_inference
