#include "ui/export/export_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStyle>

namespace vpf {

ExportDialog::ExportDialog(Mode mode, const QString& title, const QString& defaultPath, const FigureSize& defaultSize,
                           QWidget* parent)
    : QDialog(parent), m_mode(mode) {
  setWindowTitle(title);
  setObjectName(QStringLiteral("vpfExportDialog"));
  auto* form = new QFormLayout;
  form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

  m_path = new QLineEdit(defaultPath);
  m_path->setMinimumWidth(360);
  auto* browse = new QPushButton(style()->standardIcon(QStyle::SP_DirOpenIcon), tr("Browse…"));
  connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
  auto* pathRow = new QHBoxLayout;
  pathRow->addWidget(m_path, 1);
  pathRow->addWidget(browse);
  // Every label names its field as buddy: without one, QFormLayout shows the mnemonic's "&".
  auto labelFor = [](const QString& text, QWidget* buddy) {
    auto* label = new QLabel(text);
    label->setBuddy(buddy);
    return label;
  };
  form->addRow(labelFor(mode == Mode::Figure ? tr("&File:") : tr("&Folder:"), m_path), pathRow);

  if (mode == Mode::Figure) {
    m_format = new QComboBox;
    m_format->addItem(tr("PNG image"), QStringLiteral("png"));
    m_format->addItem(tr("SVG vector graphics"), QStringLiteral("svg"));
    m_format->addItem(tr("PDF document"), QStringLiteral("pdf"));
    m_format->addItem(tr("CSV data"), QStringLiteral("csv"));
    // The last format chosen, else the default path's.
    const QString last = QSettings().value(QStringLiteral("export/format")).toString();
    int index = m_format->findData(last);
    if (index < 0) index = m_format->findData(QFileInfo(defaultPath).suffix().toLower());
    m_format->setCurrentIndex(index >= 0 ? index : 0);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::formatChanged);
    connect(m_path, &QLineEdit::textEdited, this, &ExportDialog::pathEdited);
    form->addRow(labelFor(tr("F&ormat:"), m_format), m_format);
  }

  QSettings settings;
  m_width = new QSpinBox;
  m_width->setRange(100, 10000);
  m_width->setSuffix(tr(" px"));
  m_width->setValue(settings.value(QStringLiteral("export/width"), defaultSize.width).toInt());
  m_height = new QSpinBox;
  m_height->setRange(100, 10000);
  m_height->setSuffix(tr(" px"));
  m_height->setValue(settings.value(QStringLiteral("export/height"), defaultSize.height).toInt());
  if (mode == Mode::Figure) {  // a single figure starts from the view's own proportions
    m_width->setValue(defaultSize.width);
    m_height->setValue(defaultSize.height);
  }
  auto* sizeRow = new QHBoxLayout;
  sizeRow->addWidget(m_width);
  sizeRow->addWidget(new QLabel(QStringLiteral("×")));
  sizeRow->addWidget(m_height);
  sizeRow->addStretch(1);
  form->addRow(labelFor(tr("&Size (at 96 dpi):"), m_width), sizeRow);
  m_dpi = new QSpinBox;
  m_dpi->setRange(48, 1200);
  m_dpi->setSingleStep(24);
  m_dpi->setSuffix(tr(" dpi"));
  m_dpi->setValue(settings.value(QStringLiteral("export/dpi"), std::max(96.0, defaultSize.dpi)).toInt());
  form->addRow(labelFor(tr("&Resolution:"), m_dpi), m_dpi);
  m_info = new QLabel;
  m_info->setWordWrap(true);
  m_info->setStyleSheet(QStringLiteral("color: palette(mid);"));
  form->addRow(QString(), m_info);
  for (QSpinBox* box : {m_width, m_height, m_dpi})
    connect(box, &QSpinBox::valueChanged, this, &ExportDialog::updateInfo);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
  connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(buttons);
  formatChanged();
}

