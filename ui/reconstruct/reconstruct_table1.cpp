// ReconstructPanel, paper Table 1: the mean L1 error of the four corruption patterns over the
// test set, on the panel's second worker with progress and cancel, shown as a table and
// exported as CSV.
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include "core/common/error.h"
#include "core/common/paper_reference.h"
#include "core/io/csv_writer.h"
#include "core/protocols/table1.h"
#include "figures/figure_export.h"
#include "ui/reconstruct/reconstruct_panel.h"
#include "ui/support/form.h"
#include "ui/support/task_runner.h"

namespace vpf {

QWidget* ReconstructPanel::buildEvaluation() {
  auto* box = new QGroupBox(tr("Paper Table 1: mean L1 error on the test set"));
  auto* v = new QVBoxLayout(box);
  auto* row = new QHBoxLayout;
  m_evalImages = form::spinBox(1, 1000000, 10000, QStringLiteral("evaluationImages"));
  m_evalImages->setToolTip(tr("Use the first N test images (paper: all 10,000)"));
  m_evalButton =
      form::button(tr("Evaluate on test set"), QStringLiteral("evaluateButton"),
                   tr("All four patterns (Top/Bottom/Left/Right, the preset rows) with the transitions and seed "
                      "above — the same computation as `vpf reconstruct`"));
  m_evalCancel = form::button(tr("Cancel"), QStringLiteral("cancelEvaluation"));
  m_evalProgress = new QProgressBar;
  m_evalProgress->setObjectName(QStringLiteral("evaluationProgress"));
  m_evalProgress->setRange(0, 1000);
  auto* exportTable = form::button(tr("Export table…"), QStringLiteral("exportTable"));
  auto* exportView = form::button(tr("Export…"), QStringLiteral("exportButton"), tr("Export the figure or its data"));
  connect(m_evalButton, &QPushButton::clicked, this, &ReconstructPanel::evaluateTestSet);
  connect(m_evalCancel, &QPushButton::clicked, this, &ReconstructPanel::cancelEvaluation);
  connect(exportView, &QPushButton::clicked, this, &ReconstructPanel::exportRequested);
  connect(exportTable, &QPushButton::clicked, this, [this] {
    if (m_table.empty()) return;
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export Table 1"), QStringLiteral("table1.csv"), tr("CSV (*.csv)"));
    if (path.isEmpty()) return;
    try {
      exportTable1Csv(path);
    } catch (const std::exception& e) {
      m_evalStatus->setText(tr("Export failed: %1").arg(QString::fromUtf8(e.what())));
    }
  });
  row->addWidget(new QLabel(tr("test images")));
  row->addWidget(m_evalImages);
  row->addWidget(m_evalButton);
  row->addWidget(m_evalCancel);
  row->addStretch(1);
  row->addWidget(exportTable);
  row->addWidget(exportView);
  m_tableWidget = new QTableWidget(0, 5);
  m_tableWidget->setObjectName(QStringLiteral("table1"));
  m_tableWidget->setHorizontalHeaderLabels(
      {tr("Corruption"), tr("mean L1 error"), tr("std. dev."), tr("images"), tr("paper: RBM(196), same algorithm")});
  m_tableWidget->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  m_tableWidget->verticalHeader()->setVisible(false);
  m_tableWidget->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_evalStatus = form::statusLabel(QStringLiteral("evaluationStatus"), 3);
  v->addLayout(row);
  v->addWidget(m_evalProgress);
  v->addWidget(m_evalStatus);
  v->addWidget(m_tableWidget, 1);

  connect(m_evalRunner, &TaskRunner::progress, this,
          [this](quint64, double f) { m_evalProgress->setValue(static_cast<int>(f * 1000)); });
  connect(m_evalRunner, &TaskRunner::busyChanged, this, [this](bool busy) {
    m_evalButton->setEnabled(!busy);
    m_evalCancel->setEnabled(busy);
  });
  connect(m_evalRunner, &TaskRunner::cancelled, this, [this] {
    m_evalStatus->setText(tr("Evaluation cancelled; the table keeps the previous result."));
    m_evalProgress->setValue(0);
    emit evaluationCancelled();
  });
  connect(m_evalRunner, &TaskRunner::failed, this, [this](quint64, const QString& message) {
    m_evalStatus->setText(tr("Evaluation failed: %1").arg(message));
    emit evaluationFailed(message);
  });
  m_evalCancel->setEnabled(false);
  return box;
}

bool ReconstructPanel::isEvaluating() const { return m_evalRunner->isBusy(); }

void ReconstructPanel::evaluateTestSet() {
  const ModelPtr model = m_context->model();
  if (!model) {
    m_evalStatus->setText(m_context->refusal());
    return;
  }
  const MatrixPtr test = m_context->testImages();
  const int n = std::min<int>(m_evalImages->value(), static_cast<int>(test->rows()));
  const int transitions = m_transitions->value(), count = m_rows->value();
  const int rows = m_context->imageRows(), cols = m_context->imageCols();
  const quint64 seed = static_cast<quint64>(m_seed->value());
  const CorruptionStart start = corruptionStart();
  m_evalProgress->setValue(0);
  m_tableSettings = tr("%1; %2 test images binarised at %3, %4 rows/cols corrupted, %5 Gibbs transitions, corrupted "
                       "pixels start as %6, seed %7")
                        .arg(m_context->modelDescription())
                        .arg(n)
                        .arg(m_context->config().binarizeThreshold)
                        .arg(count)
                        .arg(transitions)
                        .arg(start == CorruptionStart::Noise ? QStringLiteral("noise") : QStringLiteral("zeros"))
                        .arg(seed);
  m_evalStatus->setText(tr("Evaluating: %1…").arg(m_tableSettings));
  m_evalRunner->submit(
      [model, test, n, transitions, count, rows, cols, seed, start](const TaskRunner::Progress& progress) -> std::any {
        protocol::Table1Settings settings;  // the same protocol as `vpf reconstruct` and `vpf repro`
        settings.imageRows = rows;
        settings.imageCols = cols;
        settings.corruptedRows = count;
        settings.transitions = transitions;
        settings.seed = seed;
        settings.start = start;
        const auto scores = protocol::evaluateTable1(*model, test->topRows(n), settings,
                                                     [&](double f, CorruptionPattern) { return progress(f); });
        std::vector<Table1Row> out;
        for (const auto& [pattern, s] : scores)
          out.push_back({QString::fromStdString(patternName(pattern)), s.mean, s.stddev, s.images});
        return out;
      },
      [this](std::any any) {
        m_table = std::any_cast<std::vector<Table1Row>>(std::move(any));
        m_evalProgress->setValue(1000);
        m_evalStatus->setText(m_tableSettings);
        showTable();
        emit evaluationFinished();
      });
}

void ReconstructPanel::cancelEvaluation() { m_evalRunner->cancel(); }

void ReconstructPanel::showTable() {
  const std::string algo = algorithmName(m_context->config());
  m_tableWidget->setRowCount(static_cast<int>(m_table.size()));
  for (int r = 0; r < static_cast<int>(m_table.size()); ++r) {
    const Table1Row& row = m_table[static_cast<std::size_t>(r)];
    const double paperValue = paper::table1(r, algo);
    const QStringList cells = {row.pattern, QString::number(row.mean, 'f', 2), QString::number(row.stddev, 'f', 2),
                               QString::number(row.images),
                               paperValue >= 0 ? QString::number(paperValue, 'f', 2) : QStringLiteral("–")};
    for (int c = 0; c < cells.size(); ++c) m_tableWidget->setItem(r, c, new QTableWidgetItem(cells[c]));
  }
}

void ReconstructPanel::exportTable1Csv(const QString& path) const {
  if (m_table.empty()) throw Error("no Table 1 evaluation to export (press \"Evaluate on test set\" first)");
  CsvWriter csv({"pattern", "error_mean", "error_std", "images", "settings"});
  for (const Table1Row& r : m_table)
    csv.addRow(std::vector<std::string>{r.pattern.toStdString(), CsvWriter::number(r.mean), CsvWriter::number(r.stddev),
                                        std::to_string(r.images), m_tableSettings.toStdString()});
  saveCsv(csv, path);
}

}  // namespace vpf
