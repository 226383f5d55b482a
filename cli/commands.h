#pragma once
// One function per subcommand; each adds its CLI11 subcommand with options and a callback.
// Callbacks throw vpf::Error for runtime failures (exit 1) and CLI::ValidationError for bad
// arguments (exit 2).
namespace CLI {
class App;
}

namespace vpf::cli {
void addTrainCommand(CLI::App& app);
void addReconstructCommand(CLI::App& app);
void addSampleCommand(CLI::App& app);
void addParzenCommand(CLI::App& app);
void addLoglikCommand(CLI::App& app);
void addStudyCommand(CLI::App& app);
void addEarlyInferenceCommand(CLI::App& app);
void addInfoCommand(CLI::App& app);
void addBenchCommand(CLI::App& app);
void addStdpCommand(CLI::App& app);
void addReproCommand(CLI::App& app);
void addTpCommand(CLI::App& app);  // cli/cmd_tp.cpp and its subcommands (cli/tp_commands.h)
}  // namespace vpf::cli
