#pragma once
// The two faces of a sampling panel: its content, or — when it cannot work (no model, training
// running, images that do not fit) — one sentence saying why, in a large font (object name
// "refusal", so tests can read it).
#include <QStackedWidget>

class QLabel;

namespace vpf {

class RefusalStack : public QStackedWidget {
  Q_OBJECT
 public:
  explicit RefusalStack(QWidget* content, QWidget* parent = nullptr);
  /// An empty reason shows the content, any other text shows the refusal.
  void setRefusal(const QString& reason);

 private:
  QLabel* m_refusal;
};

}  // namespace vpf
