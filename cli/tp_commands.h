#pragma once
// The subcommands of `vpf tp` (Bengio et al. 2015's target-propagation model, spec C1), each adding
// itself to the `tp` command that addTpCommand (cli/commands.h) creates; and the tp part of `vpf info`.
#include <string>

namespace CLI {
class App;
}

namespace vpf::cli {
void addTpTrainCommand(CLI::App& tp);
void addTpSampleCommand(CLI::App& tp);
void addTpParzenCommand(CLI::App& tp);
void addTpInferCommand(CLI::App& tp);
void addTpInpaintCommand(CLI::App& tp);

/// `vpf info` of a target-propagation file: sizes, kind, epochs, config, prior, last losses.
void printTpInfo(const std::string& path, bool json);
}  // namespace vpf::cli
