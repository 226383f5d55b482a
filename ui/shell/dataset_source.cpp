#include "ui/shell/dataset_source.h"

#include <QDir>
#include <QFileInfo>

#include "core/common/error.h"

namespace vpf {

namespace {

bool isLabels(const QString& name) { return name.contains(QStringLiteral("idx1"), Qt::CaseInsensitive) ||
                                            name.contains(QStringLiteral("labels"), Qt::CaseInsensitive); }

// Replaces the first occurrence of each pair (case kept) and returns the existing variant.
QString findVariant(const QString& path, const QList<QPair<QString, QString>>& replacements) {
  const QFileInfo info(path);
  QString name = info.fileName();
  for (const auto& r : replacements) name.replace(r.first, r.second, Qt::CaseInsensitive);
  if (name == info.fileName()) return {};
  const QDir dir = info.absoluteDir();
  QStringList candidates{name};
  if (name.endsWith(QStringLiteral(".gz"))) candidates << name.chopped(3);
  else candidates << name + QStringLiteral(".gz");
  for (const QString& c : candidates)
    if (QFileInfo::exists(dir.filePath(c))) return dir.filePath(c);
  return {};
}

}  // namespace

QString idxPairSpec(const QString& images, const QString& labels) {
  return QStringLiteral("idx:") + images + QLatin1Char('|') + labels;
}

QString datasetTitle(const QString& spec) {
  if (spec.compare(QStringLiteral("mnist"), Qt::CaseInsensitive) == 0) return QStringLiteral("MNIST");
  if (spec.compare(QStringLiteral("fashion"), Qt::CaseInsensitive) == 0) return QStringLiteral("Fashion-MNIST");
  if (spec.startsWith(QStringLiteral("idx:"))) {
    const QString images = spec.mid(4).section(QLatin1Char('|'), 0, 0);
    return QFileInfo(images).fileName();
  }
  const QFileInfo info(spec);
  return info.fileName().isEmpty() ? spec : info.fileName();
}

std::shared_ptr<const DataSplits> loadDatasetSpec(const QString& spec) {
  if (spec.trimmed().isEmpty()) throw Error("no data set given");
  auto splits = std::make_shared<DataSplits>();
  if (spec.startsWith(QStringLiteral("idx:"))) {
    const QString rest = spec.mid(4);
    const QString images = rest.section(QLatin1Char('|'), 0, 0);
    const QString labels = rest.section(QLatin1Char('|'), 1);
    if (!QFileInfo::exists(images)) throw Error("the image file '" + images.toStdString() + "' does not exist");
    if (!labels.isEmpty() && !QFileInfo::exists(labels))
      throw Error("the label file '" + labels.toStdString() + "' does not exist");
    splits->name = QFileInfo(images).fileName().toStdString();
    splits->train = loadIdxPair(images.toStdString(), labels.toStdString());
    // train-* with t10k-* companions: load them as the test split.
    const QString testImages = findVariant(images, {{QStringLiteral("train-"), QStringLiteral("t10k-")}});
    if (!testImages.isEmpty()) {
      const QString testLabels = labels.isEmpty() ? QString()
                                                  : findVariant(labels, {{QStringLiteral("train-"), QStringLiteral("t10k-")}});
      if (labels.isEmpty() || !testLabels.isEmpty())
        splits->test = loadIdxPair(testImages.toStdString(), testLabels.toStdString());
    }
  } else {
    *splits = loadDataSplits(spec.toStdString());
  }
  if (splits->train.size() == 0) throw Error("the data set '" + spec.toStdString() + "' has no images");
  return splits;
}

bool looksLikeIdxFile(const QString& path) {
  const QString name = QFileInfo(path).fileName().toLower();
  return name.contains(QStringLiteral("-idx")) || name.endsWith(QStringLiteral(".idx")) ||
         name.endsWith(QStringLiteral(".idx.gz")) || name.contains(QStringLiteral("ubyte"));
}

bool looksLikeModelFile(const QString& path) { return QFileInfo(path).suffix().toLower() == QLatin1String("npz"); }

QString companionLabelsFile(const QString& imagesPath) {
  return findVariant(imagesPath, {{QStringLiteral("images"), QStringLiteral("labels")},
                                  {QStringLiteral("idx3"), QStringLiteral("idx1")}});
}

QString companionImagesFile(const QString& labelsPath) {
  return findVariant(labelsPath, {{QStringLiteral("labels"), QStringLiteral("images")},
                                  {QStringLiteral("idx1"), QStringLiteral("idx3")}});
}

QString specFromIdxFiles(const QStringList& paths, QString& error) {
  QString images, labels;
  for (const QString& p : paths) {
    if (isLabels(QFileInfo(p).fileName())) labels = p;
    else images = p;
  }
  if (paths.size() > 2) {
    error = QStringLiteral("drop one IDX image file, optionally with its label file (got %1 files)").arg(paths.size());
    return {};
  }
  if (images.isEmpty() && !labels.isEmpty()) images = companionImagesFile(labels);
  if (images.isEmpty()) {
    error = QStringLiteral("'%1' is a label file and no matching image file was found next to it")
                .arg(QFileInfo(labels).fileName());
    return {};
  }
  if (labels.isEmpty()) labels = companionLabelsFile(images);
  return idxPairSpec(images, labels);
}

}  // namespace vpf
