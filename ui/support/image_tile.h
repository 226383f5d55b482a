#pragma once
// One image (a digit, a hidden layer, a grid) drawn with crisp pixels at the largest integer
// scale that fits, centred under a caption, with an optional line of text below (e.g. the L1
// error). widgetToImage maps widget coordinates to image pixels (for painting).
#include <QImage>
#include <QWidget>

namespace vpf {

class ImageTile : public QWidget {
  Q_OBJECT
 public:
  explicit ImageTile(const QString& caption = QString(), QWidget* parent = nullptr);
  void setImage(const QImage& image);
  const QImage& image() const { return m_image; }
  void setCaption(const QString& caption);
  QString caption() const { return m_caption; }
  void setFooter(const QString& footer);
  QString footer() const { return m_footer; }
  /// Draws a 1-pixel highlight frame (e.g. the layer a chain sub-step just updated).
  void setHighlighted(bool on);
  /// Preferred display scale for sizeHint (image pixels × scale).
  void setPreferredScale(int scale);

  /// The rectangle the image occupies in widget coordinates (empty without an image).
  QRect imageRect() const;
  /// The image pixel under widget point `p`, or (−1, −1) outside the image.
  QPoint widgetToImage(QPointF p) const;

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* e) override;
  /// Called after the image is drawn (overlays), in widget coordinates.
  virtual void paintOverlay(QPainter& painter, const QRect& imageRect);

 private:
  int captionHeight() const;
  int footerHeight() const;

  QImage m_image;
  QString m_caption, m_footer;
  bool m_highlighted = false;
  int m_preferredScale = 6;
};

}  // namespace vpf
