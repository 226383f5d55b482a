#include "ui/shell/app_options.h"

#include <QCommandLineParser>
#include <QRegularExpression>

#include "core/learning/training_config.h"

namespace vpf {

bool AppOptions::parse(const QStringList& arguments, AppOptions& options, QString& error, QString* helpText) {
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral(
      "VPF Lab: train restricted and deep Boltzmann machines with Variational Probability Flow "
      "(Liu, Quek & Lin, AAAI 2018) and watch them learn."));
  parser.addHelpOption();
  parser.addVersionOption();
  const QCommandLineOption dataset(QStringLiteral("dataset"),
                                   QStringLiteral("Data set: mnist, fashion, a folder or file prefix of IDX files, "
                                                  "or idx:IMAGES|LABELS."),
                                   QStringLiteral("name"), QStringLiteral("mnist"));
  const QCommandLineOption model(QStringLiteral("model"), QStringLiteral("Open this model file (.npz)."),
                                 QStringLiteral("file"));
  const QCommandLineOption compare(QStringLiteral("compare-model"),
                                   QStringLiteral("Confabulate tab: compare with this model file (.npz)."),
                                   QStringLiteral("file"));
  const QCommandLineOption arch(QStringLiteral("arch"), QStringLiteral("Architecture, e.g. rbm:196 or dbm:196,196,64."),
                                QStringLiteral("spec"));
  const QCommandLineOption algo(QStringLiteral("algo"), QStringLiteral("Training algorithm: vpf, cd:K or pcd:K."),
                                QStringLiteral("spec"));
  const QCommandLineOption intra(QStringLiteral("intra"), QStringLiteral("Intra-layer connections (DBM2)."));
  const QCommandLineOption epochs(QStringLiteral("epochs"), QStringLiteral("Number of training epochs."),
                                  QStringLiteral("n"));
  const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                      QStringLiteral("Save a screenshot of the window to this PNG and quit."),
                                      QStringLiteral("file"));
  const QCommandLineOption afterEpochs(QStringLiteral("after-epochs"),
                                       QStringLiteral("Train this many epochs before the screenshot (default 0)."),
                                       QStringLiteral("n"), QStringLiteral("0"));
  const QCommandLineOption tabs(QStringLiteral("screenshot-tabs"),
                                QStringLiteral("Also save <file>-<tab>.png for every tab."));
  const QCommandLineOption tab(QStringLiteral("tab"),
                               QStringLiteral("Show this tab first (Filters, Curves, Histogram, Data, STDP)."),
                               QStringLiteral("name"));
  const QCommandLineOption colormap(QStringLiteral("filter-colormap"),
                                    QStringLiteral("Colour map of the filter view: diverging (blue–red) or grey."),
                                    QStringLiteral("name"));
  const QCommandLineOption exportAll(QStringLiteral("export-all"),
                                     QStringLiteral("Export every figure and its data into this folder and quit "
                                                    "(after --after-epochs)."),
                                     QStringLiteral("dir"));
  const QCommandLineOption saveModel(QStringLiteral("save-model"),
                                     QStringLiteral("After --after-epochs, save the trained model (.npz) and quit."),
                                     QStringLiteral("file"));
  const QCommandLineOption quitAfter(QStringLiteral("quit-after-ms"),
                                     QStringLiteral("Close the window after this many milliseconds."),
                                     QStringLiteral("ms"));
  const QCommandLineOption fresh(QStringLiteral("fresh"),
                                 QStringLiteral("Ignore (and keep) the saved settings, window layout, recent files and "
                                                "autosave; write no autosave."));
  const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size, e.g. 1400x900."),
                                QStringLiteral("WxH"));
  parser.addOptions({dataset, model, compare, arch, algo, intra, epochs, screenshot, afterEpochs, tabs, tab, colormap,
                     exportAll, saveModel, quitAfter, fresh, size});
  if (helpText) *helpText = parser.helpText();
  if (!parser.parse(arguments)) {
    error = parser.errorText();
    return false;
  }
  if (!parser.positionalArguments().isEmpty()) {
    error = QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first());
    return false;
  }
  if (parser.isSet(QStringLiteral("help"))) {
    error = QStringLiteral("help");
    return false;
  }
  if (parser.isSet(QStringLiteral("version"))) {
    error = QStringLiteral("version");
    return false;
  }
  auto toInt = [&](const QCommandLineOption& o, int lo, int hi, int& out) {
    bool ok = false;
    const int v = parser.value(o).toInt(&ok);
    if (!ok || v < lo || v > hi) {
      error = QStringLiteral("--%1 must be an integer in [%2, %3], got '%4'")
                  .arg(o.names().first()).arg(lo).arg(hi).arg(parser.value(o));
      return false;
    }
    out = v;
    return true;
  };
  options.dataset = parser.value(dataset);
  options.model = parser.value(model);
  options.compareModel = parser.value(compare);
  options.architecture = parser.value(arch);
  options.algorithm = parser.value(algo);
  if (!options.algorithm.isEmpty()) {
    try {
      TrainingConfig config;
      parseAlgorithm(options.algorithm.toStdString(), config);
    } catch (const std::exception& e) {
      error = QStringLiteral("--algo: %1").arg(QString::fromStdString(e.what()));
      return false;
    }
  }
  options.intra = parser.isSet(intra);
  options.screenshot = parser.value(screenshot);
  options.screenshotTabs = parser.isSet(tabs);
  options.tab = parser.value(tab);
  options.exportAll = parser.value(exportAll);
  options.saveModel = parser.value(saveModel);
  options.filterColormap = parser.value(colormap).toLower();
  if (!options.filterColormap.isEmpty() && options.filterColormap != QLatin1String("diverging") &&
      options.filterColormap != QLatin1String("grey") && options.filterColormap != QLatin1String("gray")) {
    error = QStringLiteral("--filter-colormap must be diverging or grey, got '%1'").arg(parser.value(colormap));
    return false;
  }
  options.fresh = parser.isSet(fresh);
  if (parser.isSet(epochs) && !toInt(epochs, 0, 100000, options.epochs)) return false;
  if (!toInt(afterEpochs, 0, 100000, options.afterEpochs)) return false;
  if (parser.isSet(quitAfter) && !toInt(quitAfter, 0, 1 << 30, options.quitAfterMs)) return false;
  if (parser.isSet(size)) {
    const QRegularExpressionMatch m =
        QRegularExpression(QStringLiteral("^(\\d{3,5})x(\\d{3,5})$")).match(parser.value(size));
    if (!m.hasMatch()) {
      error = QStringLiteral("--size must look like 1400x900, got '%1'").arg(parser.value(size));
      return false;
    }
    options.windowSize = QSize(m.captured(1).toInt(), m.captured(2).toInt());
  }
  if (!options.saveModel.isEmpty() && options.afterEpochs > 0) {
    // The worker must stop by itself at that epoch, so the saved model is exactly that epoch's.
    if (options.epochs >= 0 && options.epochs != options.afterEpochs) {
      error = QStringLiteral(
          "--save-model saves the model after --after-epochs epochs; leave --epochs out or "
          "give the same number");
      return false;
    }
    options.epochs = options.afterEpochs;
  }
  if (options.afterEpochs > 0 && !options.automated()) {
    error = QStringLiteral("--after-epochs needs --screenshot, --export-all or --save-model");
    return false;
  }
  return true;
}

}  // namespace vpf
