#pragma once
// Paper Alg. 2 as the Confabulate tab runs it on its workers: confabulations of one model with
// the prior's layer means computed on first use (an E-step pass over ≤ 10,000 training images,
// seeded inside meanBottomUpActivations, so it is reproducible), and the prior's short name.
#include <QString>
#include <memory>
#include <vector>

#include "core/sampling/confabulation.h"
#include "ui/support/sampling_context.h"

namespace vpf::confab {

using MeansPtr = std::shared_ptr<const std::vector<RowVector>>;

/// `count` confabulations of `m` with seed `seed`; fills `means` for prior P when it is null
/// (then `train` must be given) and the descent trace when `trace` is not null.
Matrix generate(const BoltzmannMachine& m, int count, ConfabulationPrior prior, int r, quint64 seed, MeansPtr& means,
                const MatrixPtr& train, std::vector<Matrix>* trace);

/// "R" (uniform) or "P" (mean bottom-up activation).
QString priorName(ConfabulationPrior p);

}  // namespace vpf::confab
