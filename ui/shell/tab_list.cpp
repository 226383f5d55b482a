#include "ui/shell/tab_list.h"

#include "ui/early_inference/early_inference_panel.h"
#include "ui/plots/curves_panel.h"
#include "ui/plots/histogram_panel.h"
#include "ui/shell/app_options.h"
#include "ui/shell/sampling_tabs.h"
#include "ui/spike_timing/stdp_panel.h"
#include "ui/targetprop/tp_panel.h"
#include "ui/views/data_panel.h"
#include "ui/views/filters_panel.h"

namespace vpf {

namespace {

// A tab that needs nothing from the setup.
template <typename P>
TabFactory single() {
  return [](const TabSetup&) -> std::vector<Panel*> { return {new P}; };
}

std::vector<Panel*> filtersTab(const TabSetup& setup) {
  auto* filters = new FiltersPanel;
  const QString& colormap = setup.options.filterColormap;
  if (colormap == QLatin1String("grey") || colormap == QLatin1String("gray"))
    filters->setColormap(FilterColormap::Grey);
  return {filters};
}

}  // namespace

std::vector<TabFactory> defaultTabs() {
  return {filtersTab,          single<CurvesPanel>(), single<HistogramPanel>(),      single<DataPanel>(),
          single<StdpPanel>(), createSamplingPanels,  single<EarlyInferencePanel>(), single<TpPanel>()};
}

}  // namespace vpf
