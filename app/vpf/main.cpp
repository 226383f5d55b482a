// vpf: the headless command line of VPF Lab. Wiring only; the commands live in cli/.
#include "cli/cli_main.h"

int main(int argc, char** argv) { return vpf::cli::run(argc, argv); }
