#pragma once
// Paper Table 1 for one model (DESIGN §6, §15): the mean L1 reconstruction error of binarised test
// images whose top, bottom, left or right rows/columns are corrupted, after clamped Gibbs
// transitions. Pattern p (its index in table1Patterns()) runs its chains with seed + p, so every
// pattern draws its own noise and a single pattern scores the same alone as among all four.
// `vpf reconstruct`, `vpf repro` and the Reconstruct tab all call evaluateTable1.
#include <cstdint>
#include <functional>
#include <vector>

#include "core/data/corruption.h"
#include "core/model/boltzmann_machine.h"
#include "core/protocols/paper_protocol.h"
#include "core/sampling/reconstruction.h"

namespace vpf::protocol {

struct Table1Settings {
  int imageRows = 28, imageCols = 28;
  int corruptedRows = kTable1CorruptedRows;
  int transitions = 2;  // see reconstructionTransitions()
  std::uint64_t seed = 42;
  CorruptionStart start = CorruptionStart::Noise;
};

struct PatternScore {
  CorruptionPattern pattern;
  ReconstructionScore score;
};

/// Scores `patterns` (default: all four, in the paper's order) on `images` (N × n0, binarised).
/// `progress(fraction, pattern)` returning false cancels: the patterns finished so far are returned.
std::vector<PatternScore> evaluateTable1(const BoltzmannMachine& model, const Matrix& images,
                                         const Table1Settings& settings,
                                         const std::function<bool(double, CorruptionPattern)>& progress = {},
                                         const std::vector<CorruptionPattern>& patterns = table1Patterns());

/// The mean over the scored patterns' mean errors.
double meanError(const std::vector<PatternScore>& scores);

}  // namespace vpf::protocol
