// vpf tp: the target-propagation model of Bengio et al. 2015 (spec C1) — one parent command whose
// subcommands live in cmd_tp_<x>.cpp.
#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/tp_commands.h"

namespace vpf::cli {

void addTpCommand(CLI::App& app) {
  CLI::App* tp = app.add_subcommand(
      "tp", "Target propagation (Bengio et al. 2015): train, sample, parzen, infer (Fig. 4), inpaint (Fig. 5)");
  tp->require_subcommand(1);
  addTpTrainCommand(*tp);
  addTpSampleCommand(*tp);
  addTpParzenCommand(*tp);
  addTpInferCommand(*tp);
  addTpInpaintCommand(*tp);
}

}  // namespace vpf::cli
