// The main window's file and training paths with bad input: broken data set / model files, an
// unwritable save path and refused hyper-parameters give a clear message (through the injected
// reporter, and once through a real QMessageBox), never a crash, and the current model is kept.
// Also: closing during training stops the worker and offers to save; the autosave of an unclean
// session is offered for resuming; a failing --dataset keeps --model; the wheel changes only
// focused fields; restored geometry fits the screen; a new model is "Ready".
#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QSpinBox>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrl>
#include <QWheelEvent>

#include "core/io/model_file.h"
#include "tests/ui/ui_test_support.h"
#include "ui/controls/model_panel.h"
#include "ui/shell/main_window.h"
#include "ui/shell/message_reporter.h"
#include "ui/shell/screen_fit.h"
#include "ui/shell/session.h"
#include "ui/training/snapshot_hub.h"

using namespace vpf;

namespace {

AppOptions testOptions() {
  AppOptions options;
  options.fresh = true;
  return options;
}

void writeFile(const QString& path, const QByteArray& bytes) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(bytes);
}

// After stepEpoch(): the first epoch has finished and the worker is idle again.
bool waitForFirstEpochEnd(MainWindow& window) {
  return test::waitForSnapshot(window.controller(), [](const TrainingSnapshot& s) {
    return s.epochsDone == 1 && !s.isTraining();
  }, 60000);
}

}  // namespace

