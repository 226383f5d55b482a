#pragma once
// What the Target prop tab's training worker shows the GUI (DESIGN §20): an immutable state of the
// run, shared by pointer, never changed after it is sent. The batch losses arrive in pieces
// (newBatches, starting at firstBatch) so a long run costs the GUI only what is new; snapshots are
// delivered in order, and a new generation (Reset, Open) starts the curves over.
#include <QString>
#include <memory>
#include <utility>
#include <vector>

#include "core/targetprop/tp_config.h"
#include "core/targetprop/tp_trainer.h"

namespace vpf {

struct TpSnapshot {
  quint64 generation = 0;    // a new run or an opened file
  quint64 modelVersion = 0;  // grows whenever `model` is a newer copy
  std::shared_ptr<const targetprop::TpModel<float>> model;
  targetprop::TpConfig config;
  QString datasetName;
  bool canTrain = false;  // false for a file opened without a matching data set
  bool running = false;
  int epochsDone = 0, batchInEpoch = 0, batchesPerEpoch = 0;
  double batchStartEpoch = 0;  // where the batch losses of this generation begin (a resumed file's epochs)
  int firstBatch = 0;          // index of newBatches[0] among this generation's batches
  std::vector<targetprop::TpLosses> newBatches;
  std::vector<targetprop::TpEpochStats> history;
  std::vector<std::pair<int, double>> validationParzen;  // (epochs done, LL on validation images)
  QString status;                                        // one line for the status label
  QString error;                                         // non-empty: the last command failed (the run is kept)
};

using TpSnapshotPtr = std::shared_ptr<const TpSnapshot>;

}  // namespace vpf
