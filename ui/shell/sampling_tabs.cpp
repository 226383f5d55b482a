#include "ui/shell/sampling_tabs.h"

#include <QTabWidget>

#include "ui/chain/chain_panel.h"
#include "ui/confab/confab_panel.h"
#include "ui/reconstruct/reconstruct_panel.h"
#include "ui/support/sampling_context.h"

namespace vpf {

SamplingTabs::SamplingTabs(QTabWidget* tabs, QObject* parent)
    : QObject(parent),
      m_context(new SamplingContext(this)),
      m_reconstruct(new ReconstructPanel(m_context)),
      m_chain(new ChainPanel(m_context)),
      m_confab(new ConfabPanel(m_context)) {
  m_reconstruct->setObjectName(QStringLiteral("reconstructPanel"));
  m_chain->setObjectName(QStringLiteral("chainPanel"));
  m_confab->setObjectName(QStringLiteral("confabPanel"));
  int i = tabs->addTab(m_reconstruct, tr("Reconstruct"));
  tabs->setTabToolTip(i,
                      tr("Corrupt or paint a test image and watch the model reconstruct it (paper Fig. 4, Table 1)"));
  i = tabs->addTab(m_chain, tr("Gibbs chain"));
  tabs->setTabToolTip(i, tr("Step a Gibbs chain layer by layer"));
  i = tabs->addTab(m_confab, tr("Confabulate"));
  tabs->setTabToolTip(i, tr("Samples by paper Alg. 2 and their Parzen log-likelihood (paper Figs. 5–6, Table 2)"));

  ReconstructPanel* reconstruct = m_reconstruct;
  m_chain->setPaintedSource([reconstruct]() -> std::optional<CorruptionState> {
    const CorruptionState& s = reconstruct->editor().state();
    if (s.input.size() == 0) return std::nullopt;
    return s;
  });
  connect(m_reconstruct, &ReconstructPanel::exportRequested, this, [this] { emit exportRequested(m_reconstruct); });
  connect(m_chain, &ChainPanel::exportRequested, this, [this] { emit exportRequested(m_chain); });
  connect(m_confab, &ConfabPanel::exportRequested, this, [this] { emit exportRequested(m_confab); });
}

void SamplingTabs::setSnapshot(const SnapshotPtr& snapshot) { m_context->setSnapshot(snapshot); }

void SamplingTabs::setData(std::shared_ptr<const DataSplits> data, const QString& title) {
  m_context->setData(std::move(data), title);
}

std::vector<ExportableView*> SamplingTabs::exportables() const { return {m_reconstruct, m_chain, m_confab}; }

ExportableView* SamplingTabs::exportableFor(QWidget* page) const {
  if (page == m_reconstruct) return m_reconstruct;
  if (page == m_chain) return m_chain;
  if (page == m_confab) return m_confab;
  return nullptr;
}

}  // namespace vpf
