// ConfabPanel, export: the grids side by side with the Parzen estimates (shared figure code,
// figures/sampling_figures.h), the samples as CSV and .npy, parzen.csv and loglik.csv.
#include <QDir>
#include <QEventLoop>
#include <QPainter>
#include <QTimer>

#include "core/common/error.h"
#include "core/io/csv_writer.h"
#include "core/io/npy.h"
#include "figures/sampling_figures.h"
#include "ui/confab/confab_generate.h"
#include "ui/confab/confab_panel.h"
#include "ui/support/task_runner.h"

namespace vpf {

using confab::priorName;

void ConfabPanel::waitForSamples() {
  // Export right after a model arrives (e.g. --export-all): let the worker finish the grid.
  if (!m_context->model() || (!isGenerating() && m_samples.rows() > 0)) return;
  if (!isGenerating()) regenerate();
  QEventLoop loop;
  QTimer::singleShot(60000, &loop, &QEventLoop::quit);
  connect(this, &ConfabPanel::samplesShown, &loop, &QEventLoop::quit);
  connect(m_runner, &TaskRunner::failed, &loop, &QEventLoop::quit);
  while (isGenerating()) {
    loop.exec();
    if (!isGenerating() || m_samples.rows() > 0) break;
  }
}

void ConfabPanel::exportFigure(const QString& path, const FigureSize& size) {
  waitForSamples();
  if (m_samples.rows() == 0) throw Error("no confabulations to export (no model yet)");
  const int rows = m_context->imageRows(), cols = m_context->imageCols();
  ImageStripFigure figure;
  figure.title = tr("Confabulations (paper Alg. 2): %1").arg(m_shownSettings);
  figure.images.push_back({sampleGrid(m_samples, rows, cols), m_context->modelDescription()});
  if (m_modelB && m_samplesB.rows() > 0) figure.images.push_back({sampleGrid(m_samplesB, rows, cols), m_nameB});
  for (const ParzenReport& p : m_parzen)
    figure.notes << tr("%1: Parzen log-likelihood %2 ± %3 (σ = %4, %5 samples, %6 test images)")
                        .arg(p.model)
                        .arg(p.result.mean, 0, 'f', 2)
                        .arg(p.result.standardError, 0, 'f', 2)
                        .arg(p.result.sigma, 0, 'g', 4)
                        .arg(p.result.samples)
                        .arg(p.result.testImages);
  for (const LoglikReport& r : m_loglik)
    figure.notes << tr("%1: test log-likelihood %2 %3 ± %4 nats (%5)")
                        .arg(r.model)
                        .arg(r.estimate.bound ? QStringLiteral("≥") : QStringLiteral("="))
                        .arg(r.estimate.testLogLikelihood.mean, 0, 'f', 2)
                        .arg(r.estimate.testLogLikelihood.standardError, 0, 'f', 2)
                        .arg(QString::fromStdString(r.estimate.method()));
  savePainted([&figure](QPainter& p, const QRectF& rect) { paintImageStrip(p, rect, figure); }, path, size);
}

void ConfabPanel::exportCsv(const QString& path) {
  waitForSamples();
  if (m_samples.rows() == 0) throw Error("no confabulations to export (no model yet)");
  std::vector<std::string> header{"sample"};
  for (Eigen::Index i = 0; i < m_samples.cols(); ++i) header.push_back("p" + std::to_string(i));
  CsvWriter csv(header);
  for (Eigen::Index r = 0; r < m_samples.rows(); ++r) {
    std::vector<double> row{static_cast<double>(r)};
    for (Eigen::Index i = 0; i < m_samples.cols(); ++i) row.push_back(m_samples(r, i));
    csv.addRow(row);
  }
  saveCsv(csv, path);
}

QStringList ConfabPanel::exportAll(const QString& folder, const FigureSize& size) {
  QStringList written = ExportableView::exportAll(folder, size);
  const QDir dir(folder);
  const QString npy = dir.filePath(QStringLiteral("confabulations.npy"));
  saveNpy(npy.toStdString(), m_samples);
  written << npy;
  if (m_modelB && m_samplesB.rows() > 0) {
    const QString b = dir.filePath(QStringLiteral("confabulations-compare.npy"));
    saveNpy(b.toStdString(), m_samplesB);
    written << b;
  }
  if (!m_parzen.empty()) {
    CsvWriter csv({"model", "log_likelihood", "standard_error", "sigma", "sigma_selected", "samples", "test_images",
                   "prior", "r", "seed", "threshold", "test_pixels"});
    for (const ParzenReport& p : m_parzen)
      csv.addRow(std::vector<std::string>{
          p.model.toStdString(), CsvWriter::number(p.result.mean), CsvWriter::number(p.result.standardError),
          CsvWriter::number(p.result.sigma), p.sigmaSelected ? "1" : "0", std::to_string(p.result.samples),
          std::to_string(p.result.testImages), priorName(p.prior).toStdString(), std::to_string(p.r),
          std::to_string(p.seed), CsvWriter::number(p.threshold), p.greyTest ? "grey" : "binarised"});
    const QString path = dir.filePath(QStringLiteral("parzen.csv"));
    saveCsv(csv, path);
    written << path;
  }
  if (!m_loglik.empty()) {
    CsvWriter csv({"model", "method", "log_likelihood", "standard_error", "test_images", "log_z", "log_z_lo",
                   "log_z_hi", "runs", "betas", "seed"});
    for (const LoglikReport& r : m_loglik) {
      const LikelihoodEstimate& e = r.estimate;
      csv.addRow(std::vector<std::string>{
          r.model.toStdString(), e.method(), CsvWriter::number(e.testLogLikelihood.mean),
          CsvWriter::number(e.testLogLikelihood.standardError), std::to_string(e.testLogLikelihood.images),
          CsvWriter::number(e.logZ.logZ), CsvWriter::number(e.logZ.logZLow), CsvWriter::number(e.logZ.logZHigh),
          std::to_string(e.logZ.runs), std::to_string(e.logZ.betas), std::to_string(r.settings.seed)});
    }
    const QString path = dir.filePath(QStringLiteral("loglik.csv"));
    saveCsv(csv, path);
    written << path;
  }
  return written;
}

}  // namespace vpf
