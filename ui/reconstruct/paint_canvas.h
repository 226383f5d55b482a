#pragma once
// The corrupted image, painted with the mouse: presses and drags map widget positions to image
// pixels (ImageTile::widgetToImage) and paint with the CorruptionEditor's brush. Corrupted
// pixels are tinted red. strokeChanged carries the time of the mouse event (for the
// stroke-to-reconstruction latency).
#include <QElapsedTimer>

#include "ui/reconstruct/corruption_editor.h"
#include "ui/support/image_tile.h"

namespace vpf {

class PaintCanvas : public ImageTile {
  Q_OBJECT
 public:
  explicit PaintCanvas(CorruptionEditor* editor, QWidget* parent = nullptr);
  /// Tint of corrupted pixels on/off.
  void setShowMask(bool on);
  /// Monotonic clock (ns) shared with the panel for latency measurement.
  static qint64 nowNs();

 signals:
  /// The mask/input changed during a stroke; `eventNs` = nowNs() when the mouse event arrived.
  void strokeChanged(qint64 eventNs);
  void strokeFinished();

 protected:
  void mousePressEvent(QMouseEvent* e) override;
  void mouseMoveEvent(QMouseEvent* e) override;
  void mouseReleaseEvent(QMouseEvent* e) override;
  void paintOverlay(QPainter& painter, const QRect& imageRect) override;

 private:
  CorruptionEditor* m_editor;
  bool m_painting = false;
  bool m_showMask = true;
};

}  // namespace vpf
