#include "ui/shell/sampling_tabs.h"

#include "ui/chain/chain_panel.h"
#include "ui/confab/confab_panel.h"
#include "ui/reconstruct/reconstruct_panel.h"
#include "ui/shell/app_options.h"
#include "ui/shell/session.h"
#include "ui/support/sampling_context.h"
#include "ui/training/snapshot_hub.h"

namespace vpf {

std::vector<Panel*> createSamplingPanels(const TabSetup& setup) {
  auto* context = new SamplingContext(setup.owner);
  auto* reconstruct = new ReconstructPanel(context);
  auto* chain = new ChainPanel(context);
  auto* confab = new ConfabPanel(context);
  reconstruct->setObjectName(QStringLiteral("reconstructPanel"));
  chain->setObjectName(QStringLiteral("chainPanel"));
  confab->setObjectName(QStringLiteral("confabPanel"));

  // One context for the three panels: fed here once, not by each panel.
  QObject::connect(&setup.hub, &SnapshotHub::snapshotChanged, context, &SamplingContext::setSnapshot);
  Session* session = &setup.session;
  QObject::connect(session, &Session::datasetChanged, context,
                   [context, session] { context->setData(session->data(), session->datasetTitle()); });

  chain->setPaintedSource([reconstruct]() -> std::optional<CorruptionState> {
    const CorruptionState& s = reconstruct->editor().state();
    if (s.input.size() == 0) return std::nullopt;
    return s;
  });

  if (const QString compare = setup.options.compareModel; !compare.isEmpty()) {
    setup.afterStartup.push_back([confab, compare, report = setup.reportError] {
      try {
        confab->loadCompareModel(compare);
      } catch (const std::exception& e) {
        report(ConfabPanel::tr("Cannot compare"), QString::fromStdString(e.what()));
      }
    });
  }
  return {reconstruct, chain, confab};
}

}  // namespace vpf
