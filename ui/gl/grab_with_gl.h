#pragma once
// Screenshots of widgets that contain OpenGL views. A FilterAtlasView draws into a native GL
// surface (ui/gl/filter_atlas_view.h), which QWidget::grab() leaves blank; this grabs the widget
// and paints each visible view's framebuffer at its place.
#include <QPixmap>

class QWidget;

namespace vpf {

QPixmap grabWithFilterViews(QWidget* widget);

}  // namespace vpf
