#pragma once
// Entry point of the `vpf` command line: parses the subcommand, runs it, maps errors to exit
// codes (0 ok, 1 runtime error, 2 usage error). Progress goes to stderr, results to stdout.
namespace vpf::cli {
int run(int argc, char** argv);
}
