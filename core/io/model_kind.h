#pragma once
// The model families a VPF Lab model file can hold, named by meta.json's "kind": the Boltzmann
// machines ("rbm", "dbm1", "dbm2"; a file without "kind" is also one) and the target-propagation
// model of Bengio et al. 2015. Front ends read the kind first and open the file with its loader.
#include <string>

namespace vpf {

inline constexpr const char* kTargetPropKind = "bengio2015-tp";

/// meta.json's "kind" of the model file at `path` ("" when absent). Throws vpf::Error naming the file
/// when it is not a readable model archive.
std::string modelFileKind(const std::string& path);

/// True for the target-propagation kind.
inline bool isTargetPropKind(const std::string& kind) { return kind == kTargetPropKind; }

}  // namespace vpf
