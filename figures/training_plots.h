#pragma once
// Plot builders for the training figures of the paper ("Experiments", Fig. 3): objective per epoch
// (and per batch, smoothed), weight sparsity ρ and squared weight w² per layer over epochs, and the
// histogram of mean hidden activations with the overall mean marked; plus the class-count bar
// chart of the data panel. Each builder clears the plot and fills it from plain data, so the GUI
// (live, `rescale` false keeps the user's zoom) and the CLI (offscreen, then savePlot) share them.
// The *Csv functions give the same data as CSV tables.
#include <QColor>
#include <QString>
#include <QStringList>
#include <vector>

#include "core/common/types.h"
#include "core/io/csv_writer.h"
#include "core/learning/trainer.h"
#include "core/learning/training_config.h"

class QCustomPlot;

namespace vpf {

/// One training run's objective: per-epoch means and (optionally) per-batch values. Batch i is
/// plotted at epoch batchStartEpoch + i / batchesPerEpoch.
struct ObjectiveCurve {
  QString name;                      // legend, e.g. "RBM(196)"; empty → "epoch mean"
  std::vector<EpochStats> history;   // objective at x = epoch + 1
  std::vector<double> batchObjective;
  int batchesPerEpoch = 0;
  double batchStartEpoch = 0;
};

/// Line colours shared by every figure (index wraps around).
QColor seriesColor(int index);
/// White background, light grid, readable fonts, legend top right.
void applyPlotStyle(QCustomPlot& plot);

/// "MPF objective K" (VPF) or "reconstruction cross-entropy" (CD/PCD), for the y axis.
QString objectiveAxisLabel(const TrainingConfig& config);

/// Exponential moving average with bias correction (TensorBoard-style); window ≈ 1/(1−β).
std::vector<double> smoothSeries(const std::vector<double>& values, double window);

void plotObjective(QCustomPlot& plot, const std::vector<ObjectiveCurve>& curves, const QString& yLabel,
                   bool rescale = true);
/// ρ (left axis, solid) and w² (right axis, dashed) of every layer pair W[l] over epochs (an entry
/// with epoch −1 is the initial model, plotted at 0).
void plotWeightStats(QCustomPlot& plot, const std::vector<EpochStats>& history, bool rescale = true);
/// Histogram of `meanActivations` (one value per hidden unit) over [0,1] with `bins` bins and a
/// vertical line at the overall mean.
void plotActivationHistogram(QCustomPlot& plot, const RowVector& meanActivations, int bins, const QString& title,
                             bool rescale = true);
/// Grouped bars: images per class in the training and test sets.
void plotClassCounts(QCustomPlot& plot, const std::vector<int>& trainCounts, const std::vector<int>& testCounts,
                     const QStringList& classNames);

/// Replaces the plot's title line (the builders set a default one); empty removes it.
void setPlotTitle(QCustomPlot& plot, const QString& title);

/// Rescales all axes to the data (with a little headroom), e.g. for a "reset view" button.
void resetPlotView(QCustomPlot& plot);

CsvWriter objectiveCsv(const std::vector<EpochStats>& history);                 // epoch,objective,seconds
CsvWriter batchObjectiveCsv(const ObjectiveCurve& curve, double window);       // batch,epoch,objective,smoothed
CsvWriter weightStatsCsv(const std::vector<EpochStats>& history);              // epoch,layer,sparsity,squared_weight
CsvWriter activationsCsv(const std::vector<RowVector>& meanActivations);       // layer,unit,mean_activation
CsvWriter histogramCsv(const RowVector& meanActivations, int bins);            // bin_lo,bin_hi,count
CsvWriter classCountsCsv(const std::vector<int>& trainCounts, const std::vector<int>& testCounts,
                         const QStringList& classNames);                        // class,name,train,test

/// Images per label 0…9 (labels > 9 extend the vector).
std::vector<int> classCounts(const Labels& labels);
/// Names of the 10 classes: digits for MNIST, the Fashion-MNIST article names for "fashion".
QStringList classNames(const QString& datasetName);

}  // namespace vpf
