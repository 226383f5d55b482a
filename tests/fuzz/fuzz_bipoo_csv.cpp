// The Bi & Poo measured-points importer (the STDP tab's "Import CSV…", `vpf stdp --measured`):
// parseMeasuredPoints accepts a well-formed CSV or refuses it with vpf::Error; accepted points
// are finite and sorted by Δt.
#include <cmath>
#include <cstdlib>

#include "core/stdp/bi_poo.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  vpf::fuzz::expectAcceptedOrRefused([&] {
    const vpf::StdpCurve c = vpf::parseMeasuredPoints(vpf::fuzz::asString(data, size), "input.csv");
    for (std::size_t i = 0; i < c.dtMs.size(); ++i) {
      if (!std::isfinite(c.dtMs[i]) || !std::isfinite(c.dw[i])) std::abort();
      if (i > 0 && c.dtMs[i - 1] > c.dtMs[i]) std::abort();
    }
  });
  return 0;
}
