#pragma once
// A layout that places its items left to right and wraps them onto the next line when the width
// runs out (issue 16: control rows must fit a 1024-px window instead of scrolling sideways). Items
// keep their size hints; the items of a line are centred vertically on it. Hidden items take no
// space. Its minimum width is that of its widest item, its height follows the width.
#include <QLayout>
#include <QList>
#include <QStyle>

namespace vpf {

class FlowLayout : public QLayout {
 public:
  explicit FlowLayout(QWidget* parent = nullptr);
  ~FlowLayout() override;

  void addItem(QLayoutItem* item) override;
  int count() const override { return static_cast<int>(m_items.size()); }
  QLayoutItem* itemAt(int index) const override { return m_items.value(index); }
  QLayoutItem* takeAt(int index) override;

  Qt::Orientations expandingDirections() const override { return {}; }
  bool hasHeightForWidth() const override { return true; }
  int heightForWidth(int width) const override;
  QSize minimumSize() const override;
  QSize sizeHint() const override;  // everything on one line
  void setGeometry(const QRect& rect) override;

 private:
  int gap(QStyle::PixelMetric metric) const;  // spacing(), else the style's
  // Lays the items out in `rect` (placing them when `place`); returns the height used.
  int arrange(const QRect& rect, bool place) const;

  QList<QLayoutItem*> m_items;
};

}  // namespace vpf
