#include "cli/tp_support.h"

#include <cmath>
#include <iostream>
#include <sstream>

#include "core/targetprop/prior.h"

namespace vpf::cli::tp {

DataSplits loadTpSplits(const std::string& source) {
  DataSplits splits = loadDataSplits(source);
  std::cerr << "data: " << splits.name << ", " << splits.train.size() << " training / " << splits.test.size()
            << " test images, " << splits.train.rows << "×" << splits.train.cols << "\n";
  return splits;
}

std::string datasetOf(const std::string& given, const targetprop::TpModelMeta& meta) {
  if (!given.empty()) return given;
  return meta.dataset.empty() ? "mnist" : meta.dataset;
}

void ensurePrior(targetprop::TpModelFile& file, const DataSplits& splits, int priorImages) {
  if (file.model.hasPrior()) return;
  const Matrix rows = pixelRows(splits.train.images, trainingRange(splits, priorImages), file.meta.config.binarised);
  std::cerr << "prior: the file has none; fitting p(h2) on " << rows.rows() << " training images\n";
  targetprop::fitPrior(file.model, rows, file.meta.config.inference);
}

std::vector<double> parseNumbers(const std::string& text, std::size_t count, const std::string& option) {
  std::vector<double> values;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    std::size_t used = 0;
    double v = 0;
    try {
      v = std::stod(item, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != item.size() || !std::isfinite(v))
      throw CLI::ValidationError(option, "\"" + item + "\" is not a number");
    values.push_back(v);
  }
  if (values.size() != count)
    throw CLI::ValidationError(option,
                               "expected " + std::to_string(count) + " comma-separated numbers, got \"" + text + "\"");
  return values;
}

}  // namespace vpf::cli::tp
