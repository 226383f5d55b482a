#include "ui/gl/filter_atlas_view.h"

#include <QCoreApplication>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QOpenGLShaderProgram>
#include <QOpenGLTexture>
#include <QOpenGLVertexArrayObject>
#include <QOpenGLWindow>
#include <QPainter>
#include <QSurfaceFormat>
#include <QToolTip>
#include <QVBoxLayout>
#include <QVector2D>
#include <QVector3D>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace vpf {

namespace {
const QColor kViewBackground(36, 36, 40);
constexpr double kMinZoom = 0.05, kMaxZoom = 64.0;
}  // namespace

class FilterAtlasView::Surface : public QOpenGLWindow {
 public:
  explicit Surface(FilterAtlasView* view) : m_view(view) {}

 protected:
  void initializeGL() override { m_view->initializeGL(); }
  void resizeGL(int, int) override { m_view->resizeGL(); }
  void paintGL() override { m_view->paintGL(); }
  void wheelEvent(QWheelEvent* e) override { m_view->wheel(e); }
  void mousePressEvent(QMouseEvent* e) override { m_view->mousePress(e); }
  void mouseMoveEvent(QMouseEvent* e) override { m_view->mouseMove(e); }
  void mouseReleaseEvent(QMouseEvent* e) override { m_view->mouseRelease(e); }
  void mouseDoubleClickEvent(QMouseEvent*) override { m_view->fitToView(); }
  bool event(QEvent* e) override {
    if (e->type() == QEvent::Leave) m_view->setHovered(-1);
    return QOpenGLWindow::event(e);
  }

 private:
  FilterAtlasView* m_view;
};

