#include "core/data/dataset.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <climits>
#include <cstdlib>
#include <filesystem>

#include "core/common/error.h"
#include "core/common/memory_budget.h"
#include "core/data/idx_reader.h"

#ifndef VPF_DEFAULT_DATA_DIR
#define VPF_DEFAULT_DATA_DIR "data"
#endif

namespace vpf {

namespace fs = std::filesystem;

namespace {

std::string fileName(const std::string& path) { return fs::path(path).filename().string(); }

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

bool isFile(const std::string& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

}  // namespace

Dataset loadIdxPair(const std::string& imagesPath, const std::string& labelsPath) {
  const IdxArray images = readIdx(imagesPath);
  if (images.dims.size() != 3)
    throw Error("image file '" + imagesPath + "' must have 3 dimensions (count x rows x cols), it has " +
                std::to_string(images.dims.size()));
  const std::uint32_t n = images.dims[0], rows = images.dims[1], cols = images.dims[2];
  // readIdx bounds the product by 2^31 bytes, but a single factor may still exceed int.
  if (n > INT_MAX || rows == 0 || cols == 0 || std::uint64_t(rows) * cols > INT_MAX)
    throw Error("image file '" + imagesPath + "' has unusable dimensions " + std::to_string(n) + " x " +
                std::to_string(rows) + " x " + std::to_string(cols));

  Dataset data;
  data.name = fileName(imagesPath);
  data.rows = static_cast<int>(rows);
  data.cols = static_cast<int>(cols);

  if (!labelsPath.empty()) {
    IdxArray labels = readIdx(labelsPath);
    if (labels.dims.size() != 1)
      throw Error("label file '" + labelsPath + "' must have 1 dimension, it has " + std::to_string(labels.dims.size()));
    if (labels.dims[0] != n)
      throw Error("image/label count mismatch: '" + imagesPath + "' has " + std::to_string(n) + " images but '" +
                  labelsPath + "' has " + std::to_string(labels.dims[0]) + " labels");
    data.labels = std::move(labels.values);
  }

  requireMemory(static_cast<std::uint64_t>(n) * rows * cols * sizeof(float),
                "the images of '" + imagesPath + "' as float32 (" + std::to_string(n) + " × " + std::to_string(rows) +
                    " × " + std::to_string(cols) + ")");
  // Plain loop over contiguous memory: vectorises (uint8 → float, / 255) and is memory-bound.
  data.images.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(rows) * cols);
  const std::uint8_t* src = images.values.data();
  float* dst = data.images.data();
  const std::size_t total = images.values.size();
  for (std::size_t i = 0; i < total; ++i) dst[i] = static_cast<float>(src[i]) / 255.0f;
  return data;
}

DataSplits loadDataSplits(const std::string& source) {
  static const std::array<std::string, 4> kFiles = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                                                    "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};
  DataSplits splits;
  std::string prefix, note;
  const std::string key = lower(source);
  if (key == "mnist" || key == "fashion") {
    splits.name = key;
    prefix = (fs::path(dataDirectory()) / key).string() + "/";
  } else {
    splits.name = source;
    std::error_code ec;
    if (fs::is_directory(source, ec)) {
      prefix = (fs::path(source) / "").string();
    } else {
      prefix = source;
      note = "\n('" + source + "' is not a directory, so it was taken as a file-name prefix)";
    }
  }

  std::array<std::string, 4> paths;
  std::string missing;
  for (std::size_t i = 0; i < kFiles.size(); ++i) {
    const std::string raw = prefix + kFiles[i];
    if (isFile(raw))
      paths[i] = raw;  // raw first: it loads faster than the .gz
    else if (isFile(raw + ".gz"))
      paths[i] = raw + ".gz";
    else
      missing += "\n  " + raw + "[.gz]";
  }
  if (!missing.empty())
    throw Error("cannot find data set '" + source + "'; looked for:" + missing + note +
                "\nRun scripts/setup to fetch MNIST and Fashion-MNIST into " + dataDirectory() +
                " (or set VPF_DATA_DIR), or give a directory holding the four IDX files.");

  splits.train = loadIdxPair(paths[0], paths[1]);
  splits.test = loadIdxPair(paths[2], paths[3]);
  if (splits.train.rows != splits.test.rows || splits.train.cols != splits.test.cols)
    throw Error("data set '" + source + "': training images are " + std::to_string(splits.train.rows) + "x" +
                std::to_string(splits.train.cols) + " but test images are " + std::to_string(splits.test.rows) + "x" +
                std::to_string(splits.test.cols));
  splits.train.name = splits.name + "-train";
  splits.test.name = splits.name + "-test";
  return splits;
}

std::string dataDirectory() {
  const char* env = std::getenv("VPF_DATA_DIR");
  if (env && *env) return env;
  return VPF_DEFAULT_DATA_DIR;
}

Matrix binarize(const Matrix& images, float threshold) {
  return (images.array() > threshold).cast<float>().matrix();
}

Dataset slice(const Dataset& data, int begin, int end) {
  const int n = data.size();
  begin = std::clamp(begin, 0, n);
  end = std::clamp(end, begin, n);
  Dataset part;
  part.name = data.name;
  part.rows = data.rows;
  part.cols = data.cols;
  part.images = data.images.middleRows(begin, end - begin);
  if (!data.labels.empty()) {
    // Guard against a labels vector shorter than the images (should not happen, never read past it).
    const auto lb = std::min<std::size_t>(begin, data.labels.size());
    const auto le = std::min<std::size_t>(end, data.labels.size());
    part.labels.assign(data.labels.begin() + lb, data.labels.begin() + le);
  }
  return part;
}

}  // namespace vpf
