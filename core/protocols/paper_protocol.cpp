#include "core/protocols/paper_protocol.h"

#include <algorithm>

#include "core/learning/algorithms.h"

namespace vpf::protocol {

RowRange validationRange(int trainRows, int n) {
  const int begin = std::min(kValidationBegin, std::max(0, trainRows - n));
  return {begin, std::max(0, std::min(n, trainRows - begin))};
}

Matrix validationRows(const Matrix& train, int n) {
  const RowRange r = validationRange(static_cast<int>(train.rows()), n);
  return train.middleRows(r.begin, r.count);
}

const std::vector<CorruptionPattern>& table1Patterns() {
  static const std::vector<CorruptionPattern> patterns{CorruptionPattern::Top, CorruptionPattern::Bottom,
                                                       CorruptionPattern::Left, CorruptionPattern::Right};
  return patterns;
}

int reconstructionTransitions(const TrainingConfig& config) {
  return algorithmInfo(config.algorithm).reconstructionTransitions;
}

double perUnitWeightDecay(double lambda, int units) { return lambda * units; }

}  // namespace vpf::protocol
