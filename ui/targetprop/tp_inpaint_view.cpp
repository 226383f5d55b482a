#include "ui/targetprop/tp_inpaint_view.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QSlider>
#include <QVBoxLayout>

#include "core/common/error.h"
#include "core/common/rng.h"
#include "core/data/corruption.h"
#include "core/io/csv_writer.h"
#include "core/targetprop/inpaint.h"
#include "core/targetprop/tp_rows.h"
#include "figures/pixel_images.h"
#include "figures/sampling_figures.h"
#include "figures/tp_figures.h"
#include "ui/reconstruct/corruption_editor.h"
#include "ui/reconstruct/paint_canvas.h"
#include "ui/support/form.h"
#include "ui/support/image_tile.h"
#include "ui/support/task_runner.h"

namespace vpf {

using namespace targetprop;

namespace {
constexpr int kImages = 8;
constexpr int kSteps = 20;  // the paper's outer steps
constexpr std::uint64_t kMaskSeed = 5;
enum MaskKind { Random, Top, Bottom, Left, Right, Painted };

// Bengio 2015 inpaints grey digits; a binarised model sees binarised ones.
Matrix testRows(const DataSplits& data, bool binarised) {
  const Matrix rows = data.test.images.topRows(std::min<Eigen::Index>(kImages, data.test.images.rows()));
  return binarised ? binarize(rows, 0.5f) : rows;
}

std::vector<Matrix> runInpaint(const TpModel<float>& model, const Matrix& x, const Matrix& mask,
                               const TaskRunner::Progress& progress) {
  InpaintSettings settings;
  settings.steps = kSteps;
  Rng rng(kMaskSeed, 9);
  (void)progress;  // INPAINT of 8 images takes well under a second
  return inpaint<float>(model, x, mask, settings, rng, true).frames;
}

}  // namespace

TpInpaintView::TpInpaintView(QWidget* parent)
    : TpView(parent), m_runner(new TaskRunner(this)), m_editor(std::make_unique<CorruptionEditor>()) {
  m_maskKind =
      form::comboBox({tr("random 50 %"), tr("Top 12"), tr("Bottom 12"), tr("Left 12"), tr("Right 12"), tr("painted")},
                     QStringLiteral("tpMaskKind"),
                     tr("Missing pixels: random half (seeded), 12 rows or columns at an edge (paper Table 1's "
                        "patterns), or painted on the first image (applied to all)"));
  m_step = new QSlider(Qt::Horizontal);
  m_step->setObjectName(QStringLiteral("tpInpaintStep"));
  m_step->setRange(0, kSteps);
  m_step->setValue(kSteps);
  m_step->setFixedWidth(140);
  m_stepLabel = new QLabel;
  m_canvas = new PaintCanvas(m_editor.get());
  m_canvas->setObjectName(QStringLiteral("tpPaintCanvas"));
  m_canvas->setCaption(tr("paint the missing pixels"));
  m_canvas->setPreferredScale(5);
  m_canvas->setVisible(false);
  m_status = form::statusLabel(QString(), 2);
  auto* tiles = new QGridLayout;  // two rows of four: the tab shares the window with the Setup dock
  for (int i = 0; i < kImages; ++i) {
    auto* tile = new ImageTile;
    tile->setPreferredScale(3);
    m_tiles.push_back(tile);
    tiles->addWidget(tile, i / 4, i % 4);
  }
  auto* body = new QHBoxLayout;
  body->addWidget(m_canvas);
  body->addLayout(tiles, 1);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form::row({"mask", m_maskKind, "outer step", m_step, m_stepLabel}));
  auto* legend =
      new QLabel(tr("Each column: original, start (missing pixels drawn from U(0, 1)), and x^s; the "
                    "footer is the mean L1 error over the missing pixels."));
  legend->setWordWrap(true);
  layout->addWidget(legend);
  layout->addLayout(body, 1);
  layout->addWidget(m_status);

  connect(m_maskKind, &QComboBox::currentIndexChanged, this, [this](int kind) {
    m_canvas->setVisible(kind == Painted);
    m_stale = true;
    refresh();
  });
  connect(m_canvas, &PaintCanvas::strokeFinished, this, [this] {
    m_stale = true;
    refresh();
  });
  connect(m_step, &QSlider::valueChanged, this, &TpInpaintView::showStep);
  connect(m_runner, &TaskRunner::failed, this,
          [this](quint64, const QString& m) { m_status->setText(tr("Failed: %1").arg(m)); });
}

TpInpaintView::~TpInpaintView() = default;

void TpInpaintView::setSnapshot(const TpSnapshotPtr& s) {
  if (!s || !s->model || s->modelVersion == m_modelVersion) return;
  m_model = s->model;
  m_modelVersion = s->modelVersion;
  m_stale = true;
  if (!s->running) refresh();
}

void TpInpaintView::setDataset(std::shared_ptr<const DataSplits> data) {
  TpView::setDataset(std::move(data));
  if (m_data && m_data->test.images.rows() > 0) {
    m_original = testRows(*m_data, false);
    m_editor->setOriginal(RowVector(m_original.row(0)), m_data->test.rows, m_data->test.cols);
    m_canvas->setImage(greyImage(RowVector(m_original.row(0)), m_data->test.rows, m_data->test.cols));
  }
  m_stale = true;
  refresh();
}

bool TpInpaintView::isBusy() const { return m_runner->isBusy(); }