FilterAtlasView::FilterAtlasView(QWidget* parent) : QWidget(parent), m_surface(new Surface(this)) {
  QSurfaceFormat format = QSurfaceFormat::defaultFormat();
  if (format.majorVersion() < 3 || (format.majorVersion() == 3 && format.minorVersion() < 3)) {
    format.setVersion(3, 3);
    format.setProfile(QSurfaceFormat::CoreProfile);
  }
  m_surface->setFormat(format);
  m_surface->setCursor(Qt::OpenHandCursor);
  m_container = QWidget::createWindowContainer(m_surface, this);
  m_container->setObjectName(QStringLiteral("filterAtlasSurface"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_container);
  setMinimumSize(240, 200);
  m_layout = FilterGridLayout::make(0, m_tileWidth, m_tileHeight, m_options.columns, m_options.spacing);
}

FilterAtlasView::~FilterAtlasView() { releaseGL(); }

void FilterAtlasView::requestRepaint() { m_surface->update(); }

bool FilterAtlasView::isGlReady() const { return m_surface->isValid(); }

QWindow* FilterAtlasView::surfaceWindow() const { return m_surface; }

QImage FilterAtlasView::grabFramebuffer() {
  if (!m_surface->isValid()) return {};
  // A QOpenGLWindow's framebuffer is only defined inside paintGL: paint now and read it there.
  m_grabNextFrame = true;
  m_surface->update();
  QEvent paintNow(QEvent::UpdateRequest);
  QCoreApplication::sendEvent(m_surface, &paintNow);
  m_grabNextFrame = false;
  return std::exchange(m_grabbedFrame, QImage());
}

void FilterAtlasView::setFilters(std::shared_ptr<const Matrix> filters, int tileWidth, int tileHeight,
                                 const RowVector& meanActivation) {
  const bool sameShape = m_filters && filters && m_filters->cols() == filters->cols() &&
                         m_filters->rows() == filters->rows() && tileWidth == m_tileWidth && tileHeight == m_tileHeight;
  m_filters = std::move(filters);
  m_tileWidth = std::max(1, tileWidth);
  m_tileHeight = std::max(1, tileHeight);
  m_meanActivation = meanActivation;
  m_norms = m_filters ? filterNorms(*m_filters) : std::vector<float>();
  if (m_filters && m_filters->rows() != static_cast<Eigen::Index>(m_tileWidth) * m_tileHeight) m_filters.reset();
  relayout();
  m_atlasDirty = m_scalesDirty = true;
  if (!sameShape && !m_userView) fitToView();
  requestRepaint();
}

void FilterAtlasView::clearFilters() {
  m_filters.reset();
  m_norms.clear();
  m_meanActivation = RowVector();
  relayout();
  requestRepaint();
}

void FilterAtlasView::setContrast(float contrast) {
  m_options.contrast = std::clamp(contrast, 0.01f, 100.0f);
  requestRepaint();
}

void FilterAtlasView::setPerFilterNormalisation(bool on) {
  if (m_options.perFilterNormalisation == on) return;
  m_options.perFilterNormalisation = on;
  m_scalesDirty = true;
  requestRepaint();
}

void FilterAtlasView::setColumns(int columns) {
  if (m_options.columns == columns) return;
  m_options.columns = columns;
  relayout();
  m_atlasDirty = true;
  if (!m_userView) fitToView();
  requestRepaint();
}

void FilterAtlasView::setSpacing(int spacing) {
  m_options.spacing = std::clamp(spacing, 0, 8);
  relayout();
  if (!m_userView) fitToView();
  requestRepaint();
}

void FilterAtlasView::setColormap(FilterColormap colormap) {
  m_options.colormap = colormap;
  requestRepaint();
}

int FilterAtlasView::autoColumns(int tiles) const {
  // Large tiles first, then a full last row: among the column counts whose tiles are at most 10%
  // smaller than the largest possible, the one with the fewest empty cells.
  if (tiles <= 0 || width() <= 0 || height() <= 0) return 0;
  const int s = m_options.spacing;
  auto zoomFor = [&](int c) {
    const int rows = (tiles + c - 1) / c;
    return std::min(width() / static_cast<double>(c * (m_tileWidth + s) + s),
                    height() / static_cast<double>(rows * (m_tileHeight + s) + s));
  };
  double bestZoom = 0;
  for (int c = 1; c <= tiles; ++c) bestZoom = std::max(bestZoom, zoomFor(c));
  int best = 1, fewestEmpty = std::numeric_limits<int>::max();
  for (int c = 1; c <= tiles; ++c) {
    if (zoomFor(c) < 0.9 * bestZoom) continue;
    const int empty = ((tiles + c - 1) / c) * c - tiles;
    if (empty < fewestEmpty) {
      fewestEmpty = empty;
      best = c;
    }
  }
  return best;
}

void FilterAtlasView::relayout() {
  const int tiles = m_filters ? static_cast<int>(m_filters->cols()) : 0;
  const int columns = m_options.columns > 0 ? m_options.columns : autoColumns(tiles);
  const FilterGridLayout next = FilterGridLayout::make(tiles, m_tileWidth, m_tileHeight, columns, m_options.spacing);
  if (next.columns != m_layout.columns || next.tiles != m_layout.tiles) m_atlasDirty = true;
  m_layout = next;
  if (m_hovered >= tiles) setHovered(-1);
}

void FilterAtlasView::fitToView() {
  const QSize grid = m_layout.pixelSize();
  if (grid.isEmpty() || width() <= 0 || height() <= 0) return;
  double zoom = std::min(width() / static_cast<double>(grid.width()), height() / static_cast<double>(grid.height()));
  if (zoom >= 1.0) zoom = std::floor(zoom * 4.0) / 4.0;  // crisp steps
  m_zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
  m_offset = QPointF((width() - grid.width() * m_zoom) / 2.0, (height() - grid.height() * m_zoom) / 2.0);
  m_userView = false;
  requestRepaint();
}

void FilterAtlasView::setZoom(double zoom, const QPointF& anchor) {
  zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
  const QPointF gridPoint = (anchor - m_offset) / m_zoom;
  m_zoom = zoom;
  m_offset = anchor - gridPoint * m_zoom;
  m_userView = true;
  requestRepaint();
}

int FilterAtlasView::unitAt(const QPointF& widgetPos) const {
  if (!m_filters || m_zoom <= 0) return -1;
  const QPointF g = (widgetPos - m_offset) / m_zoom;
  if (g.x() < 0 || g.y() < 0) return -1;
  return m_layout.tileAt(QPoint(static_cast<int>(std::floor(g.x())), static_cast<int>(std::floor(g.y()))));
}

QString FilterAtlasView::unitDescription(int unit) const {
  if (unit < 0 || unit >= m_layout.tiles) return {};
  QString text = tr("<b>Unit %1</b>").arg(unit);
  if (unit < m_meanActivation.size())
    text += tr("<br>mean activation: %1").arg(static_cast<double>(m_meanActivation[unit]), 0, 'f', 3);
  if (static_cast<std::size_t>(unit) < m_norms.size())
    text += tr("<br>filter norm ‖w‖: %1").arg(static_cast<double>(m_norms[static_cast<std::size_t>(unit)]), 0, 'g', 4);
  if (m_filters) {
    const auto column = m_filters->col(unit);
    text += tr("<br>min / max weight: %1 / %2")
                .arg(static_cast<double>(column.minCoeff()), 0, 'g', 3)
                .arg(static_cast<double>(column.maxCoeff()), 0, 'g', 3);
  }
  return text;
}

void FilterAtlasView::initializeGL() {
  initializeOpenGLFunctions();
  connect(m_surface->context(), &QOpenGLContext::aboutToBeDestroyed, this, &FilterAtlasView::releaseGL,
          Qt::DirectConnection);
  m_glError.clear();
  m_program = new QOpenGLShaderProgram;
  if (!m_program->addShaderFromSourceFile(QOpenGLShader::Vertex, QStringLiteral(":/shaders/filters.vert")) ||
      !m_program->addShaderFromSourceFile(QOpenGLShader::Fragment, QStringLiteral(":/shaders/filters.frag")) ||
      !m_program->link()) {
    m_glError = tr("The OpenGL filter shaders could not be built:\n%1").arg(m_program->log());
    qWarning("FilterAtlasView: %s", qPrintable(m_glError));
    delete m_program;
    m_program = nullptr;
  }
  m_vao = new QOpenGLVertexArrayObject;
  m_vao->create();
  m_atlasDirty = m_scalesDirty = true;
}

void FilterAtlasView::releaseGL() {
  if (!m_program && !m_atlas && !m_scales && !m_vao) return;
  const bool current = m_surface->context() != nullptr;
  if (current) m_surface->makeCurrent();
  delete m_atlas;
  m_atlas = nullptr;
  delete m_scales;
  m_scales = nullptr;
  delete m_program;
  m_program = nullptr;
  delete m_vao;
  m_vao = nullptr;
  if (current) m_surface->doneCurrent();
}

void FilterAtlasView::resizeGL() {
  if (m_options.columns <= 0) relayout();  // auto columns follow the view's shape
  if (!m_userView) fitToView();
}

namespace {
QOpenGLTexture* makeFloatTexture(int width, int height) {
  auto* texture = new QOpenGLTexture(QOpenGLTexture::Target2D);
  texture->setFormat(QOpenGLTexture::R32F);
  texture->setSize(width, height);
  texture->setMipLevels(1);
  texture->setMinMagFilters(QOpenGLTexture::Nearest, QOpenGLTexture::Nearest);
  texture->setWrapMode(QOpenGLTexture::ClampToEdge);
  texture->allocateStorage(QOpenGLTexture::Red, QOpenGLTexture::Float32);
  return texture;
}
}  // namespace

void FilterAtlasView::uploadIfNeeded() {
  if (!m_filters || m_layout.tiles == 0) return;
  if (m_atlasDirty) {
    const int width = m_layout.columns * m_tileWidth, height = m_layout.rows * m_tileHeight;
    GLint maxSize = 0;
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &maxSize);
    if (width > maxSize || height > maxSize) {
      m_glError = tr("The filter atlas (%1×%2) exceeds the OpenGL texture limit %3; use more columns.")
                      .arg(width).arg(height).arg(maxSize);
      return;
    }
    std::vector<float> data(static_cast<std::size_t>(width) * height, 0.0f);
    const Matrix& f = *m_filters;
    for (int j = 0; j < m_layout.tiles; ++j) {
      const int cx = (j % m_layout.columns) * m_tileWidth, cy = (j / m_layout.columns) * m_tileHeight;
      for (int y = 0; y < m_tileHeight; ++y) {
        float* line = data.data() + static_cast<std::size_t>(cy + y) * width + cx;
        for (int x = 0; x < m_tileWidth; ++x) line[x] = f(y * m_tileWidth + x, j);
      }
    }
    if (!m_atlas || m_atlas->width() != width || m_atlas->height() != height) {
      delete m_atlas;
      m_atlas = makeFloatTexture(width, height);
    }
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    m_atlas->setData(QOpenGLTexture::Red, QOpenGLTexture::Float32, data.data());
    m_atlasDirty = false;
    m_scalesDirty = true;
  }
  if (m_scalesDirty) {
    const std::vector<float> scales = filterScales(*m_filters, m_options.perFilterNormalisation);
    const int width = std::min(1024, m_layout.tiles), height = (m_layout.tiles + 1023) / 1024;
    std::vector<float> data(static_cast<std::size_t>(width) * height, 1.0f);
    std::copy(scales.begin(), scales.end(), data.begin());
    if (!m_scales || m_scales->width() != width || m_scales->height() != height) {
      delete m_scales;
      m_scales = makeFloatTexture(width, height);
    }
    m_scales->setData(QOpenGLTexture::Red, QOpenGLTexture::Float32, data.data());
    m_scalesDirty = false;
  }
}

