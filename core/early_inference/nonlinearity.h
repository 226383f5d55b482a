#pragma once
// The neural non-linearity ρ of Bengio & Fischer 2015 (DESIGN §19, spec B1): the hard sigmoid of
// Eq. 7, ρ(s) = clip(s − β1, 0, 1) with β1 = −½, β2 = ½ (so ρ(0) = ½, ρ′(0) = 1; Eq. 7's "v" is a
// typo for s), and the smooth variant ρ(s) = sigm(4s) with the same slope at 0. rhoChange gives the
// exact differences ρ(s+u) − ρ(s) and ρ′(s+u) − ρ′(s) that the displacement form of the dynamics
// integrates (never computed by subtracting two rounded values of ρ).
#include <string>

namespace vpf::early_inference {

enum class Rho { HardSigmoid, Sigmoid4 };

inline constexpr double kBeta1 = -0.5;  // lower kink of the hard sigmoid
inline constexpr double kBeta2 = 0.5;   // upper kink, β2 = β1 + 1

/// "hard" / "sigmoid4" ↔ enum; parseRho throws vpf::Error naming the bad value.
std::string rhoName(Rho rho);
Rho parseRho(const std::string& name);

/// ρ(s), ρ′(s), ρ″(s). The hard sigmoid's ρ′ is 1 on the closed interval [β1, β2] (Eq. 7) and 0
/// outside; its ρ″ is 0 everywhere.
double rho(Rho kind, double s);
double rhoPrime(Rho kind, double s);
double rhoSecond(Rho kind, double s);

struct RhoChange {
  double value = 0;  // ρ(s+u) − ρ(s)
  double prime = 0;  // ρ′(s+u) − ρ′(s)
};

/// Exact changes at s for the displacement u. Hard sigmoid: (u, 0) when s and s+u are both in
/// [β1, β2]. sigm(4s), with a = 4s, δ = 4u: Δσ = σ(a+δ)(1 − σ(a))·(−expm1(−δ)), Δρ′ = 4Δσ(1 − σ(a) −
/// σ(a+δ)). Both give exactly (0, 0) for u = 0.
RhoChange rhoChange(Rho kind, double s, double u);

}  // namespace vpf::early_inference
