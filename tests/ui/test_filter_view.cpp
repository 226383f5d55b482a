// The OpenGL filter atlas (DESIGN §10): after a snapshot the framebuffer is not blank, it changes
// when the weights change, contrast/normalisation change the picture without new data, and the GPU
// colours match the CPU export path (figures/filter_grid) at the tile centres.
#include <QImage>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QWindow>
#include <random>

#include "figures/filter_grid.h"
#include "tests/ui/ui_test_support.h"
#include "ui/gl/filter_atlas_view.h"
#include "ui/views/filters_panel.h"

using namespace vpf;

namespace {

SnapshotPtr snapshotWithWeights(const Matrix& w0, int sequence) {
  auto s = std::make_shared<TrainingSnapshot>();
  s->generation = 1;
  s->sequence = static_cast<quint64>(sequence);
  s->phase = TrainingPhase::Paused;
  s->model = BoltzmannMachine::zeros({784, static_cast<int>(w0.cols())}, false);
  s->model.W[0] = w0;
  s->architecture = "RBM 784-" + std::to_string(w0.cols());
  s->meanActivations = {RowVector::Constant(w0.cols(), 0.25f)};
  return s;
}

Matrix strokeFilters(int units, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> noise(0.0f, 0.02f);
  Matrix w(784, units);
  for (int j = 0; j < units; ++j)
    for (int i = 0; i < 784; ++i) {
      const int r = i / 28, c = i % 28;
      const float stroke = std::abs(r - (4 + (j * 7) % 20)) < 2 ? 1.0f : (std::abs(c - (3 + (j * 5) % 22)) < 2 ? -0.8f : 0.0f);
      w(i, j) = stroke + noise(rng);
    }
  return w;
}

int distinctColours(const QImage& image) {
  QSet<QRgb> colours;
  for (int y = 0; y < image.height(); y += 2)
    for (int x = 0; x < image.width(); x += 2) colours.insert(image.pixel(x, y));
  return colours.size();
}

}  // namespace

