#include "cli_main.h"

#include <CLI/CLI.hpp>

#include <iostream>

#include "commands.h"
#include "common/error.h"

namespace vpf::cli {

int run(int argc, char** argv) {
  CLI::App app{"vpf — Variational Probability Flow for Boltzmann machines (VPF Lab, headless)"};
  app.require_subcommand(1);
  addTrainCommand(app);
  addReconstructCommand(app);
  addSampleCommand(app);
  addParzenCommand(app);
  addInfoCommand(app);
  addBenchCommand(app);
  addStdpCommand(app);
  addReproCommand(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  } catch (const vpf::Error& e) {
    std::cerr << "vpf: error: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "vpf: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace vpf::cli
