// TaskRunner, the panels' worker: the newest request wins — a running job superseded by a new
// request is told to stop and its result is dropped, a waiting one is replaced without running;
// results arrive on the GUI thread; cancel reports cancelled(id); failures report the message.
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <atomic>

#include "ui/support/task_runner.h"

using vpf::TaskRunner;

class TestTaskRunner : public QObject {
  Q_OBJECT
 private slots:
  void newestRequestWinsAndStaleResultsAreDropped() {
    TaskRunner runner;
    std::atomic<int> started{0};
    std::atomic<bool> firstSawCancel{false};
    QList<int> delivered;
    QThread* gui = QThread::currentThread();
    bool onGuiThread = true;
    auto job = [&](int value, int sleepMs) {
      return [&, value, sleepMs](const TaskRunner::Progress& progress) -> std::any {
        ++started;
        for (int i = 0; i < sleepMs / 5; ++i) {
          if (!progress(i * 5.0 / sleepMs)) {
            if (value == 1) firstSawCancel = true;
            break;
          }
          QThread::msleep(5);
        }
        return value;
      };
    };
    auto done = [&](std::any r) {
      onGuiThread = onGuiThread && QThread::currentThread() == gui;
      delivered << std::any_cast<int>(r);
    };
    QSignalSpy finished(&runner, &TaskRunner::finished);
    runner.submit(job(1, 400), done);
    QTest::qWait(30);
    runner.submit(job(2, 10), done);  // waiting: replaced by 3 before it runs
    const quint64 last = runner.submit(job(3, 10), done);
    QVERIFY(runner.isBusy());
    QVERIFY(finished.wait(5000));
    QTRY_VERIFY(!runner.isBusy());
    QCOMPARE(delivered, QList<int>{3});
    QCOMPARE(started.load(), 2);  // job 2 never ran
    QVERIFY(firstSawCancel.load());
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().toULongLong(), last);
    QVERIFY(onGuiThread);
  }

  void cancelAndFailure() {
    TaskRunner runner;
    QSignalSpy cancelled(&runner, &TaskRunner::cancelled);
    QSignalSpy failed(&runner, &TaskRunner::failed);
    bool ran = false;
    const quint64 id = runner.submit(
        [](const TaskRunner::Progress& progress) -> std::any {
          while (progress(0.5)) QThread::msleep(2);
          return 0;
        },
        [&](std::any) { ran = true; });
    QTest::qWait(20);
    runner.cancel();
    QVERIFY(cancelled.wait(5000));
    QCOMPARE(cancelled.first().first().toULongLong(), id);
    QVERIFY(!ran);
    runner.submit([](const TaskRunner::Progress&) -> std::any { throw std::runtime_error("bad model"); },
                  [&](std::any) { ran = true; });
    QVERIFY(failed.wait(5000));
    QCOMPARE(failed.first().at(1).toString(), QStringLiteral("bad model"));
    QVERIFY(!ran);
  }
};

QTEST_MAIN(TestTaskRunner)
#include "test_task_runner.moc"
