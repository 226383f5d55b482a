#pragma once
// OpenGL view of all filters of one layer as a texture atlas (DESIGN §10). The weights are
// uploaded once per setFilters() as an R32F texture; per-filter normalisation, contrast, the
// diverging colormap, zoom (wheel) and pan (drag) are shader uniforms (shaders/filters.*).
// Hovering shows a tooltip with the unit index, its mean activation and the filter norm.
// Double-click fits the grid into the view. GL objects are created in initializeGL and released
// when the context is destroyed.
//
// The GL surface is a QOpenGLWindow in a window container, not a QOpenGLWidget: one QOpenGLWidget
// anywhere in a window makes Qt composite the whole window through OpenGL at every repaint, which
// on software GL (llvmpipe, VMs, remote X) blocked the event loop 12–18 ms per repaint (issue 16:
// p99 lateness 32 ms while training, 3 ms without). QWidget::grab() does not see the surface:
// grabWithFilterViews() (ui/gl/grab_with_gl.h) paints it in.
#include <QImage>
#include <QOpenGLExtraFunctions>
#include <QWidget>
#include <memory>
#include <vector>

#include "core/common/types.h"
#include "figures/filter_grid.h"

class QOpenGLShaderProgram;
class QWindow;
class QOpenGLTexture;
class QOpenGLVertexArrayObject;

namespace vpf {

class FilterAtlasView : public QWidget, protected QOpenGLExtraFunctions {
  Q_OBJECT
 public:
  explicit FilterAtlasView(QWidget* parent = nullptr);
  ~FilterAtlasView() override;

  /// n_in × units filters shown as tileWidth × tileHeight tiles (uploaded on the next paint).
  /// `meanActivation` (may be empty) and the norms appear in the tooltip.
  void setFilters(std::shared_ptr<const Matrix> filters, int tileWidth, int tileHeight,
                  const RowVector& meanActivation = RowVector());
  void clearFilters();
  void setContrast(float contrast);
  void setPerFilterNormalisation(bool on);
  void setColumns(int columns);  // ≤ 0: automatic, the count that makes the tiles largest in the view
  void setSpacing(int spacing);
  void setColormap(FilterColormap colormap);

  float contrast() const { return m_options.contrast; }
  /// The display options; `columns` is the one in use (also when automatic).
  FilterGridOptions options() const {
    FilterGridOptions o = m_options;
    o.columns = m_layout.columns;
    return o;
  }
  const FilterGridLayout& layout() const { return m_layout; }
  std::shared_ptr<const Matrix> filters() const { return m_filters; }
  int unitCount() const { return m_layout.tiles; }
  /// The unit under a widget position, or −1.
  int unitAt(const QPointF& widgetPos) const;
  /// Tooltip text for a unit.
  QString unitDescription(int unit) const;
  /// Non-empty when shaders/textures could not be set up (the view then shows the message).
  QString glError() const { return m_glError; }
  /// The view as rendered now, in device pixels (null before the surface is first exposed).
  QImage grabFramebuffer();
  /// True once the GL surface has been exposed and initialised.
  bool isGlReady() const;
  /// The native GL window that receives the mouse (for tests driving real input).
  QWindow* surfaceWindow() const;

  double zoom() const { return m_zoom; }
  /// Widget position of a grid (atlas) pixel position.
  QPointF gridToWidget(const QPointF& grid) const { return m_offset + grid * m_zoom; }
  void setZoom(double zoom, const QPointF& anchor);
  void fitToView();

 signals:
  void hoveredUnitChanged(int unit);

 private:
  class Surface;  // the QOpenGLWindow: forwards its GL callbacks and input here
  void initializeGL();
  void resizeGL();
  void paintGL();
  void wheel(QWheelEvent* e);
  void mousePress(QMouseEvent* e);
  void mouseMove(QMouseEvent* e);
  void mouseRelease(QMouseEvent* e);
  void requestRepaint();
  void releaseGL();
  void uploadIfNeeded();
  void relayout();
  int autoColumns(int tiles) const;
  void setHovered(int unit);

  std::shared_ptr<const Matrix> m_filters;
  RowVector m_meanActivation;
  std::vector<float> m_norms;
  FilterGridOptions m_options;
  FilterGridLayout m_layout;
  int m_tileWidth = 28, m_tileHeight = 28;
  bool m_atlasDirty = false, m_scalesDirty = false;

  QOpenGLShaderProgram* m_program = nullptr;
  QOpenGLTexture* m_atlas = nullptr;
  QOpenGLTexture* m_scales = nullptr;
  QOpenGLVertexArrayObject* m_vao = nullptr;
  QString m_glError;

  double m_zoom = 1.0;       // logical pixels per grid pixel
  QPointF m_offset;          // logical position of the grid origin
  bool m_userView = false;   // zoomed/panned by the user: keep it on resize/new data
  bool m_dragging = false;
  QPointF m_dragStart, m_offsetAtDragStart;
  int m_hovered = -1;
  bool m_grabNextFrame = false;  // grabFramebuffer(): paintGL keeps a copy of the frame
  QImage m_grabbedFrame;
  Surface* m_surface = nullptr;  // owned by m_container
  QWidget* m_container = nullptr;
};

}  // namespace vpf
