// Export (issue 3 §7): every view writes PNG, SVG and PDF at the requested size/DPI plus CSV;
// each file is non-empty and readable back (PNG loads at the right pixel size, SVG parses as XML
// with an <svg> root, PDF starts with %PDF, CSV has a header and rows). "Export all figures"
// writes everything with an index.md listing the files.
#include <qcustomplot.h>

#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>
#include <memory>

#include "core/common/error.h"
#include "figures/colormap.h"
#include "figures/figure_export.h"
#include "figures/filter_grid.h"
#include "figures/training_plots.h"
#include "tests/ui/ui_test_support.h"
#include "ui/export/export_all.h"
#include "ui/export/export_dialog.h"
#include "ui/plots/curves_panel.h"
#include "ui/plots/histogram_panel.h"
#include "ui/views/data_panel.h"
#include "ui/views/filters_panel.h"

using namespace vpf;

namespace {

SnapshotPtr trainedLookingSnapshot() {
  auto s = std::make_shared<TrainingSnapshot>();
  s->generation = 1;
  s->phase = TrainingPhase::Paused;
  s->model = BoltzmannMachine::zeros({784, 36, 12}, false);
  s->model.W[0] = Matrix::Random(784, 36) * 0.1f;
  s->model.W[1] = Matrix::Random(36, 12) * 0.1f;
  s->projections = {std::make_shared<const Matrix>(projectedFilters(s->model, 2))};
  s->architecture = "DBM1 784-36-12";
  s->epochsDone = 3;
  s->batchesPerEpoch = 20;
  s->targetEpochs = 5;
  s->batchesTrained = 60;
  for (int e = 0; e < 3; ++e) {
    EpochStats stats;
    stats.epoch = e;
    stats.objective = 500.0 / (e + 1);
    stats.seconds = 1.5;
    stats.sparsity = {0.3 - 0.02 * e, 0.5};
    stats.squaredWeight = {1.0 + e, 0.2};
    s->history.push_back(stats);
  }
  for (int b = 0; b < 60; ++b) s->batchObjective.push_back(600.0 / (1 + b / 20.0) + (b % 3));
  s->meanActivations = {RowVector::Random(36).cwiseAbs() * 0.5f, RowVector::Random(12).cwiseAbs()};
  s->activationSamples = 1000;
  s->activationEpoch = 3;
  return s;
}

void checkFile(const QString& path, const QSize& pngSize = QSize()) {
  QFile file(path);
  QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
  const QByteArray bytes = file.readAll();
  QVERIFY2(bytes.size() > 50, qPrintable(path));
  if (path.endsWith(QStringLiteral(".png"))) {
    QImage image;
    QVERIFY2(image.loadFromData(bytes, "PNG"), qPrintable(path));
    if (pngSize.isValid()) QCOMPARE(image.size(), pngSize);
    // Not a blank page.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
      for (int x = 0; x < image.width(); x += 7) colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 3, qPrintable(path));
  } else if (path.endsWith(QStringLiteral(".svg"))) {
    QXmlStreamReader xml(bytes);
    bool root = false;
    int elements = 0;
    while (!xml.atEnd()) {
      if (xml.readNext() == QXmlStreamReader::StartElement) {
        if (elements++ == 0) root = xml.name() == QLatin1String("svg");
      }
    }
    QVERIFY2(!xml.hasError(), qPrintable(path + QStringLiteral(": ") + xml.errorString()));
    QVERIFY2(root, qPrintable(path));
    QVERIFY2(elements > 10, qPrintable(path));
  } else if (path.endsWith(QStringLiteral(".pdf"))) {
    QVERIFY2(bytes.startsWith("%PDF-"), qPrintable(path));
    QVERIFY2(bytes.trimmed().endsWith("%%EOF"), qPrintable(path));
  } else if (path.endsWith(QStringLiteral(".csv"))) {
    const QList<QByteArray> lines = bytes.trimmed().split('\n');
    QVERIFY2(lines.size() >= 2, qPrintable(path));
    const int columns = static_cast<int>(lines.first().count(',')) + 1;
    QVERIFY2(!lines.first().isEmpty() && !QChar::fromLatin1(lines.first().at(0)).isDigit(), qPrintable(path));  // a header
    for (const QByteArray& line : lines) QCOMPARE(static_cast<int>(line.count(',')) + 1, columns);
  } else if (path.endsWith(QStringLiteral(".md"))) {
    QVERIFY(bytes.startsWith("# VPF Lab figures"));
  }
}

}  // namespace