QString ExportDialog::path() const { return m_path->text().trimmed(); }

FigureSize ExportDialog::figureSize() const {
  FigureSize size;
  size.width = m_width->value();
  size.height = m_height->value();
  size.dpi = m_dpi->value();
  return size;
}

bool ExportDialog::csvSelected() const { return m_format && m_format->currentData().toString() == QLatin1String("csv"); }

void ExportDialog::browse() {
  if (m_mode == Mode::Folder) {
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Export all figures to"), path());
    if (!folder.isEmpty()) m_path->setText(folder);
    return;
  }
  const QString suffix = m_format->currentData().toString();
  const QString file = QFileDialog::getSaveFileName(this, tr("Export to"), path(),
                                                    tr("%1 (*.%2)").arg(m_format->currentText(), suffix));
  if (file.isEmpty()) return;
  m_path->setText(file);
  if (m_format->findData(QFileInfo(file).suffix().toLower()) >= 0)
    pathEdited();  // a known extension typed in the file dialog chooses the format
  else
    formatChanged();
}

void ExportDialog::formatChanged() {
  if (m_format) {
    QString p = path();
    if (!p.isEmpty()) {
      const QFileInfo info(p);
      p = QDir(info.path()).filePath(info.completeBaseName() + QLatin1Char('.') + m_format->currentData().toString());
      m_path->setText(QDir::toNativeSeparators(p));
    }
  }
  updateInfo();
}

// Typing a known extension chooses its format, so the combo never contradicts the file name.
void ExportDialog::pathEdited() {
  const int index = m_format->findData(QFileInfo(path()).suffix().toLower());
  if (index < 0 || index == m_format->currentIndex()) return;
  const QSignalBlocker block(m_format);
  m_format->setCurrentIndex(index);
  updateInfo();
}

void ExportDialog::updateInfo() {
  const bool figure = !csvSelected();
  for (QSpinBox* box : {m_width, m_height, m_dpi}) box->setEnabled(figure);
  const QSize px = figureSize().pixelSize();
  if (m_mode == Mode::Folder) {
    m_info->setText(tr("Every view as PNG (%1 × %2 pixels), SVG and PDF, its data as CSV, and an index.md.")
                        .arg(px.width()).arg(px.height()));
  } else if (csvSelected()) {
    m_info->setText(tr("The data shown in the view, as comma-separated values with a header line."));
  } else {
    const double inches = figureSize().width / 96.0;
    m_info->setText(tr("PNG: %1 × %2 pixels. SVG/PDF: %3 × %4 cm, vector graphics.")
                        .arg(px.width()).arg(px.height())
                        .arg(inches * 2.54, 0, 'f', 1)
                        .arg(figureSize().height / 96.0 * 2.54, 0, 'f', 1));
  }
}

void ExportDialog::accept() {
  if (path().isEmpty()) {
    m_info->setText(tr("<span style='color:#b00020'>Choose a %1 first.</span>")
                        .arg(m_mode == Mode::Figure ? tr("file") : tr("folder")));
    return;
  }
  QSettings settings;
  if (m_format) {
    const QString suffix = QFileInfo(path()).suffix().toLower();
    if (suffix.isEmpty()) {
      m_path->setText(path() + QLatin1Char('.') + m_format->currentData().toString());
    } else if (m_format->findData(suffix) < 0) {
      m_info->setText(tr("<span style='color:#b00020'>VPF Lab cannot write '.%1' files: use .png, .svg, .pdf or "
                         ".csv.</span>")
                          .arg(suffix.toHtmlEscaped()));
      return;
    }
    settings.setValue(QStringLiteral("export/format"), m_format->currentData().toString());
  }
  settings.setValue(QStringLiteral("export/width"), m_width->value());
  settings.setValue(QStringLiteral("export/height"), m_height->value());
  settings.setValue(QStringLiteral("export/dpi"), m_dpi->value());
  QDialog::accept();
}

}  // namespace vpf
