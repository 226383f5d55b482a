#pragma once
// The figures of Bengio et al. 2015's target-propagation model (spec A6, C1), built from plain data
// and drawn the same way by the Target prop tab (live) and by `vpf tp infer --figure` / `vpf repro`
// (offscreen, then savePlot / savePainted): the training losses (the four ℓ of the M-step and the
// reconstruction cost, with the validation Parzen on a right axis), Fig. 4's ℓ(x, h) over INFERENCE
// (mean ± s.e. bands with dashed individual curves, one colour per mode) and Fig. 5's inpainting
// strip (original | start | result per image, its L1 error underneath). Fig. 3's samples are a
// sampleGrid (figures/sampling_figures.h).
#include <QString>
#include <QStringList>
#include <utility>
#include <vector>

#include "core/io/csv_writer.h"
#include "core/targetprop/joint_density.h"
#include "core/targetprop/tp_trainer.h"
#include "figures/sampling_figures.h"

class QCustomPlot;

namespace vpf {

/// One training run's losses: per-batch values (batch i at epoch batchStartEpoch + (i+1)/batchesPerEpoch),
/// per-epoch means, and validation Parzen scores as (epochs done, LL).
struct TpTrainingCurves {
  std::vector<targetprop::TpLosses> batches;
  int batchesPerEpoch = 0;
  double batchStartEpoch = 0;
  std::vector<targetprop::TpEpochStats> epochs;
  std::vector<std::pair<int, double>> validationParzen;
};

/// The reconstruction cost and the four regressions' losses (log y axis: they span decades), the
/// validation Parzen on the right axis when there is one.
void plotTpTraining(QCustomPlot& plot, const TpTrainingCurves& curves, bool rescale = true);
/// epoch,g1,f1,g2,f2,reconstruction,seconds,validation_parzen (empty where not measured).
CsvWriter tpTrainingCsv(const TpTrainingCurves& curves);

/// One mode's ℓ(x, h) over t = 0 … N: the band, and a few rows drawn dashed.
struct TpInferenceCurve {
  QString name;  // "targetprop", "gradient", …
  targetprop::MeanCurve curve;
  std::vector<std::vector<double>> individual;
};

struct TpInferencePlot {
  QString title = QStringLiteral("ℓ(x, h) over INFERENCE (Bengio et al. 2015, Fig. 4)");
  std::vector<TpInferenceCurve> curves;
};

/// `individual` rows of a trajectory matrix (rows × (N+1)), evenly spread over its rows.
std::vector<std::vector<double>> sampleTrajectories(const Eigen::MatrixXd& values, int count);
void plotTpInference(QCustomPlot& plot, const TpInferencePlot& figure, bool rescale = true);
/// mode,t,mean,se.
CsvWriter tpInferenceCsv(const TpInferencePlot& figure);

/// Fig. 5: for each row of `original` (values in [0, 1], rows × cols images) a column of
/// original / start / result with the mean L1 error over its missing pixels (mask 1) as the caption.
ImageStripFigure tpInpaintingStrip(const Matrix& original, const Matrix& start, const Matrix& result,
                                   const Matrix& mask, int rows, int cols, const QString& title,
                                   const QStringList& notes);
/// Mean |result − original| over the missing pixels of each row (0 for a row without any).
std::vector<double> missingPixelL1(const Matrix& original, const Matrix& result, const Matrix& mask);

}  // namespace vpf
