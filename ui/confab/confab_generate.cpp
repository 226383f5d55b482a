#include "ui/confab/confab_generate.h"

#include "core/common/error.h"

namespace vpf::confab {

Matrix generate(const BoltzmannMachine& m, int count, ConfabulationPrior prior, int r, quint64 seed, MeansPtr& means,
                const MatrixPtr& train, std::vector<Matrix>* trace) {
  if (prior == ConfabulationPrior::Mean && !means) {
    if (!train) throw Error("prior P needs the training images (no data set)");
    means = std::make_shared<const std::vector<RowVector>>(meanBottomUpActivations(m, *train));
  }
  Rng rng(seed);
  ConfabulationTrace t;
  Matrix out = confabulate(m, count, prior, r, rng, means.get(), trace ? &t : nullptr);
  if (trace) *trace = std::move(t.topStates);
  return out;
}

QString priorName(ConfabulationPrior p) {
  return p == ConfabulationPrior::Random ? QStringLiteral("R") : QStringLiteral("P");
}

}  // namespace vpf::confab
