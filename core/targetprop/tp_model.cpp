#include "core/targetprop/tp_model.h"

#include <Eigen/SVD>

#include "core/common/error.h"

namespace vpf::targetprop {

namespace {

constexpr int kMaxUnits = 1 << 16;

template <typename S>
MatrixT<S> semiOrthogonal(int rows, int cols, Rng& rng) {
  Eigen::MatrixXd a(rows, cols);
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < cols; ++j) a(i, j) = 2 * rng.uniformDouble() - 1;
  Eigen::BDCSVD<Eigen::MatrixXd> svd(a, Eigen::ComputeThinU | Eigen::ComputeThinV);
  return (svd.matrixU() * svd.matrixV().transpose()).template cast<S>();
}

}  // namespace

void TpArchitecture::validate() const {
  const auto check = [](int n, const char* name) {
    if (n < 1 || n > kMaxUnits)
      throw Error(std::string("layer size ") + name + " = " + std::to_string(n) + " is out of range (1 to " +
                  std::to_string(kMaxUnits) + ")");
  };
  check(visible, "n0 (visible)");
  check(hidden1, "n1 (h1)");
  check(hidden2, "n2 (h2)");
}

template <typename S>
bool TpModel<S>::allFinite() const {
  return W1.allFinite() && W2.allFinite() && V1.allFinite() && V2.allFinite() && b1.allFinite() && b2.allFinite() &&
         c1.allFinite() && c2.allFinite() && priorMean.allFinite() && priorVar.allFinite();
}

template <typename S>
TpModel<S> zeroTpModel(const TpArchitecture& arch) {
  arch.validate();
  TpModel<S> m;
  m.arch = arch;
  m.W1 = MatrixT<S>::Zero(arch.visible, arch.hidden1);
  m.W2 = MatrixT<S>::Zero(arch.hidden1, arch.hidden2);
  m.V1 = MatrixT<S>::Zero(arch.hidden1, arch.visible);
  m.V2 = MatrixT<S>::Zero(arch.hidden2, arch.hidden1);
  m.b1 = RowVectorT<S>::Zero(arch.hidden1);
  m.b2 = RowVectorT<S>::Zero(arch.hidden2);
  m.c1 = RowVectorT<S>::Zero(arch.visible);
  m.c2 = RowVectorT<S>::Zero(arch.hidden1);
  return m;
}

template <typename S>
TpModel<S> makeTpModel(const TpArchitecture& arch, Rng& rng) {
  TpModel<S> m = zeroTpModel<S>(arch);
  m.W1 = semiOrthogonal<S>(arch.visible, arch.hidden1, rng);
  m.W2 = semiOrthogonal<S>(arch.hidden1, arch.hidden2, rng);
  m.V2 = semiOrthogonal<S>(arch.hidden2, arch.hidden1, rng);
  m.V1 = semiOrthogonal<S>(arch.hidden1, arch.visible, rng);
  return m;
}

template struct TpModel<float>;
template struct TpModel<double>;
template TpModel<float> zeroTpModel<float>(const TpArchitecture&);
template TpModel<double> zeroTpModel<double>(const TpArchitecture&);
template TpModel<float> makeTpModel<float>(const TpArchitecture&, Rng&);
template TpModel<double> makeTpModel<double>(const TpArchitecture&, Rng&);

}  // namespace vpf::targetprop
