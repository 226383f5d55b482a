#include "core/model/boltzmann_machine.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/common/error.h"
#include "core/common/rng.h"

namespace vpf {

namespace {
constexpr int kMaxUnitsPerLayer = 1 << 20;
}

std::string Architecture::describe(int visible) const {
  std::ostringstream out;
  out << (hidden.size() == 1 && !intra ? "RBM" : (intra ? "DBM2" : "DBM1")) << ' ' << visible;
  for (int h : hidden) out << '-' << h;
  return out.str();
}

Architecture parseArchitecture(const std::string& spec, bool intra) {
  const std::string usage = "expected rbm:N or dbm:N1,N2,… (e.g. rbm:196, dbm:196,196,64), got '" + spec + "'";
  const auto colon = spec.find(':');
  if (colon == std::string::npos) throw Error("invalid model: " + usage);
  std::string kind = spec.substr(0, colon);
  std::transform(kind.begin(), kind.end(), kind.begin(), [](unsigned char c) { return std::tolower(c); });
  Architecture arch;
  arch.intra = intra;
  std::stringstream list(spec.substr(colon + 1));
  std::string item;
  while (std::getline(list, item, ',')) {
    std::size_t used = 0;
    long value = 0;
    try {
      value = std::stol(item, &used);
    } catch (...) {
      throw Error("invalid model: '" + item + "' is not a number; " + usage);
    }
    if (used != item.size()) throw Error("invalid model: '" + item + "' is not a number; " + usage);
    if (value <= 0) throw Error("invalid model: every layer needs at least one unit; " + usage);
    if (value > kMaxUnitsPerLayer) throw Error("invalid model: layer of " + item + " units is too large");
    arch.hidden.push_back(static_cast<int>(value));
  }
  if (arch.hidden.empty()) throw Error("invalid model: no hidden layer; " + usage);
  if (kind == "rbm") {
    if (arch.hidden.size() != 1) throw Error("invalid model: an RBM has exactly one hidden layer; " + usage);
    if (intra) throw Error("invalid model: an RBM has no intra-layer connections; use dbm:N --intra");
  } else if (kind != "dbm") {
    throw Error("invalid model kind '" + kind + "': " + usage);
  }
  return arch;
}

BoltzmannMachine makeMachine(int visible, const Architecture& arch, const InitOptions& init, Rng& rng,
                             const Matrix* data) {
  std::vector<int> sizes{visible};
  sizes.insert(sizes.end(), arch.hidden.begin(), arch.hidden.end());
  BoltzmannMachine m = BoltzmannMachine::zeros(sizes, arch.intra);
  m.init = init;
  if (init.scheme == "normal") {
    for (auto& w : m.W)
      for (Eigen::Index i = 0; i < w.size(); ++i) w.data()[i] = static_cast<float>(init.weightScale * rng.normal());
  } else if (init.scheme != "zero") {
    throw Error("unknown initialisation scheme '" + init.scheme + "' (expected normal or zero)");
  }
  if (init.visibleBiasFromData && data && data->rows() > 0) {
    const RowVector mean = data->colwise().mean();
    for (int i = 0; i < visible; ++i) {
      const double p = std::clamp<double>(mean[i], 1e-4, 1.0 - 1e-4);
      m.b[0][i] = static_cast<float>(std::clamp(std::log(p / (1.0 - p)), -8.0, 8.0));
    }
  }
  return m;
}

std::string machineKind(const BoltzmannMachine& m) {
  if (m.hasIntraLayer()) return "DBM2";
  return m.layerCount() == 2 ? "RBM" : "DBM1";
}

Eigen::VectorXd freeEnergy(const BoltzmannMachine& rbm, const Matrix& v) {
  const Matrix x = (v * rbm.W[0]).rowwise() + rbm.b[1];
  Eigen::VectorXd f = -(v * rbm.b[0].transpose()).cast<double>();
  for (Eigen::Index n = 0; n < x.rows(); ++n) {
    double s = 0;
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
      const double z = x(n, j);
      s += z > 30 ? z : std::log1p(std::exp(z));
    }
    f[n] -= s;
  }
  return f;
}

Matrix projectedFilters(const BoltzmannMachine& m, int layer) {
  if (layer < 1 || layer >= m.layerCount())
    throw Error("filters: layer " + std::to_string(layer) + " does not exist (hidden layers are 1…" +
                std::to_string(m.layerCount() - 1) + ")");
  Matrix p = m.W[0];
  for (int l = 1; l < layer; ++l) p = (p * m.W[static_cast<std::size_t>(l)]).eval();
  return p;
}

}  // namespace vpf
