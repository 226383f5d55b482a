// A training snapshot shares its growing logs (the per-batch objective and the epoch history)
// with the snapshots before it: publishing one after a long run copies only the points since the
// last sealed chunk, not the whole history (core/common/shared_series.h).
#include <QtTest>

#include "tests/ui/ui_test_support.h"
#include "ui/training/training_worker.h"

using namespace vpf;

class TestSnapshotCost : public QObject {
  Q_OBJECT
 private slots:
  void aSnapshotCopiesOnlyTheNewPoints() {
    StopToken stop;
    TrainingWorker worker(stop);
    RunSetup setup;
    setup.train = std::make_shared<const Dataset>(test::syntheticDigits(100));
    setup.datasetName = "synthetic";
    setup.config.batchSize = 10;  // 10 batches per epoch
    setup.config.epochs = 1000;
    setup.architecture.hidden = {8};
    setup.activationSamples = 20;
    worker.setup(setup, 1);
    const int epochs = 100;
    for (int b = 0; b < epochs * 10; ++b) worker.stepBatch();
    const SnapshotPtr first = worker.makeSnapshot();
    worker.stepBatch();
    const SnapshotPtr second = worker.makeSnapshot();

    QCOMPARE(first->epochsDone, epochs);
    QCOMPARE(first->history.size(), std::size_t(epochs));
    QCOMPARE(first->batchObjective.size(), std::size_t(epochs * 10));
    QCOMPARE(second->batchObjective.size(), std::size_t(epochs * 10 + 1));
    // The sealed history is shared, not copied: each snapshot owns less than one chunk.
    QVERIFY(second->batchObjective.sharesChunksWith(first->batchObjective));
    QVERIFY(second->history.sharesChunksWith(first->history));
    QVERIFY(second->batchObjective.ownedElements() < 512);
    QVERIFY(second->history.ownedElements() < 64);
    QCOMPARE(second->batchObjective.ownedElements(), std::size_t(epochs * 10 + 1) % 512);
    QCOMPARE(second->history.ownedElements(), std::size_t(epochs) % 64);
    // …and reads back what a full copy would hold.
    QCOMPARE(second->history.back().epoch, epochs - 1);
    QCOMPARE(second->batchObjective[0], first->batchObjective[0]);
    const std::size_t copied =
        second->batchObjective.ownedElements() * sizeof(double) + second->history.ownedElements() * sizeof(EpochStats);
    const std::size_t full =
        second->batchObjective.size() * sizeof(double) + second->history.size() * sizeof(EpochStats);
    qInfo("snapshot after %d epochs of %zu batches: %zu bytes of log copied (a full copy: %zu)", epochs,
          second->batchObjective.size(), copied, full);
  }
};

QTEST_MAIN(TestSnapshotCost)
#include "test_snapshot_cost.moc"