Matrix TpInpaintView::currentMask() const {
  const int rows = m_data->test.rows, cols = m_data->test.cols;
  Matrix mask(m_original.rows(), m_original.cols());
  Rng rng(kMaskSeed, 1);
  for (Eigen::Index r = 0; r < mask.rows(); ++r) {
    switch (m_maskKind->currentIndex()) {
      case Random:
        mask.row(r) = randomPixelMask(rows, cols, 0.5, rng);
        break;
      case Top:
        mask.row(r) = corruptionMask(CorruptionPattern::Top, rows, cols);
        break;
      case Bottom:
        mask.row(r) = corruptionMask(CorruptionPattern::Bottom, rows, cols);
        break;
      case Left:
        mask.row(r) = corruptionMask(CorruptionPattern::Left, rows, cols);
        break;
      case Right:
        mask.row(r) = corruptionMask(CorruptionPattern::Right, rows, cols);
        break;
      default:
        mask.row(r) = m_editor->state().mask;
        break;
    }
  }
  return mask;
}

void TpInpaintView::refresh() {
  if (!m_stale || !isVisible() || !m_model || !m_data || m_original.size() == 0) return;
  rebuild();
}

void TpInpaintView::rebuild() {
  m_stale = false;
  if (const QString why = pixelMismatch(*m_data, m_model->arch.visible); !why.isEmpty()) {
    m_status->setText(why);
    return;
  }
  m_mask = currentMask();
  if (m_mask.sum() == 0) {
    m_frames.clear();
    showStep();
    m_status->setText(tr("Paint some missing pixels on the image at the left."));
    return;
  }
  auto model = m_model;
  const Matrix x = m_original, mask = m_mask;
  m_status->setText(tr("Inpainting…"));
  m_runner->submit(
      [model, x, mask](const TaskRunner::Progress& p) -> std::any { return runInpaint(*model, x, mask, p); },
      [this](std::any result) {
        m_frames = std::any_cast<std::vector<Matrix>>(result);
        showStep();
        m_status->setText(tr("%1 outer steps of INFERENCE with the known pixels clamped (N 15, δ 0.1, α 0.001). "
                             "Paper (Fig. 5): the missing halves are filled in plausibly.")
                              .arg(kSteps));
        emit inpainted();
      });
}

std::vector<double> TpInpaintView::errors() const {
  const int s = m_step->value();
  if (m_frames.empty() || s >= static_cast<int>(m_frames.size())) return {};
  return missingPixelL1(m_original, m_frames[static_cast<std::size_t>(s)], m_mask);
}

void TpInpaintView::showStep() {
  const int s = m_step->value();
  m_stepLabel->setText(QStringLiteral("%1 / %2").arg(s).arg(kSteps));
  const std::vector<double> l1 = errors();
  const int rows = m_data ? m_data->test.rows : 28, cols = m_data ? m_data->test.cols : 28;
  for (int i = 0; i < static_cast<int>(m_tiles.size()); ++i) {
    if (l1.empty() || i >= m_original.rows()) {
      m_tiles[static_cast<std::size_t>(i)]->setImage(QImage());
      m_tiles[static_cast<std::size_t>(i)]->setFooter(QString());
      continue;
    }
    Matrix column(3, m_original.cols());
    column.row(0) = m_original.row(i);
    column.row(1) = m_frames.front().row(i);
    column.row(2) = m_frames[static_cast<std::size_t>(s)].row(i);
    m_tiles[static_cast<std::size_t>(i)]->setImage(sampleGrid(column, rows, cols, 1));
    m_tiles[static_cast<std::size_t>(i)]->setFooter(
        QStringLiteral("L1 %1").arg(l1[static_cast<std::size_t>(i)], 0, 'f', 3));
  }
}

void TpInpaintView::computeNow() {
  if (!m_model || !m_data || m_original.size() == 0) throw Error("no model or test images to inpaint");
  m_runner->cancel();
  m_stale = false;
  m_mask = currentMask();
  m_frames = runInpaint(*m_model, m_original, m_mask, [](double) { return true; });
  showStep();
}

void TpInpaintView::exportFigure(const QString& path, const FigureSize& size) {
  if (m_frames.empty() || m_stale) computeNow();
  const int s = m_step->value();
  const ImageStripFigure f = tpInpaintingStrip(
      m_original, m_frames.front(), m_frames[static_cast<std::size_t>(s)], m_mask, m_data->test.rows, m_data->test.cols,
      tr("Target prop (Bengio et al. 2015): inpainting, %1, outer step %2 of %3")
          .arg(m_maskKind->currentText())
          .arg(s)
          .arg(kSteps),
      {});
  savePainted([f](QPainter& p, const QRectF& rect) { paintImageStrip(p, rect, f); }, path, size);
}

void TpInpaintView::exportCsv(const QString& path) {
  if (m_frames.empty() || m_stale) computeNow();
  CsvWriter csv({"image", "step", "l1_missing"});
  for (std::size_t s = 0; s < m_frames.size(); ++s) {
    const std::vector<double> l1 = missingPixelL1(m_original, m_frames[s], m_mask);
    for (std::size_t i = 0; i < l1.size(); ++i)
      csv.addRow(std::vector<double>{static_cast<double>(i), static_cast<double>(s), l1[i]});
  }
  csv.save(path.toStdString());
}

}  // namespace vpf
