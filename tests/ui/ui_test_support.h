#pragma once
// Helpers shared by the UI tests: small synthetic data sets (in memory and as IDX files), test
// settings isolation, and waiting for snapshots.
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QString>
#include <QTest>
#include <cstdint>
#include <memory>
#include <random>

#include "core/data/dataset.h"
#include "ui/training/run_setup.h"
#include "ui/training/training_controller.h"

namespace vpf::test {

/// Isolated settings/app data (QStandardPaths test mode) and the app's names.
inline void initUiTestEnvironment() {
  QStandardPaths::setTestModeEnabled(true);
  QCoreApplication::setOrganizationName(QStringLiteral("VPF Lab Tests"));
  QCoreApplication::setApplicationName(QStringLiteral("vpflab-tests"));
}

/// `count` 28×28 images of pen-stroke-like bars (class = bar orientation/position bucket),
/// grey values in [0,1]. Deterministic for a seed.
inline Dataset syntheticDigits(int count, unsigned seed = 7) {
  Dataset d;
  d.name = "synthetic";
  d.rows = d.cols = 28;
  d.images = Matrix::Zero(count, 784);
  d.labels.resize(static_cast<std::size_t>(count));
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> pos(4, 23), len(8, 18), cls(0, 9);
  for (int i = 0; i < count; ++i) {
    const int c = cls(rng);
    d.labels[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(c);
    const bool vertical = c % 2 == 0;
    const int strokes = 1 + c / 4;
    for (int s = 0; s < strokes; ++s) {
      const int p = pos(rng), l = len(rng), start = 2 + static_cast<int>(rng() % 6);
      for (int t = start; t < std::min(27, start + l); ++t)
        for (int w = -1; w <= 1; ++w) {
          const int r = vertical ? t : std::clamp(p + w, 0, 27);
          const int col = vertical ? std::clamp(p + w, 0, 27) : t;
          d.images(i, r * 28 + col) = std::max(d.images(i, r * 28 + col), w == 0 ? 1.0f : 0.6f);
        }
    }
  }
  return d;
}

inline void writeBigEndian(QFile& f, std::uint32_t v) {
  const char b[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
                     static_cast<char>(v)};
  f.write(b, 4);
}

struct IdxFiles {
  QString images, labels;
};

/// Writes `data` as <dir>/<stem>-images-idx3-ubyte and <dir>/<stem>-labels-idx1-ubyte.
inline IdxFiles writeIdx(const Dataset& data, const QString& dir, const QString& stem = QStringLiteral("train")) {
  IdxFiles files{QDir(dir).filePath(stem + QStringLiteral("-images-idx3-ubyte")),
                 QDir(dir).filePath(stem + QStringLiteral("-labels-idx1-ubyte"))};
  QFile images(files.images), labels(files.labels);
  if (!images.open(QIODevice::WriteOnly) || !labels.open(QIODevice::WriteOnly)) return {};
  writeBigEndian(images, 0x00000803);
  writeBigEndian(images, static_cast<std::uint32_t>(data.size()));
  writeBigEndian(images, static_cast<std::uint32_t>(data.rows));
  writeBigEndian(images, static_cast<std::uint32_t>(data.cols));
  QByteArray pixels(data.size() * data.pixels(), '\0');
  for (int i = 0; i < data.size(); ++i)
    for (int p = 0; p < data.pixels(); ++p)
      pixels[i * data.pixels() + p] = static_cast<char>(static_cast<unsigned char>(data.images(i, p) * 255.0f + 0.5f));
  images.write(pixels);
  writeBigEndian(labels, 0x00000801);
  writeBigEndian(labels, static_cast<std::uint32_t>(data.size()));
  labels.write(reinterpret_cast<const char*>(data.labels.data()), static_cast<qint64>(data.labels.size()));
  return files;
}

/// A run of a small RBM on synthetic data (VPF, batch 40: 50 batches per epoch for 2,000 images).
inline RunSetup smallRun(int images = 2000, int hidden = 32, int epochs = 5) {
  RunSetup setup;
  setup.train = std::make_shared<const Dataset>(syntheticDigits(images));
  setup.datasetName = "synthetic";
  setup.architecture = parseArchitecture("rbm:" + std::to_string(hidden), false);
  setup.config.epochs = epochs;
  setup.activationSamples = 1000;
  return setup;
}

/// Waits until the controller's latest snapshot satisfies `pred` (processing events).
template <typename Pred>
bool waitForSnapshot(TrainingController& controller, Pred pred, int timeoutMs = 20000) {
  QElapsedTimer timer;
  timer.start();
  while (timer.elapsed() < timeoutMs) {
    const SnapshotPtr s = controller.latest();
    if (s && pred(*s)) return true;
    QTest::qWait(5);
  }
  return false;
}

}  // namespace vpf::test
