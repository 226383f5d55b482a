#include "core/protocols/table1.h"

#include <algorithm>

namespace vpf::protocol {

std::vector<PatternScore> evaluateTable1(const BoltzmannMachine& model, const Matrix& images,
                                         const Table1Settings& settings,
                                         const std::function<bool(double, CorruptionPattern)>& progress,
                                         const std::vector<CorruptionPattern>& patterns) {
  std::vector<PatternScore> out;
  const std::vector<CorruptionPattern>& all = table1Patterns();
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    const CorruptionPattern p = patterns[i];
    const auto index = static_cast<std::uint64_t>(std::find(all.begin(), all.end(), p) - all.begin());
    const RowVector mask = corruptionMask(p, settings.imageRows, settings.imageCols, settings.corruptedRows);
    bool go = true;
    const ReconstructionScore s = evaluateReconstruction(
        model, images, mask, settings.transitions, settings.seed + index,
        [&](double f) {
          if (progress) go = progress((static_cast<double>(i) + f) / static_cast<double>(patterns.size()), p);
          return go;
        },
        1000, settings.start);
    if (!go) break;
    out.push_back({p, s});
  }
  return out;
}

double meanError(const std::vector<PatternScore>& scores) {
  if (scores.empty()) return 0;
  double sum = 0;
  for (const PatternScore& s : scores) sum += s.score.mean;
  return sum / static_cast<double>(scores.size());
}

}  // namespace vpf::protocol
