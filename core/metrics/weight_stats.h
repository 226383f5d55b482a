#pragma once
// Weight statistics of paper "Experiments" (Fig. 3c), for a weight matrix W (n_in × n_out):
//   ρ  = (1/(n_in·n_out)) Σ_j (Σ_i w_ij²)² / Σ_i w_ij⁴     (weight sparsity)
//   w² = (1/n_out) Σ_ij w_ij²                              (squared weight)
#include "core/common/types.h"

namespace vpf {

double weightSparsity(const Matrix& w);
double squaredWeight(const Matrix& w);

}  // namespace vpf
