#pragma once
// Asks where to export and at which size/resolution: one figure (PNG/SVG/PDF) or its data (CSV),
// or — in folder mode — the folder for "Export all figures". The format follows the file name's
// extension and the file name follows the format; the last format and size are remembered.
#include <QDialog>

#include "figures/figure_export.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace vpf {

class ExportDialog : public QDialog {
  Q_OBJECT
 public:
  enum class Mode { Figure, Folder };
  ExportDialog(Mode mode, const QString& title, const QString& defaultPath, const FigureSize& defaultSize,
               QWidget* parent = nullptr);

  QString path() const;
  FigureSize figureSize() const;
  bool csvSelected() const;  // Figure mode: "CSV data" chosen

  void accept() override;

 private:
  void browse();
  void formatChanged();
  void pathEdited();
  void updateInfo();

  Mode m_mode;
  QLineEdit* m_path;
  QComboBox* m_format = nullptr;
  QSpinBox* m_width;
  QSpinBox* m_height;
  QSpinBox* m_dpi;
  QLabel* m_info;
};

}  // namespace vpf
