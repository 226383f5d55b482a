#pragma once
// Command-line options of vpflab (parsed with QCommandLineParser).
#include <QSize>
#include <QString>
#include <QStringList>

namespace vpf {

struct AppOptions {
  QString dataset = QStringLiteral("mnist");  // --dataset: mnist, fashion, a folder, a prefix or idx:IMAGES|LABELS
  QString model;                              // --model file.npz
  QString compareModel;                       // --compare-model file.npz (Confabulate tab, side by side)
  QString architecture;                       // --arch rbm:196 / dbm:196,196,64 (overrides the saved one)
  bool intra = false;                         // --intra
  QString algorithm;                          // --algo vpf / cd:K / pcd:K (overrides the saved one)
  int epochs = -1;                            // --epochs N (overrides the saved one)
  QString screenshot;                         // --screenshot out.png
  int afterEpochs = 0;                        // --after-epochs N: train N epochs before the screenshot/export
  bool screenshotTabs = false;                // --screenshot-tabs: also out-<tab>.png for every tab
  QString tab;                                // --tab NAME: show this tab first
  QString filterColormap;                     // --filter-colormap diverging|grey
  QString exportAll;                          // --export-all DIR: after the epochs, export every figure
  QString saveModel;                          // --save-model FILE: after the epochs, save the model
  int quitAfterMs = -1;                       // --quit-after-ms N
  bool fresh = false;                         // --fresh: ignore saved settings and the autosave
  QSize windowSize;                           // --size WxH

  /// True when the app runs unattended to produce files (screenshot, export, saved model) and quits.
  bool automated() const { return !screenshot.isEmpty() || !exportAll.isEmpty() || !saveModel.isEmpty(); }

  /// Parses argv (arguments().at(0) is the program). Returns false with `error` on bad options;
  /// `helpText` receives the usage.
  static bool parse(const QStringList& arguments, AppOptions& options, QString& error, QString* helpText = nullptr);
};

}  // namespace vpf