class TestExport : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { test::initUiTestEnvironment(); }

  void plotInEveryFormat() {
    QTemporaryDir dir;
    QCustomPlot plot;
    applyPlotStyle(plot);
    plotObjective(plot, {ObjectiveCurve{QStringLiteral("run"), trainedLookingSnapshot()->history.toVector(), {}, 0, 0}},
                  QStringLiteral("K"));
    const FigureSize size{640, 400, 192};
    const QStringList files = savePlotAllFormats(plot, dir.path(), QStringLiteral("objective"), size);
    QCOMPARE(files.size(), 3);
    for (const QString& f : files) checkFile(f, QSize(1280, 800));
    // Unknown formats and impossible sizes are refused with a message naming the file.
    bool threw = false;
    try {
      savePlot(plot, dir.filePath(QStringLiteral("x.bmp")), size);
    } catch (const Error& e) {
      threw = QString::fromStdString(e.what()).contains(QStringLiteral("x.bmp"));
    }
    QVERIFY(threw);
    threw = false;
    try {
      savePlot(plot, dir.filePath(QStringLiteral("x.png")), FigureSize{0, 10, 96});
    } catch (const Error&) {
      threw = true;
    }
    QVERIFY(threw);
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("x.png"))));
    threw = false;
    try {
      savePlot(plot, QStringLiteral("/proc/no-such-dir/x.png"), size);
    } catch (const Error&) {
      threw = true;
    }
    QVERIFY(threw);
  }

  // Issue 16, finding 7: the format follows the typed extension (CSV included) and the other way
  // round; every label has a buddy, so none shows a literal "&"; the last format is remembered.
  void exportDialogFormatFollowsTheExtension() {
    QSettings().remove(QStringLiteral("export/format"));
    auto dialog = std::make_unique<ExportDialog>(ExportDialog::Mode::Figure, QStringLiteral("Export"),
                                                 QStringLiteral("/tmp/filters.png"), FigureSize{640, 400, 96});
    auto* path = dialog->findChild<QLineEdit*>();
    auto* format = dialog->findChild<QComboBox*>();
    QVERIFY(path && format);
    QCOMPARE(format->currentData().toString(), QStringLiteral("png"));
    for (const QString& suffix : {QStringLiteral("svg"), QStringLiteral("pdf"), QStringLiteral("csv")}) {
      path->selectAll();
      QTest::keyClicks(path, QStringLiteral("/tmp/filters.") + suffix);
      QCOMPARE(format->currentData().toString(), suffix);
      QCOMPARE(dialog->csvSelected(), suffix == QLatin1String("csv"));
      QCOMPARE(path->text(), QStringLiteral("/tmp/filters.") + suffix);  // the typed name is kept
    }
    // CSV has no size: the size fields are disabled.
    for (QSpinBox* box : dialog->findChildren<QSpinBox*>()) QVERIFY(!box->isEnabled());
    format->setCurrentIndex(format->findData(QStringLiteral("pdf")));
    QCOMPARE(path->text(), QStringLiteral("/tmp/filters.pdf"));
    for (QSpinBox* box : dialog->findChildren<QSpinBox*>()) QVERIFY(box->isEnabled());
    for (QLabel* label : dialog->findChildren<QLabel*>())
      if (label->text().contains(QLatin1Char('&'))) QVERIFY2(label->buddy(), qPrintable(label->text()));
    // An unknown extension is refused in the dialog; none gets the chosen format's.
    path->selectAll();
    QTest::keyClicks(path, QStringLiteral("/tmp/filters.bmp"));
    dialog->accept();
    QCOMPARE(dialog->result(), int(QDialog::Rejected));
    path->selectAll();
    QTest::keyClicks(path, QStringLiteral("/tmp/filters"));
    dialog->accept();
    QCOMPARE(dialog->result(), int(QDialog::Accepted));
    QCOMPARE(dialog->path(), QStringLiteral("/tmp/filters.pdf"));
    // The next dialog starts with the format used last.
    ExportDialog next(ExportDialog::Mode::Figure, QStringLiteral("Export"), QStringLiteral("/tmp/curves.png"),
                      FigureSize{640, 400, 96});
    QCOMPARE(next.path(), QStringLiteral("/tmp/curves.pdf"));
    QSettings().remove(QStringLiteral("export/format"));
  }

  void everyViewExportsEverything() {
    QTemporaryDir dir;
    const SnapshotPtr s = trainedLookingSnapshot();
    FiltersPanel filters;
    CurvesPanel curves;
    HistogramPanel histogram;
    DataPanel data;
    filters.setSnapshot(s);
    curves.setSnapshot(s);
    histogram.setSnapshot(s);
    auto splits = std::make_shared<DataSplits>();
    splits->name = "synthetic";
    splits->train = test::syntheticDigits(300);
    splits->test = test::syntheticDigits(100, 9);
    data.setData(splits, QStringLiteral("Synthetic"));

    const FigureSize size{700, 500, 144};
    QStringList all;
    for (ExportableView* view : std::initializer_list<ExportableView*>{&filters, &curves, &histogram, &data}) {
      const QStringList files = view->exportAll(dir.path(), size);
      QVERIFY2(files.size() >= 4, qPrintable(view->exportTitle()));
      for (const QString& suffix : {QStringLiteral(".png"), QStringLiteral(".svg"), QStringLiteral(".pdf"),
                                    QStringLiteral(".csv")})
        QVERIFY2(std::any_of(files.begin(), files.end(), [&](const QString& f) { return f.endsWith(suffix); }),
                 qPrintable(view->exportTitle() + suffix));
      all << files;
      // The single-figure path too.
      const QString single = dir.filePath(view->exportBaseName() + QStringLiteral("-single.svg"));
      view->exportFigure(single, size);
      checkFile(single);
      const QString csv = dir.filePath(view->exportBaseName() + QStringLiteral("-single.csv"));
      view->exportCsv(csv);
      checkFile(csv);
    }
    for (const QString& f : all) checkFile(f);
    // Both DBM layers are exported.
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("filters-layer1.png"))));
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("filters-layer2.pdf"))));
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("activations-histogram-layer2.csv"))));
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("weight-stats.csv"))));
  }

  void exportAllWritesAnIndex() {
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("figures"));
    const SnapshotPtr s = trainedLookingSnapshot();
    FiltersPanel filters;
    filters.setSnapshot(s);
    HistogramPanel empty;  // no model: fails, the others are still written
    std::vector<ExportItem> items{
        {QStringLiteral("Filters"), [&](const QString& f, const FigureSize& z) { return filters.exportAll(f, z); }},
        {QStringLiteral("Histogram"), [&](const QString& f, const FigureSize& z) { return empty.exportAll(f, z); }}};
    const ExportAllResult result = exportAllFigures(items, folder, FigureSize{600, 400, 96}, QStringLiteral("A test."));
    QCOMPARE(result.failures.size(), 1);
    QVERIFY(result.files.last().endsWith(QStringLiteral("index.md")));
    QFile index(result.files.last());
    QVERIFY(index.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(index.readAll());
    QVERIFY(text.contains(QStringLiteral("## Filters")));
    QVERIFY(text.contains(QStringLiteral("(filters-layer1.png)")));
    QVERIFY(text.contains(QStringLiteral("not exported")));
    for (const QString& f : result.files) checkFile(f);
  }

  void cpuGridUsesTheColormap() {
    Matrix w = Matrix::Zero(4, 2);
    w << 1, -2, 0, 0, -1, 2, 0.5f, 1;
    FilterGridOptions options;
    options.spacing = 0;
    options.columns = 2;
    const QImage image = renderFilterGrid(w, 2, 2, options);
    QCOMPARE(image.size(), QSize(4, 2));
    QCOMPARE(image.pixel(0, 0), divergingRgb(1.0f));    // w / max|w| of column 0 = 1
    QCOMPARE(image.pixel(0, 1), divergingRgb(-1.0f));
    QCOMPARE(image.pixel(1, 0), divergingRgb(0.0f));
    QCOMPARE(image.pixel(1, 1), divergingRgb(0.5f));
    QCOMPARE(image.pixel(2, 0), divergingRgb(-1.0f));  // column 1 scaled by 2
    options.perFilterNormalisation = false;
    QCOMPARE(renderFilterGrid(w, 2, 2, options).pixel(0, 0), divergingRgb(0.5f));
  }
};

QTEST_MAIN(TestExport)
#include "test_export.moc"
