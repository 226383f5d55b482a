#pragma once
// Image data sets as float matrices (N × rows·cols, values in [0,1], one image per row) plus
// labels; binarisation by threshold (paper: 0.5); train/validation/test splits.
#include <string>

#include "core/common/types.h"

namespace vpf {

struct Dataset {
  std::string name;        // "mnist-train", or the file name
  Matrix images;           // N × (rows·cols), grey values / 255
  Labels labels;           // N labels (0–9), may be empty when no label file was given
  int rows = 28, cols = 28;
  int size() const { return static_cast<int>(images.rows()); }
  int pixels() const { return rows * cols; }
};

struct DataSplits {
  std::string name;        // "mnist", "fashion", or the directory/prefix given
  Dataset train;           // the 60,000 training images (or the file's train part)
  Dataset test;            // the 10,000 test images
};

/// Loads an image IDX file and (optionally, "" to skip) its label IDX file; counts must agree.
Dataset loadIdxPair(const std::string& imagesPath, const std::string& labelsPath);

/// `source`: "mnist" or "fashion" (found in dataDirectory()), a directory holding
/// {train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz], or a prefix such that
/// <prefix>train-images-idx3-ubyte[.gz] exists. Throws vpf::Error listing where it looked.
DataSplits loadDataSplits(const std::string& source);

/// $VPF_DATA_DIR if set, else the data/ folder of the source tree (compile-time default).
std::string dataDirectory();

/// 1 where image > threshold, else 0 (paper: threshold 0.5).
Matrix binarize(const Matrix& images, float threshold = 0.5f);

/// Rows [begin, end) of a data set (clamped to its size), labels included.
Dataset slice(const Dataset& data, int begin, int end);

}  // namespace vpf
