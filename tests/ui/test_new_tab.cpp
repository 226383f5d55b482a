// A new tab through the panel interface only: a test-only Panel, added to the main window's tab
// list in one place (the factory list given to the constructor), appears as a tab with its title
// and tool tip (and in the View menu), receives the training snapshots and the opened data set,
// is the target of File ▸ Export Figure… when current, and takes part in Export All Figures
// (its files are written, listed in index.md and read back).
#include <QAction>
#include <QFile>
#include <QImage>
#include <QMenuBar>
#include <QPainter>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include "core/io/csv_writer.h"
#include "tests/ui/sampling_test_support.h"
#include "ui/shell/main_window.h"
#include "ui/shell/message_reporter.h"
#include "ui/support/panel.h"

using namespace vpf;

namespace {

// Counts what the window hands it; exports a small painted figure and its counts as CSV.
class CountingPanel : public Panel {
  Q_OBJECT
 public:
  QString tabTitle() const override { return QStringLiteral("Counting"); }
  QString tabToolTip() const override { return QStringLiteral("A panel only this test adds"); }
  void setSnapshot(const SnapshotPtr& snapshot) override {
    ++snapshots;
    latest = snapshot;
  }
  void setDataset(std::shared_ptr<const DataSplits> data, const QString& title) override {
    if (data) trainImages = data->train.size();
    datasetTitle = title;
  }
  void setTrainingConfig(const TrainingConfig& config) override { threshold = config.binarizeThreshold; }

  QString exportBaseName() const override { return QStringLiteral("counting"); }
  QString exportTitle() const override { return QStringLiteral("Counting panel"); }
  void exportFigure(const QString& path, const FigureSize& size) override {
    savePainted(
        [](QPainter& p, const QRectF& rect) {
          p.fillRect(rect.adjusted(10, 10, -10, -10), QColor(31, 119, 180));
          p.drawText(rect, Qt::AlignCenter, QStringLiteral("counting"));
          p.drawLine(rect.topLeft(), rect.bottomRight());
        },
        path, size);
  }
  void exportCsv(const QString& path) override {
    CsvWriter csv({"snapshots", "train_images"});
    csv.addRow(std::vector<double>{static_cast<double>(snapshots), static_cast<double>(trainImages)});
    saveCsv(csv, path);
  }

  int snapshots = 0;
  SnapshotPtr latest;
  int trainImages = 0;
  QString datasetTitle;
  double threshold = -1;
};

QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class TestNewTab : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { test::initUiTestEnvironment(); }

  void aTestPanelIsATabLikeAnyOther() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const test::SyntheticData data = test::writeSyntheticSplits(dir.path(), 600, 200);  // train + test images

    // The one place the tab is registered: the window's tab list plus one factory.
    std::vector<TabFactory> tabs = defaultTabs();
    tabs.push_back([](const TabSetup&) -> std::vector<Panel*> { return {new CountingPanel}; });
    AppOptions options;
    options.fresh = true;
    auto reporter = std::make_shared<NonInteractiveReporter>(false, MessageReporter::SaveChoice::Discard);
    MainWindow window(options, reporter, std::move(tabs));
    window.resize(1300, 850);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    // A tab with its title and tool tip, after the app's own tabs, and a View menu entry.
    auto* panel = window.panel<CountingPanel>();
    QVERIFY(panel);
    QCOMPARE(window.panels().back(), panel);
    const int index = window.tabIndexOf(panel);
    QCOMPARE(index, window.tabs()->count() - 1);
    QCOMPARE(window.tabs()->tabText(index), QStringLiteral("Counting"));
    QCOMPARE(window.tabs()->tabToolTip(index), QStringLiteral("A panel only this test adds"));
    QVERIFY(window.tabNames().contains(QStringLiteral("Filters")));  // the app's tabs are still there
    bool inViewMenu = false;
    for (QAction* menu : window.menuBar()->actions())
      if (menu->menu())
        for (QAction* a : menu->menu()->actions()) inViewMenu = inViewMenu || a->text() == QStringLiteral("Counting");
    QVERIFY(inViewMenu);
    QVERIFY(window.showTab(QStringLiteral("counting")));
    QCOMPARE(window.tabs()->currentIndex(), index);
    QVERIFY(window.action(QStringLiteral("actionExportFigure"))->isEnabled());

    // The data set and the snapshots of the new model reach it.
    QVERIFY(window.openDataset(data.dir));
    QCOMPARE(panel->trainImages, 600);
    QVERIFY(!panel->datasetTitle.isEmpty());
    QVERIFY(test::waitForSnapshot(window.controller(),
                                  [](const TrainingSnapshot& s) { return s.phase == TrainingPhase::Paused; }));
    QTRY_VERIFY(panel->snapshots > 0 && panel->latest && panel->latest->phase == TrainingPhase::Paused);
    QCOMPARE(panel->latest->model.sizes.front(), 784);
    window.stepBatch();
    QVERIFY(test::waitForSnapshot(window.controller(), [](const TrainingSnapshot& s) {
      return s.batchesTrained == 1 && s.phase == TrainingPhase::Paused;
    }));
    QTRY_VERIFY_WITH_TIMEOUT(panel->latest && panel->latest->batchesTrained == 1 && !panel->latest->isTraining(),
                             20000);

    // Export All Figures writes its figures and CSV, lists them under its title, and they read back.
    const QString out = dir.filePath(QStringLiteral("export"));
    const QStringList files = window.exportAllFigures(out, FigureSize{400, 300, 96});
    QVERIFY2(reporter->errors.isEmpty(), qPrintable(reporter->errors.join('\n')));
    for (const char* name : {"counting.png", "counting.svg", "counting.pdf", "counting.csv", "index.md"})
      QVERIFY2(files.contains(QDir(out).filePath(QLatin1String(name))), name);
    const QImage png(QDir(out).filePath(QStringLiteral("counting.png")));
    QCOMPARE(png.size(), QSize(400, 300));
    QVERIFY(readAll(QDir(out).filePath(QStringLiteral("counting.svg"))).contains("<svg"));
    QVERIFY(readAll(QDir(out).filePath(QStringLiteral("counting.pdf"))).startsWith("%PDF"));
    const QList<QByteArray> csv = readAll(QDir(out).filePath(QStringLiteral("counting.csv"))).trimmed().split('\n');
    QCOMPARE(csv.size(), 2);
    QCOMPARE(csv[0], QByteArray("snapshots,train_images"));
    QVERIFY(csv[1].endsWith(",600"));
    const QByteArray index_md = readAll(QDir(out).filePath(QStringLiteral("index.md")));
    QVERIFY(index_md.contains("Counting panel"));
    QVERIFY(index_md.contains("counting.png"));
    // The app's own tabs took part too.
    QVERIFY(files.contains(QDir(out).filePath(QStringLiteral("filters.png"))));
    QVERIFY(files.contains(QDir(out).filePath(QStringLiteral("stdp.csv"))));
  }
};

QTEST_MAIN(TestNewTab)
#include "test_new_tab.moc"
