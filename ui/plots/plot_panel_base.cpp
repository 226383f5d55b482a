#include "ui/plots/plot_panel_base.h"

#include <qcustomplot.h>

#include <QHBoxLayout>
#include <QStyle>
#include <QToolButton>

#include "figures/training_plots.h"

namespace vpf {

PlotPanelBase::PlotPanelBase(QWidget* parent) : Panel(parent), m_toolRow(new QHBoxLayout) {}

QCustomPlot* PlotPanelBase::addPlot() {
  auto* plot = new QCustomPlot;
  applyPlotStyle(*plot);
  plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plot->axisRect()->setRangeDrag(Qt::Horizontal | Qt::Vertical);
  plot->axisRect()->setRangeZoom(Qt::Horizontal | Qt::Vertical);
  plot->setMinimumSize(320, 200);
  plot->setToolTip(tr("Wheel: zoom · drag: pan · double-click: reset view"));
  const int index = static_cast<int>(m_plots.size());
  m_plots.push_back(plot);
  m_userView.push_back(false);
  connect(plot, &QCustomPlot::mouseWheel, this, [this, index] { m_userView[static_cast<std::size_t>(index)] = true; });
  connect(plot, &QCustomPlot::mousePress, this, [this, index] { m_userView[static_cast<std::size_t>(index)] = true; });
  connect(plot, &QCustomPlot::mouseDoubleClick, this, [this, index] {
    m_userView[static_cast<std::size_t>(index)] = false;
    rebuild();
  });
  return plot;
}

bool PlotPanelBase::userView(int index) const {
  return index >= 0 && static_cast<std::size_t>(index) < m_userView.size() &&
         m_userView[static_cast<std::size_t>(index)];
}

void PlotPanelBase::resetViews() {
  std::fill(m_userView.begin(), m_userView.end(), false);
  rebuild();
}

void PlotPanelBase::finishToolRow() {
  auto* reset = new QToolButton;
  reset->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
  reset->setText(tr("Reset view"));
  reset->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  reset->setToolTip(tr("Show all data again after zooming or panning."));
  connect(reset, &QToolButton::clicked, this, &PlotPanelBase::resetViews);
  auto* exportButton = new QToolButton;
  exportButton->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));
  exportButton->setText(tr("Export…"));
  exportButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  exportButton->setToolTip(tr("Export the figure as PNG, SVG or PDF, or its data as CSV."));
  connect(exportButton, &QToolButton::clicked, this, &PlotPanelBase::exportRequested);
  m_toolRow->addStretch(1);
  m_toolRow->addWidget(reset);
  m_toolRow->addWidget(exportButton);
}

}  // namespace vpf
