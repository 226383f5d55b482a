#pragma once
// Shows a QImage (e.g. a grid of digits) scaled by the largest integer factor that fits (nearest
// neighbour, crisp pixels), centred, with a caption above it.
#include <QImage>
#include <QWidget>

namespace vpf {

class ImageGridWidget : public QWidget {
  Q_OBJECT
 public:
  explicit ImageGridWidget(const QString& caption = QString(), QWidget* parent = nullptr);
  void setImage(const QImage& image);
  void setCaption(const QString& caption);
  const QImage& image() const { return m_image; }
  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* e) override;

 private:
  QImage m_image;
  QString m_caption;
};

}  // namespace vpf
