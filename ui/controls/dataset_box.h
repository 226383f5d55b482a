#pragma once
// The "Data" group of the left dock: chooses the data set (MNIST, Fashion-MNIST, any IDX
// image/label pair opened before) and summarises it.
#include <QWidget>

class QComboBox;
class QLabel;

namespace vpf {

class DatasetBox : public QWidget {
  Q_OBJECT
 public:
  explicit DatasetBox(QWidget* parent = nullptr);

  /// Shows `spec` as the current data set (adding it to the list if new).
  void setCurrent(const QString& spec, const QString& summary);
  QString currentSpec() const;
  QComboBox* combo() const { return m_combo; }

 signals:
  void datasetRequested(const QString& spec);
  void openFilesRequested();

 private:
  void activated(int index);

  QComboBox* m_combo;
  QLabel* m_summary;
  QString m_current;
};

}  // namespace vpf
