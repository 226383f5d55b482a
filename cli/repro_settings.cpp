#include "cli/repro_settings.h"

namespace vpf::cli {

ReproSettings ReproSettings::full() { return ReproSettings(); }

ReproSettings ReproSettings::quick() {
  ReproSettings s;
  s.mode = "quick";
  s.trainLimit = 3000;
  s.testLimit = 300;
  s.rbmEpochs = 3;
  s.table1Seeds = {1, 2};
  s.table1Epochs = 2;
  s.cdTransitions = 50;
  s.validationImages = 200;
  s.dbmEpochs = 3;
  s.parzenSamples = 500;
  s.gridSamples = 36;
  s.aisRuns = 20;
  s.aisBetas = 300;
  s.tp.hidden1 = 200;
  s.tp.hidden2 = 50;
  s.tp.epochs = 1;
  s.tp.trainImages = 2000;
  s.tp.priorImages = 2000;
  s.tp.validationImages = 500;
  s.tp.inferenceImages = 200;
  return s;
}

}  // namespace vpf::cli