class TestMainWindow : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir m_dir;
  test::IdxFiles m_idx;

  // A window with the synthetic IDX data set open and a model set up.
  std::unique_ptr<MainWindow> makeWindow(std::shared_ptr<NonInteractiveReporter> reporter, bool fresh = true) {
    AppOptions options = testOptions();
    options.fresh = fresh;
    auto window = std::make_unique<MainWindow>(options, reporter);
    window->resize(1300, 850);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get())) return nullptr;
    if (!window->openIdxFiles({m_idx.images})) return nullptr;
    if (!test::waitForSnapshot(window->controller(),
                               [](const TrainingSnapshot& s) { return s.phase == TrainingPhase::Paused; }))
      return nullptr;
    return window;
  }

 private slots:
  void initTestCase() {
    test::initUiTestEnvironment();
    QVERIFY(m_dir.isValid());
    m_idx = test::writeIdx(test::syntheticDigits(2000), m_dir.path());
    QVERIFY(!m_idx.images.isEmpty());
  }

  void opensAnIdxPairWithItsLabels() {
    auto reporter = std::make_shared<NonInteractiveReporter>();
    auto window = makeWindow(reporter);
    QVERIFY(window);
    QVERIFY2(reporter->errors.isEmpty(), qPrintable(reporter->errors.join('\n')));
    QCOMPARE(window->session().data()->train.size(), 2000);
    QCOMPARE(window->session().data()->train.labels.size(), std::size_t(2000));  // companion labels found
    QCOMPARE(window->controller().latest()->model.sizes, (std::vector<int>{784, 196}));  // the RBM(196) preset
  }

  void badFilesGiveMessagesAndKeepTheModel() {
    auto reporter = std::make_shared<NonInteractiveReporter>();
    auto window = makeWindow(reporter);
    QVERIFY(window);
    window->stepBatch();
    QVERIFY(test::waitForSnapshot(window->controller(), [](const TrainingSnapshot& s) { return s.batchesTrained == 1; }));
    const SnapshotPtr before = window->controller().latest();

    const QString garbageModel = m_dir.filePath(QStringLiteral("garbage.npz"));
    writeFile(garbageModel, QByteArray("this is not a zip archive"));
    QVERIFY(!window->openModel(garbageModel));
    QCOMPARE(reporter->errors.size(), 1);
    qInfo("%s", qPrintable(reporter->errors.last()));
    QVERIFY(reporter->errors.last().contains(QStringLiteral("Cannot open model")));
    QVERIFY(reporter->errors.last().contains(QStringLiteral("garbage.npz")));

    QVERIFY(!window->openModel(m_dir.filePath(QStringLiteral("missing.npz"))));
    QCOMPARE(reporter->errors.size(), 2);

    const QString badImages = m_dir.filePath(QStringLiteral("bad-images-idx3-ubyte"));
    writeFile(badImages, QByteArray("\x00\x00\x08\x03\x00\x00\x00\x05", 8));  // truncated header
    QVERIFY(!window->openIdxFiles({badImages}));
    QCOMPARE(reporter->errors.size(), 3);
    qInfo("%s", qPrintable(reporter->errors.last()));
    QVERIFY(reporter->errors.last().contains(QStringLiteral("Cannot open data set")));

    const QString wrongMagic = m_dir.filePath(QStringLiteral("wrong-images-idx3-ubyte"));
    writeFile(wrongMagic, QByteArray(64, '\x7f'));
    QVERIFY(!window->openIdxFiles({wrongMagic}));
    QCOMPARE(reporter->errors.size(), 4);

    QVERIFY(!window->openDataset(m_dir.filePath(QStringLiteral("no-such-folder"))));
    QCOMPARE(reporter->errors.size(), 5);

    QVERIFY(!window->saveModel(QStringLiteral("/proc/no-such-dir/model.npz")));
    QCOMPARE(reporter->errors.size(), 6);
    QVERIFY(reporter->errors.last().contains(QStringLiteral("Cannot save model")));

    // Nothing replaced the model or the data.
    QTest::qWait(200);
    const SnapshotPtr after = window->controller().latest();
    QCOMPARE(after->generation, before->generation);
    QVERIFY(after->model.W[0].isApprox(before->model.W[0]));
    QCOMPARE(window->session().data()->train.size(), 2000);

    // A model of another image size is refused with the reason.
    const QString small = m_dir.filePath(QStringLiteral("small.npz"));
    ModelMeta meta;
    saveModel(small.toStdString(), BoltzmannMachine::zeros({100, 10}, false), meta);
    QVERIFY(!window->openModel(small));
    QVERIFY(reporter->errors.last().contains(QStringLiteral("100 visible units")));
    QCOMPARE(window->controller().latest()->generation, before->generation);
  }

  void saveAndReopenRoundTrips() {
    auto reporter = std::make_shared<NonInteractiveReporter>();
    auto window = makeWindow(reporter);
    QVERIFY(window);
    window->stepEpoch();
    QVERIFY(waitForFirstEpochEnd(*window));
    const QString path = m_dir.filePath(QStringLiteral("saved.npz"));
    QVERIFY(window->saveModel(path));
    QVERIFY(!window->session().hasUnsavedTraining());
    const Matrix w = window->controller().latest()->model.W[0];
    window->resetModel();
    QVERIFY(test::waitForSnapshot(window->controller(), [](const TrainingSnapshot& s) { return s.epochsDone == 0; }));
    QVERIFY(window->openModel(path));
    QVERIFY(test::waitForSnapshot(window->controller(), [](const TrainingSnapshot& s) { return s.epochsDone == 1; }));
    QVERIFY(window->controller().latest()->model.W[0].isApprox(w));
    QVERIFY(window->controller().latest()->trainerState);  // a resumable checkpoint
    QVERIFY2(reporter->errors.isEmpty(), qPrintable(reporter->errors.join('\n')));
  }

  void realMessageBoxAppearsForABadModel() {
    MainWindow window(testOptions());  // the default reporter: real dialogs
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openIdxFiles({m_idx.images}));
    const QString garbage = m_dir.filePath(QStringLiteral("garbage2.npz"));
    writeFile(garbage, QByteArray(300, 'x'));
    QString seenTitle, seenText;
    QTimer closer;
    closer.setInterval(20);
    connect(&closer, &QTimer::timeout, this, [&] {
      if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
        seenTitle = box->windowTitle();
        seenText = box->text();
        box->accept();
      }
    });
    closer.start();
    QVERIFY(!window.openModel(garbage));
    closer.stop();
    qInfo("dialog '%s': %s", qPrintable(seenTitle), qPrintable(seenText));
    QCOMPARE(seenTitle, QStringLiteral("Cannot open model"));
    QVERIFY(seenText.contains(QStringLiteral("garbage2.npz")));
  }

  void refusedSettingsAreShownInline() {
    auto reporter = std::make_shared<NonInteractiveReporter>();
    auto window = makeWindow(reporter);
    QVERIFY(window);
    ModelPanel* panel = window->modelPanel();
    QVERIFY(panel->isValid());
    QVERIFY(window->action(QStringLiteral("actionStart"))->isEnabled());

    panel->learningRateEdit()->setText(QStringLiteral("fast"));
    QVERIFY(!panel->isValid());
    QVERIFY(panel->errorLabel()->isVisible());
    QVERIFY(panel->errorText().contains(QStringLiteral("not a number")));
    QVERIFY(!window->action(QStringLiteral("actionStart"))->isEnabled());

    panel->learningRateEdit()->setText(QStringLiteral("20"));
    QVERIFY(!panel->isValid());
    qInfo("refused: %s", qPrintable(panel->errorText()));
    QVERIFY(panel->errorText().contains(QStringLiteral("learning rate"), Qt::CaseInsensitive));

    panel->learningRateEdit()->setText(QStringLiteral("1e-3"));
    QVERIFY(panel->isValid());
    QVERIFY(!panel->errorLabel()->isVisible());

    panel->typeCombo()->setCurrentIndex(1);
    panel->layersEdit()->setText(QStringLiteral("196,,64"));
    QVERIFY(!panel->isValid());
    qInfo("refused: %s", qPrintable(panel->errorText()));
    QVERIFY(panel->errorText().startsWith(QStringLiteral("Architecture")));
    // Start with refused settings: a message, no training.
    window->startTraining();
    QCOMPARE(reporter->errors.size(), 1);
    QVERIFY(reporter->errors.first().contains(QStringLiteral("Settings refused")));
    QVERIFY(!window->controller().isTraining());

    panel->layersEdit()->setText(QStringLiteral("196,196,64"));
    QVERIFY(panel->isValid());
    QVERIFY(window->action(QStringLiteral("actionStart"))->isEnabled());
  }

  // Issue 16, finding 5: a changed architecture asks one question with verb buttons — Save, Then
  // Start New… / Discard and Start New / Keep Training Current / Cancel — not stacked Yes/No boxes.
  void aChangedArchitectureAsksOnceWithVerbs() {
    auto reporter = std::make_shared<NonInteractiveReporter>(true);
    auto window = makeWindow(reporter);
    QVERIFY(window);
    window->stepEpoch();
    QVERIFY(waitForFirstEpochEnd(*window));
    const std::vector<int> trained = window->controller().latest()->model.sizes;
    // The real dialog: "Keep Training Current" keeps the trained model.
    QVERIFY(window->modelPanel()->setArchitectureSpec(QStringLiteral("rbm:40"), false));
    window->setReporter(std::make_shared<MessageReporter>());
    QStringList buttons;
    QTimer::singleShot(200, [&] {
      auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
      if (!box || box->objectName() != QLatin1String("vpfChoiceBox")) return;
      for (QAbstractButton* b : box->buttons()) buttons << b->text();
      for (QAbstractButton* b : box->buttons())
        if (b->text() == QLatin1String("Keep Training Current")) b->click();
    });
    window->stepBatch();
    buttons.sort();  // QMessageBox orders its buttons by role
    QCOMPARE(buttons,
             (QStringList{"Cancel", "Discard and Start New", "Keep Training Current", "Save, Then Start New…"}));
    QVERIFY(test::waitForSnapshot(window->controller(), [](const TrainingSnapshot& s) { return s.batchIndex == 1; }));
    QCOMPARE(window->controller().latest()->model.sizes, trained);
    // Discard and Start New (the non-interactive "yes"): one question, then the new architecture.
    window->setReporter(reporter);
    window->stepBatch();
    QCOMPARE(reporter->questions.size(), 1);
    QVERIFY2(reporter->questions.first().contains(QStringLiteral("Discard and Start New")),
             qPrintable(reporter->questions.first()));
    QVERIFY(test::waitForSnapshot(window->controller(), [](const TrainingSnapshot& s) {
      return s.model.sizes.size() == 2 && s.model.sizes[1] == 40;
    }));
    QVERIFY2(reporter->errors.isEmpty(), qPrintable(reporter->errors.join('\n')));
  }

  void closingDuringTrainingStopsAndOffersToSave() {
    auto reporter = std::make_shared<NonInteractiveReporter>(false, MessageReporter::SaveChoice::Cancel);
    auto window = makeWindow(reporter);
    QVERIFY(window);
    window->modelPanel()->setEpochs(1000);
    window->startTraining();
    QVERIFY(test::waitForSnapshot(window->controller(), [](const TrainingSnapshot& s) { return s.batchesTrained > 5; }));
    // Cancel keeps the window open and training on.
    QVERIFY(!window->close());
    QCOMPARE(reporter->questions.size(), 1);
    QVERIFY(window->controller().isTraining());
    // Discard: stops the worker within a second and closes.
    auto discard = std::make_shared<NonInteractiveReporter>(false, MessageReporter::SaveChoice::Discard);
    window->setReporter(discard);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(window->close());
    qInfo("closed in %lld ms", timer.elapsed());
    QVERIFY(timer.elapsed() < 1500);
    QCOMPARE(discard->questions.size(), 1);
    QVERIFY(!window->controller().isThreadRunning());
    QVERIFY(window->controller().latest()->batchesTrained > 5);  // the final model is kept
  }

  void freshRunsWriteNoAutosave() {
    Autosave autosave;
    QFile::remove(autosave.checkpointPath());
    auto reporter = std::make_shared<NonInteractiveReporter>();
    auto window = makeWindow(reporter);
    QVERIFY(window);
    window->stepEpoch();
    QVERIFY(waitForFirstEpochEnd(*window));
    QVERIFY(!QFile::exists(autosave.checkpointPath()));
    window->setReporter(std::make_shared<NonInteractiveReporter>(false, MessageReporter::SaveChoice::Discard));
  }

  void dropsOpenFiles() {
    auto reporter = std::make_shared<NonInteractiveReporter>(true);
    auto window = makeWindow(reporter);
    QVERIFY(window);
    // A model file dropped on the window is opened.
    window->stepBatch();
    QVERIFY(test::waitForSnapshot(window->controller(), [](const TrainingSnapshot& s) { return s.batchesTrained == 1; }));
    const QString path = m_dir.filePath(QStringLiteral("dropped.npz"));
    QVERIFY(window->saveModel(path));
    window->resetModel();
    QVERIFY(test::waitForSnapshot(window->controller(), [](const TrainingSnapshot& s) { return s.batchesTrained == 0; }));
    const quint64 generation = window->controller().generation();
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(QPoint(200, 200), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(window.get(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(200, 200), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(window.get(), &drop);
    QTRY_VERIFY(window->controller().generation() > generation);
    QVERIFY(window->session().modelPath() == path);
    // Other files are refused at drag-enter.
    QMimeData text;
    text.setUrls({QUrl::fromLocalFile(m_dir.filePath(QStringLiteral("notes.txt")))});
    QDragEnterEvent refused(QPoint(200, 200), Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    refused.setAccepted(false);
    QApplication::sendEvent(window.get(), &refused);
    QVERIFY(!refused.isAccepted());
    QVERIFY2(reporter->errors.isEmpty(), qPrintable(reporter->errors.join('\n')));
  }

  // Issue 16, finding 8: a --dataset that fails keeps a valid --model: it opens with the data set
  // it was trained on, and both facts are reported (the error, then the status bar).
  void aFailingDatasetOptionKeepsTheModel() {
    QString path = m_dir.filePath(QStringLiteral("cli-model.npz"));
    {
      auto reporter = std::make_shared<NonInteractiveReporter>();
      auto window = makeWindow(reporter);
      QVERIFY(window);
      window->stepEpoch();
      QVERIFY(waitForFirstEpochEnd(*window));
      QVERIFY(window->saveModel(path));
    }
    const QString broken = m_dir.filePath(QStringLiteral("broken-data"));
    QDir().mkpath(broken);
    writeFile(broken + QStringLiteral("/train-images-idx3-ubyte"), QByteArray("\0\0\x08\x03\0\0", 6));
    AppOptions options = testOptions();
    options.dataset = broken;
    options.model = path;
    auto reporter = std::make_shared<NonInteractiveReporter>();
    MainWindow window(options, reporter);
    window.show();
    window.startup();
    QCOMPARE(reporter->errors.size(), 1);
    QVERIFY2(reporter->errors.first().contains(QStringLiteral("Cannot open data set")),
             qPrintable(reporter->errors.first()));
    QVERIFY(test::waitForSnapshot(window.controller(), [](const TrainingSnapshot& s) { return s.epochsDone == 1; }));
    const QString status = window.statusBar()->currentMessage();
    QVERIFY2(status.contains(broken) && status.contains(QStringLiteral("cli-model.npz")), qPrintable(status));
    QCOMPARE(window.session().datasetSpec(), QStringLiteral("idx:%1|%2").arg(m_idx.images, m_idx.labels));

    // A model whose own data set fails too is reported, not silently dropped.
    AppOptions lost = testOptions();
    lost.dataset = broken;
    lost.model = m_dir.filePath(QStringLiteral("no-such-model.npz"));
    auto lostReporter = std::make_shared<NonInteractiveReporter>();
    MainWindow second(lost, lostReporter);
    second.show();
    second.startup();
    QVERIFY2(lostReporter->errors.join('\n').contains(QStringLiteral("no-such-model.npz")),
             qPrintable(lostReporter->errors.join('\n')));
  }

  // Issue 16, finding 4: over an unfocused spin box or combo box the wheel changes nothing and is
  // left for the scroll area; once the field has focus, the wheel changes it.
  void theWheelChangesOnlyFocusedFields() {
    auto reporter = std::make_shared<NonInteractiveReporter>();
    auto window = makeWindow(reporter);
    QVERIFY(window);
    auto* dock = window->findChild<QDockWidget*>(QStringLiteral("setupDock"));
    QVERIFY(dock);
    QSpinBox* box = nullptr;
    for (QSpinBox* b : dock->findChildren<QSpinBox*>())
      if (b->isEnabled() && b->isVisible() && b->value() < b->maximum()) box = b;
    QVERIFY(box);
    QCOMPARE(box->focusPolicy(), Qt::StrongFocus);
    auto wheel = [](QWidget* w) {
      const QPointF at(w->width() / 2.0, w->height() / 2.0);
      QWheelEvent e(at, w->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase,
                    false);
      QApplication::sendEvent(w, &e);
      return e.isAccepted();
    };
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window.get()));
    window->setFocus();
    QVERIFY(!box->hasFocus());
    const int before = box->value();
    QVERIFY(!wheel(box));  // ignored, so QApplication hands it to the parents
    QCOMPARE(box->value(), before);
    box->setFocus();
    QVERIFY(QTest::qWaitFor([&] { return box->hasFocus(); }));
    wheel(box);
    QCOMPARE(box->value(), before + box->singleStep());
    auto* combo = dock->findChild<QComboBox*>();
    QVERIFY(combo);
    window->setFocus();
    const int index = combo->currentIndex();
    wheel(combo);
    QCOMPARE(combo->currentIndex(), index);
  }

  // Issue 16, finding 9: a restored geometry never leaves the screen's available area.
  void restoredGeometryFitsTheScreen() {
    const QRect screen(0, 0, 1600, 1000);
    QCOMPARE(fitIntoScreen(QRect(100, 50, 800, 600), screen), QRect(100, 50, 800, 600));
    QCOMPARE(fitIntoScreen(QRect(0, 20, 1600, 1000), screen), QRect(0, 0, 1600, 1000));
    QCOMPARE(fitIntoScreen(QRect(1200, 900, 800, 600), screen), QRect(800, 400, 800, 600));
    QCOMPARE(fitIntoScreen(QRect(-300, -40, 2400, 1400), screen), screen);
    QCOMPARE(fitIntoScreen(QRect(10, 10, 500, 400), QRect(1600, 0, 1024, 700)), QRect(1600, 10, 500, 400));
  }

  // A new model is "Ready", not "Paused" (issue 16, finding 10).
  void aNewModelIsReady() {
    auto reporter = std::make_shared<NonInteractiveReporter>();
    auto window = makeWindow(reporter);
    QVERIFY(window);
    auto stateText = [&] {
      QStringList texts;
      for (QLabel* l : window->statusBar()->findChildren<QLabel*>()) texts << l->text();
      return texts.join('|');
    };
    QVERIFY2(QTest::qWaitFor([&] { return stateText().contains(QStringLiteral("Ready")); }), qPrintable(stateText()));
    window->stepBatch();
    QVERIFY(test::waitForSnapshot(window->controller(), [](const TrainingSnapshot& s) { return s.batchIndex == 1; }));
    QVERIFY(QTest::qWaitFor([&] { return stateText().contains(QStringLiteral("Paused")); }));
  }

  void offersToResumeAnUncleanSession() {
    Autosave autosave;
    QDir().mkpath(autosave.folder());
    // A checkpoint after 1 epoch of an earlier run on this data set, and the marker of a crash.
    QFile::remove(autosave.checkpointPath());
    {
      auto reporter = std::make_shared<NonInteractiveReporter>();
      auto window = makeWindow(reporter, false);  // not --fresh: writes the autosave
      QVERIFY(window);
      window->stepEpoch();
      QVERIFY(waitForFirstEpochEnd(*window));
      QVERIFY(QFile::exists(autosave.checkpointPath()));
      window->setReporter(std::make_shared<NonInteractiveReporter>(false, MessageReporter::SaveChoice::Discard));
    }
    ModelFile file = loadModel(autosave.checkpointPath().toStdString());
    QCOMPARE(file.meta.epochsDone, 1);
    QCOMPARE(QString::fromStdString(file.meta.dataset), QStringLiteral("idx:%1|%2").arg(m_idx.images, m_idx.labels));
    autosave.beginSession();  // the marker a crashed session leaves behind
    AppOptions options;        // not fresh: the autosave is considered
    auto reporter = std::make_shared<NonInteractiveReporter>(true);
    MainWindow window(options, reporter);
    window.show();
    window.startup();
    QCOMPARE(reporter->questions.size(), 1);
    QVERIFY(reporter->questions.first().contains(QStringLiteral("Restore the autosaved model")));
    QVERIFY(test::waitForSnapshot(window.controller(), [](const TrainingSnapshot& s) { return s.epochsDone == 1; }));
    QVERIFY(window.controller().latest()->model.W[0].isApprox(file.model.W[0]));
    QVERIFY2(reporter->errors.isEmpty(), qPrintable(reporter->errors.join('\n')));
    window.setReporter(std::make_shared<NonInteractiveReporter>(false, MessageReporter::SaveChoice::Discard));
    QVERIFY(window.close());
    QVERIFY(!QFile::exists(autosave.markerPath()));  // a clean exit removes the marker
  }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
