#pragma once
// Shared pieces of the `vpf tp` subcommands: the rows the paper's protocol uses (spec A7: training
// images 0–49,999, validation 50,000–59,999, the test set only for reported numbers), grey or
// binarised pixels, a fitted prior for files without one, and the comma-separated number options.
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "core/common/error.h"
#include "core/data/dataset.h"
#include "core/protocols/paper_protocol.h"
#include "core/targetprop/tp_model_file.h"
#include "core/targetprop/tp_rows.h"

namespace vpf::cli::tp {

// The protocol's rows and constants live in core/targetprop/tp_rows.h.
using targetprop::imageShape;
using targetprop::kPriorImages;
using targetprop::kValidationImages;
using targetprop::pixelRows;
using targetprop::trainingRange;
using targetprop::validationRange;

/// Loads `source` (mnist | fashion | dir | prefix) and prints one line to stderr.
DataSplits loadTpSplits(const std::string& source);
/// The data set a command reads: `given`, else the model's, else mnist.
std::string datasetOf(const std::string& given, const targetprop::TpModelMeta& meta);

/// Fits the prior on the first `priorImages` training rows (0: all) when the file has none.
void ensurePrior(targetprop::TpModelFile& file, const DataSplits& splits, int priorImages);

/// "a,b,c" → exactly `count` numbers; a CLI::ValidationError naming `option` otherwise.
std::vector<double> parseNumbers(const std::string& text, std::size_t count, const std::string& option);

/// Runs f; a vpf::Error it throws becomes a usage error (exit 2) with the core's message.
template <typename F>
void asUsageError(const std::string& option, F&& f) {
  try {
    f();
  } catch (const Error& e) {
    throw CLI::ValidationError(option, e.what());
  }
}

}  // namespace vpf::cli::tp
