#pragma once
// One target-propagation training run (the TrainingRun of DESIGN §17 for Bengio et al. 2015): the
// model, its TpTrainer and the rows it trains on — fresh from a TpConfig or resumed from a model file —
// and the checkpoint that saves it. `vpf tp train` and the Target prop tab are meant to build their runs
// here and only slice them into steps, report progress and decide when to save. One thread drives it.
#include <memory>
#include <string>

#include "core/targetprop/tp_model_file.h"

namespace vpf::targetprop {

class TpRun {
 public:
  /// A fresh model from initialisationSeed(config.seed); validates the settings against the data
  /// first. `data`: N × n0 rows in [0, 1] (grey, or binarised when config.binarised); it must outlive
  /// the run.
  static TpRun fresh(const std::string& datasetName, const TpConfig& config, const Matrix& data);
  /// Continues a loaded file: exactly where it stopped when it is a checkpoint, else from its
  /// parameters with a fresh optimizer and epoch count. `epochs` (≥ 0) replaces the file's epoch target when given.
  static TpRun resume(const TpModelFile& file, const Matrix& data, int epochs = -1);

  TpRun(TpRun&&) noexcept;
  TpRun& operator=(TpRun&&) noexcept;
  ~TpRun();

  TpBatchStats step() { return m_trainer->step(); }
  void run(const StopToken* stop = nullptr, TpTrainingObserver* observer = nullptr) { m_trainer->run(stop, observer); }

  const TpTrainer& trainer() const { return *m_trainer; }
  const TpModel<float>& model() const { return *m_model; }
  const TpConfig& config() const { return m_trainer->config(); }
  int epochsDone() const { return m_trainer->epochsDone(); }
  bool atEpochBoundary() const { return m_trainer->atEpochBoundary(); }

  /// Fits p(h2) on `rows` (typically the training rows) with the run's INFERENCE settings; returns
  /// false when stopped. The prior is not a trained parameter: training on afterwards keeps it.
  bool fitPrior(const Matrix& rows, const StopToken* stop = nullptr);
  void setPriorScale(double kappa);

  TpModelMeta meta() const;
  /// Model + metadata, with the trainer state (resumable) when at an epoch boundary.
  TpModelFile checkpoint() const;
  /// Writes checkpoint() atomically to `path`.
  void save(const std::string& path) const;

 private:
  TpRun(std::string datasetName, std::unique_ptr<TpModel<float>> model, const Matrix& data, const TpConfig& config);

  std::string m_datasetName;
  double m_priorScale = kDefaultPriorScale;
  std::unique_ptr<TpModel<float>> m_model;  // heap: the trainer refers to it
  std::unique_ptr<TpTrainer> m_trainer;
};

}  // namespace vpf::targetprop
