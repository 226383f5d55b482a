#pragma once
// Matrix conventions of the core: one sample per row, float32, row-major (DESIGN §3).
#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace vpf {

template <typename S>
using MatrixT = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <typename S>
using RowVectorT = Eigen::Matrix<S, 1, Eigen::Dynamic>;

using Matrix = MatrixT<float>;          // N × n batches, n_l × n_{l+1} weights
using RowVector = RowVectorT<float>;    // biases, one row
using MatrixD = MatrixT<double>;
using RowVectorD = RowVectorT<double>;
using Labels = std::vector<std::uint8_t>;

}  // namespace vpf
