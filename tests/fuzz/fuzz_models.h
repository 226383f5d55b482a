#pragma once
// The small, valid model files the fuzz targets start from: the members of a model file of each
// kind (an RBM, a DBM2 with intra-layer weights and its training checkpoint, a target-propagation
// model with a prior and a target-propagation checkpoint), made by the real writers so the corpus
// and the meta.json target always match the current format. Deterministic (fixed seeds).
#include <string>
#include <utility>
#include <vector>

#include "core/io/model_file.h"
#include "core/io/zip_archive.h"
#include "core/targetprop/tp_model_file.h"
#include "core/targetprop/tp_run.h"
#include "tests/fuzz/fuzz_input.h"
#include "tests/support/test_models.h"
#include "tests/support/tp_test_models.h"

namespace vpf::fuzz {

using Members = std::vector<std::pair<std::string, std::string>>;

struct BaseModelFile {
  std::string name;  // corpus file stem
  Members members;   // as saved: .npy members and meta.json
};

inline Members membersOf(const std::string& path) { return ZipReader(path).readAll(1u << 20); }

inline Matrix binaryRows(int rows, int cols, Rng& rng) {
  Matrix m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = rng.uniform() < 0.3f ? 1.0f : 0.0f;
  return m;
}

inline std::vector<BaseModelFile> makeBaseModelFiles() {
  std::vector<BaseModelFile> files;
  Rng rng(7);
  const auto save = [&](const std::string& name, auto&& write) {
    const std::string path = (scratchFolder() / (name + ".npz")).string();
    write(path);
    files.push_back({name, membersOf(path)});
  };

  TrainingConfig config;
  config.epochs = 1;
  config.batchSize = 4;
  const BoltzmannMachine rbm = testing::randomMachine<float>({6, 4}, false, rng);
  save("rbm", [&](const std::string& p) { saveModel(p, rbm, modelMeta("fuzz", config, 0, {})); });

  BoltzmannMachine dbm = testing::randomMachine<float>({6, 4, 3}, true, rng);
  const Matrix data = binaryRows(8, 6, rng);
  std::unique_ptr<Trainer> trainer = makeTrainer(dbm, data, config);
  trainer->run();
  const TrainerState state = trainer->state();
  save("dbm2-intra-checkpoint", [&](const std::string& p) {
    saveModel(p, dbm, modelMeta("fuzz", config, trainer->epochsDone(), trainer->history()), &state);
  });

  targetprop::TpConfig tp;
  tp.architecture = testing::smallArchitecture(6, 4, 3);
  tp.epochs = 1;
  tp.batchSize = 4;
  Matrix grey = testing::randomMatrix<float>(8, 6, rng, 0.5, 0.5);
  targetprop::TpRun run = targetprop::TpRun::fresh("fuzz", tp, grey);
  while (run.epochsDone() < 1) run.step();
  save("tp-checkpoint", [&](const std::string& p) { run.save(p); });
  run.fitPrior(grey);
  targetprop::TpModelFile withPrior = run.checkpoint();
  save("tp-prior", [&](const std::string& p) { targetprop::saveTpModel(p, withPrior.model, withPrior.meta); });
  return files;
}

}  // namespace vpf::fuzz
