#pragma once
// The three sampling tabs (Reconstruct, Gibbs chain, Confabulate) as one tab factory: they share
// one SamplingContext, fed from the snapshot hub and the session's data set, and the Gibbs chain
// can start from the image painted in the Reconstruct tab. Also loads the --compare model into
// the Confabulate tab once start-up has opened the data set and model.
#include <vector>

#include "ui/shell/tab_list.h"

namespace vpf {

/// Reconstruct, Gibbs chain, Confabulate, in tab order.
std::vector<Panel*> createSamplingPanels(const TabSetup& setup);

}  // namespace vpf