class TestFilterView : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { test::initUiTestEnvironment(); }

  void snapshotDrawsAndChanges() {
    FiltersPanel panel;
    panel.resize(900, 760);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    FilterAtlasView* view = panel.view();
    QVERIFY2(view->glError().isEmpty(), qPrintable(view->glError()));

    const QImage empty = view->grabFramebuffer();
    QVERIFY(!empty.isNull());

    panel.setSnapshot(snapshotWithWeights(strokeFilters(100, 1), 1));
    QTest::qWait(50);
    const QImage first = view->grabFramebuffer();
    QVERIFY2(view->glError().isEmpty(), qPrintable(view->glError()));
    QCOMPARE(view->unitCount(), 100);
    const int colours = distinctColours(first);
    qInfo("first frame: %dx%d, %d distinct colours", first.width(), first.height(), colours);
    QVERIFY2(colours > 20, qPrintable(QString::number(colours)));  // not blank
    QVERIFY(first != empty);

    panel.setSnapshot(snapshotWithWeights(strokeFilters(100, 2) * -1.0f, 2));
    QTest::qWait(50);
    const QImage second = view->grabFramebuffer();
    QVERIFY(second != first);

    // Contrast is a uniform: a new picture without new data.
    panel.setContrast(4.0f);
    QTest::qWait(50);
    const QImage contrasted = view->grabFramebuffer();
    QVERIFY(contrasted != second);
  }

  void gpuMatchesCpuColours() {
    FilterAtlasView view;
    view.resize(700, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto filters = std::make_shared<const Matrix>(strokeFilters(49, 3));
    view.setFilters(filters, 28, 28);
    view.fitToView();
    int compared = 0;
    for (const FilterColormap map : {FilterColormap::Diverging, FilterColormap::Grey}) {
    view.setColormap(map);
    view.setContrast(map == FilterColormap::Grey ? 1.5f : 1.0f);
    const QImage gpu = view.grabFramebuffer().convertToFormat(QImage::Format_RGB32);
    const QImage cpu = renderFilterGrid(*filters, 28, 28, view.options());
    const double dpr = gpu.width() / static_cast<double>(view.width());
    for (int tile = 0; tile < 49; tile += 6) {
      for (const QPoint within : {QPoint(14, 5), QPoint(5, 14), QPoint(20, 20)}) {
        const QPoint atlas = view.layout().tileRect(tile).topLeft() + within;
        const QPointF widget = view.gridToWidget(QPointF(atlas) + QPointF(0.5, 0.5));
        const QRgb g = gpu.pixel(static_cast<int>(widget.x() * dpr), static_cast<int>(widget.y() * dpr));
        const QRgb c = cpu.pixel(atlas);
        QVERIFY2(std::abs(qRed(g) - qRed(c)) <= 3 && std::abs(qGreen(g) - qGreen(c)) <= 3 &&
                     std::abs(qBlue(g) - qBlue(c)) <= 3,
                 qPrintable(QStringLiteral("tile %1 (%2,%3): gpu %4 cpu %5")
                                .arg(tile).arg(within.x()).arg(within.y())
                                .arg(QColor(g).name(), QColor(c).name())));
        ++compared;
      }
    }
    }
    QVERIFY(compared > 40);
  }

  void hoverFindsTheUnit() {
    FilterAtlasView view;
    view.resize(600, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setFilters(std::make_shared<const Matrix>(strokeFilters(16, 4)), 28, 28, RowVector::Constant(16, 0.3f));
    view.fitToView();
    const QPointF centre = view.gridToWidget(QPointF(view.layout().tileRect(5).center()));
    QCOMPARE(view.unitAt(centre), 5);
    QVERIFY(view.unitDescription(5).contains(QStringLiteral("Unit 5")));
    QVERIFY(view.unitDescription(5).contains(QStringLiteral("0.300")));
    QCOMPARE(view.unitAt(QPointF(-5, -5)), -1);
    // Zoom about a point keeps that point fixed.
    const QPointF anchor = centre;
    view.setZoom(view.zoom() * 2, anchor);
    QCOMPARE(view.unitAt(anchor), 5);

    // Real input reaches the view through its GL window: hover, double-click (fit), wheel (zoom).
    QWindow* surface = view.surfaceWindow();
    QVERIFY(surface);
    QSignalSpy hovered(&view, &FilterAtlasView::hoveredUnitChanged);
    view.fitToView();
    const QPoint at = view.gridToWidget(QPointF(view.layout().tileRect(3).center())).toPoint();
    QTest::mouseMove(surface, at);
    QTRY_VERIFY(!hovered.isEmpty());
    QCOMPARE(hovered.last().at(0).toInt(), 3);
    const double fitted = view.zoom();
    view.setZoom(fitted * 3, at);
    QTest::mouseDClick(surface, Qt::LeftButton, Qt::NoModifier, at);
    QCOMPARE(view.zoom(), fitted);
  }

  void dbmLayersAreProjected() {
    FiltersPanel panel;
    panel.resize(800, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto s = std::make_shared<TrainingSnapshot>();
    s->generation = 1;
    s->phase = TrainingPhase::Paused;
    s->model = BoltzmannMachine::zeros({784, 20, 10}, false);
    s->model.W[0] = strokeFilters(20, 5);
    s->model.W[1] = Matrix::Random(20, 10);
    s->projections = {std::make_shared<const Matrix>(projectedFilters(s->model, 2))};
    panel.setSnapshot(s);
    QCOMPARE(panel.view()->unitCount(), 20);
    panel.setLayer(2);
    QCOMPARE(panel.layer(), 2);
    QCOMPARE(panel.view()->unitCount(), 10);
    QVERIFY(panel.view()->filters()->isApprox(s->model.W[0] * s->model.W[1]));
  }
};

QTEST_MAIN(TestFilterView)
#include "test_filter_view.moc"
