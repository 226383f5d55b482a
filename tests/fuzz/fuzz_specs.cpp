// The text a user types on the command line and in the app's fields: the model spec ("rbm:196",
// "dbm:196,196,64"), the algorithm ("vpf", "cd:K", "pcd:K") and every named option. The first
// byte picks the parser, the rest is the text. Accepted specs must round-trip through their
// printed form; bad ones are refused with vpf::Error.
#include <cstdlib>

#include "core/data/corruption.h"
#include "core/early_inference/dynamics_settings.h"
#include "core/early_inference/nonlinearity.h"
#include "core/learning/training_config.h"
#include "core/model/boltzmann_machine.h"
#include "core/protocols/parzen_protocol.h"
#include "core/sampling/confabulation.h"
#include "core/sampling/reconstruction.h"
#include "core/stdp/bengio_stdp.h"
#include "core/targetprop/activation.h"
#include "core/targetprop/generate.h"
#include "core/targetprop/inference.h"
#include "core/targetprop/inpaint.h"
#include "core/targetprop/tp_config.h"
#include "tests/fuzz/fuzz_input.h"

namespace {

using namespace vpf;

void architecture(const std::string& text, bool intra) {
  const Architecture a = parseArchitecture(text, intra);
  if (a.hidden.empty()) std::abort();
  for (const int h : a.hidden)
    if (h <= 0) std::abort();
  a.describe(784);
}

void algorithm(const std::string& text) {
  TrainingConfig c;
  parseAlgorithm(text, c);
  TrainingConfig again;
  parseAlgorithm(algorithmSpec(c), again);  // the printed form parses to the same algorithm
  if (again.algorithm != c.algorithm || again.k != c.k) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string text = fuzz::asString(data + 1, size - 1);
  fuzz::expectAcceptedOrRefused([&] {
    switch (data[0] % 15) {
      case 0:
        architecture(text, false);
        break;
      case 1:
        architecture(text, true);
        break;
      case 2:
        algorithm(text);
        break;
      case 3:
        parseCorruptionPattern(text);
        break;
      case 4:
        early_inference::nudgeName(early_inference::parseNudge(text));
        break;
      case 5:
        early_inference::parseRho(text);
        break;
      case 6:
        protocol::parseTestPixels(text);
        break;
      case 7:
        parsePrior(text);
        break;
      case 8:
        parseCorruptionStart(text);
        break;
      case 9:
        parseSlopeDistribution(text);
        break;
      case 10:
        targetprop::parseActivation(text);
        break;
      case 11:
        targetprop::parseGenerateMode(text);
        break;
      case 12:
        targetprop::parseInferenceMode(text);
        break;
      case 13:
        targetprop::parseMissingStart(text);
        break;
      case 14:
        targetprop::parseUpdateRule(text);
        break;
    }
  });
  return 0;
}
