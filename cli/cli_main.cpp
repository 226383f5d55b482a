#include "cli/cli_main.h"

#include <CLI/CLI.hpp>

#include <iostream>

#if __has_include(<omp.h>)
#include <omp.h>
#endif

#include "cli/commands.h"
#include "core/common/error.h"

namespace vpf::cli {

int run(int argc, char** argv) {
  CLI::App app{"vpf — Variational Probability Flow for Boltzmann machines (VPF Lab, headless)"};
  app.require_subcommand(1);
  // On a machine busy with other work, OpenMP's barriers stall whenever a worker thread is
  // descheduled: a CD-10 epoch on 6,000 images took 45–53 s on 2 threads and 3.4 s on 1 with two
  // other processes running. --threads 1 avoids that.
  app.add_option_function<int>(
         "--threads",
         [](int threads) {
#if __has_include(<omp.h>)
           omp_set_num_threads(threads);
#else
           (void)threads;
#endif
         },
         "worker threads for the linear algebra (default: all cores; use 1 on a busy machine); before the subcommand")
      ->check(CLI::Range(1, 1024))
      ->trigger_on_parse();
  addTrainCommand(app);
  addReconstructCommand(app);
  addSampleCommand(app);
  addParzenCommand(app);
  addLoglikCommand(app);
  addEarlyInferenceCommand(app);
  addInfoCommand(app);
  addBenchCommand(app);
  addStdpCommand(app);
  addReproCommand(app);
  addStudyCommand(app);
  addTpCommand(app);
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
