#include "core/io/model_kind.h"

#include <nlohmann/json.hpp>

#include "core/common/error.h"
#include "core/io/zip_archive.h"

namespace vpf {

std::string modelFileKind(const std::string& path) {
  constexpr std::uint64_t kMaxMetaBytes = 64ull << 20;
  try {
    ZipReader zip(path);
    if (!zip.contains("meta.json")) throw Error("missing member meta.json (not a VPF Lab model file?)");
    const nlohmann::json root = nlohmann::json::parse(zip.read("meta.json", kMaxMetaBytes));
    if (!root.is_object()) throw Error("meta.json is not a JSON object");
    const auto it = root.find("kind");
    if (it == root.end()) return "";
    if (!it->is_string()) throw Error("meta.json: kind: expected a string");
    return it->get<std::string>();
  } catch (const nlohmann::json::exception& e) {
    throw Error(path + ": meta.json is not valid JSON: " + e.what());
  } catch (const Error& e) {
    throw Error(path + ": " + e.what());
  }
}

}  // namespace vpf
