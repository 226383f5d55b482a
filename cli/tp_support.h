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

namespace vpf::cli::tp {

/// Images held out of training for validation (MNIST: 50,000–59,999).
inline constexpr int kValidationImages = 10000;
/// Training images the prior is fitted on by default (the tab's default; 0 = all).
inline constexpr int kPriorImages = 10000;

/// Loads `source` (mnist | fashion | dir | prefix) and prints one line to stderr.
DataSplits loadTpSplits(const std::string& source);
/// The data set a command reads: `given`, else the model's, else mnist.
std::string datasetOf(const std::string& given, const targetprop::TpModelMeta& meta);

/// Training rows [0, min(limit, first validation image)) (limit ≤ 0: all of them).
protocol::RowRange trainingRange(const DataSplits& splits, int limit);
/// `count` validation rows from image 50,000 (the last rows of a smaller set).
protocol::RowRange validationRange(const DataSplits& splits, int count);

/// Rows of grey images as the model sees them: unchanged, or binarised at 0.5.
Matrix pixelRows(const Matrix& grey, protocol::RowRange range, bool binarised);

/// Image height × width for n0 pixels: the data set's when it matches, else square, else one row.
std::pair<int, int> imageShape(const DataSplits& splits, int pixels);

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