void FilterAtlasView::paintGL() {
  glClearColor(kViewBackground.redF(), kViewBackground.greenF(), kViewBackground.blueF(), 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  QString message;
  if (m_program && m_filters && m_layout.tiles > 0) {
    uploadIfNeeded();
    if (m_atlas && m_scales) {
      const double dpr = m_surface->devicePixelRatio();
      m_program->bind();
      m_program->setUniformValue("u_atlas", 0);
      m_program->setUniformValue("u_scales", 1);
      glUniform2i(m_program->uniformLocation("u_tileSize"), m_tileWidth, m_tileHeight);
      glUniform1i(m_program->uniformLocation("u_columns"), m_layout.columns);
      glUniform1i(m_program->uniformLocation("u_tiles"), m_layout.tiles);
      glUniform1i(m_program->uniformLocation("u_spacing"), m_layout.spacing);
      glUniform1i(m_program->uniformLocation("u_highlight"), m_hovered);
      glUniform1i(m_program->uniformLocation("u_colormap"), static_cast<int>(m_options.colormap));
      m_program->setUniformValue("u_contrast", m_options.contrast);
      m_program->setUniformValue("u_offset", QVector2D(static_cast<float>(m_offset.x() * dpr),
                                                       static_cast<float>(m_offset.y() * dpr)));
      m_program->setUniformValue("u_zoom", static_cast<float>(m_zoom * dpr));
      m_program->setUniformValue("u_viewHeight", static_cast<float>(m_surface->height() * dpr));
      const QColor bg = m_options.background;
      m_program->setUniformValue("u_background", QVector3D(bg.redF(), bg.greenF(), bg.blueF()));
      m_program->setUniformValue("u_viewBackground", QVector3D(kViewBackground.redF(), kViewBackground.greenF(),
                                                               kViewBackground.blueF()));
      glActiveTexture(GL_TEXTURE0);
      m_atlas->bind();
      glActiveTexture(GL_TEXTURE1);
      m_scales->bind();
      m_vao->bind();
      glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
      m_vao->release();
      m_scales->release();
      glActiveTexture(GL_TEXTURE0);
      m_atlas->release();
      m_program->release();
    }
  }
  if (!m_glError.isEmpty()) {
    message = m_glError;
  } else if (!m_filters || m_layout.tiles == 0) {
    message = tr("No filters yet — open a data set and a model, or press Start (F5).");
  }
  if (!message.isEmpty()) {
    QPainter painter(m_surface);
    painter.setPen(QColor(220, 220, 220));
    painter.drawText(QRect(QPoint(), m_surface->size()).adjusted(20, 20, -20, -20), Qt::AlignCenter | Qt::TextWordWrap,
                     message);
  }
  if (m_grabNextFrame) m_grabbedFrame = m_surface->grabFramebuffer();
}

void FilterAtlasView::wheel(QWheelEvent* e) {
  const double steps = e->angleDelta().y() / 120.0;
  if (steps == 0) return;
  setZoom(m_zoom * std::pow(1.2, steps), e->position());
  e->accept();
}

void FilterAtlasView::mousePress(QMouseEvent* e) {
  if (e->button() == Qt::LeftButton || e->button() == Qt::MiddleButton) {
    m_dragging = true;
    m_dragStart = e->position();
    m_offsetAtDragStart = m_offset;
    m_surface->setCursor(Qt::ClosedHandCursor);
    e->accept();
  }
}

void FilterAtlasView::mouseMove(QMouseEvent* e) {
  if (m_dragging) {
    m_offset = m_offsetAtDragStart + (e->position() - m_dragStart);
    m_userView = true;
    requestRepaint();
  }
  setHovered(unitAt(e->position()));
  // A QWindow gets no tooltip events: the unit's description follows the pointer instead.
  if (m_hovered >= 0 && !m_dragging)
    QToolTip::showText(e->globalPosition().toPoint(), unitDescription(m_hovered), m_container);
  else
    QToolTip::hideText();
}

void FilterAtlasView::mouseRelease(QMouseEvent* e) {
  if (m_dragging) {
    m_dragging = false;
    m_surface->setCursor(Qt::OpenHandCursor);
    e->accept();
  }
}

void FilterAtlasView::setHovered(int unit) {
  if (unit == m_hovered) return;
  m_hovered = unit;
  emit hoveredUnitChanged(unit);
  requestRepaint();
}

}  // namespace vpf
