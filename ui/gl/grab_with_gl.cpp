#include "ui/gl/grab_with_gl.h"

#include <QPainter>
#include <QWidget>

#include "ui/gl/filter_atlas_view.h"

namespace vpf {

QPixmap grabWithFilterViews(QWidget* widget) {
  QPixmap pixmap = widget->grab();
  QList<FilterAtlasView*> views = widget->findChildren<FilterAtlasView*>();
  if (auto* self = qobject_cast<FilterAtlasView*>(widget)) views.prepend(self);
  QPainter painter(&pixmap);
  for (FilterAtlasView* view : views) {
    if (!view->isVisible()) continue;
    const QImage frame = view->grabFramebuffer();
    if (frame.isNull()) continue;
    painter.drawImage(QRect(view->mapTo(widget, QPoint(0, 0)), view->size()), frame);
  }
  return pixmap;
}

}  // namespace vpf
