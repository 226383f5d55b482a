#pragma once
// Everything the training worker needs to set up a run: the data, the configuration and either an
// architecture to initialise or an existing model (opened file, resumed checkpoint).
#include <QMetaType>
#include <QString>
#include <memory>
#include <string>

#include "core/data/dataset.h"
#include "core/learning/trainer.h"
#include "core/learning/training_config.h"
#include "core/model/boltzmann_machine.h"
#include "core/protocols/paper_protocol.h"

namespace vpf {

struct RunSetup {
  std::shared_ptr<const Dataset> train;  // grey images in [0,1]; the worker binarises them
  std::string datasetName;               // recorded in model files and autosaves
  TrainingConfig config;
  Architecture architecture;             // used when `model` is null: a fresh machine
  InitOptions init;
  std::shared_ptr<const BoltzmannMachine> model;     // start from these parameters instead
  std::shared_ptr<const TrainerState> trainerState;  // and resume exactly from this checkpoint
  QString autosavePath;                  // checkpoint written at every epoch end ("" = none)
  int activationSamples = protocol::kStatisticsImages;  // training images used for the mean activations
};

}  // namespace vpf

Q_DECLARE_METATYPE(vpf::RunSetup)
Q_DECLARE_METATYPE(vpf::TrainingConfig)
