#pragma once
// Shared behaviour of the QCustomPlot tabs: interactive zoom/pan (wheel, drag) that is kept when
// new data arrives, "Reset view", and a tool row with an export button.
#include <vector>

#include "ui/support/panel.h"

class QCustomPlot;
class QHBoxLayout;
class QToolButton;

namespace vpf {

class PlotPanelBase : public Panel {
  Q_OBJECT
 public:
  explicit PlotPanelBase(QWidget* parent = nullptr);

  /// True after the user zoomed/panned plot `index` (new data then keeps the view).
  bool userView(int index) const;
  void resetViews();

 protected:
  /// A styled, interactive plot registered for user-view tracking.
  QCustomPlot* addPlot();
  QHBoxLayout* toolRow() const { return m_toolRow; }
  /// Adds the "Reset view" and "Export…" buttons at the end of the tool row.
  void finishToolRow();
  virtual void rebuild() = 0;

  std::vector<QCustomPlot*> m_plots;
  std::vector<bool> m_userView;

 private:
  QHBoxLayout* m_toolRow;
};

}  // namespace vpf
