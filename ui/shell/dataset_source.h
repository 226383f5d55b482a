#pragma once
// Data set sources of the GUI as one string ("spec"), so they can be remembered (settings, recent
// files, model metadata): "mnist", "fashion", a folder or file prefix (core loadDataSplits), or
// "idx:IMAGES|LABELS" for any IDX image/label pair (LABELS may be empty). Loading throws vpf::Error.
#include <QString>
#include <QStringList>
#include <memory>

#include "core/data/dataset.h"

namespace vpf {

/// "idx:IMAGES|LABELS".
QString idxPairSpec(const QString& images, const QString& labels);
/// A human title: "MNIST", "Fashion-MNIST", or the file/folder name.
QString datasetTitle(const QString& spec);

/// Loads a spec. An IDX pair becomes the training split; if it is a train-* file with t10k-*
/// companions next to it, those become the test split.
std::shared_ptr<const DataSplits> loadDatasetSpec(const QString& spec);

/// True for names that look like IDX files (…-idx1/3-ubyte[.gz], *.idx).
bool looksLikeIdxFile(const QString& path);
bool looksLikeModelFile(const QString& path);  // *.npz
/// For an IDX images file the labels file next to it (train-images-idx3-ubyte → train-labels-idx1-ubyte,
/// with or without .gz), and vice versa; "" when there is none.
QString companionLabelsFile(const QString& imagesPath);
QString companionImagesFile(const QString& labelsPath);
/// Turns dropped/selected files into a spec: an image file (+ its labels), a labels file (+ its
/// images) or both. Returns "" with `error` set when they do not form a pair.
QString specFromIdxFiles(const QStringList& paths, QString& error);

}  // namespace vpf
