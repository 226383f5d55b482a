#include "sampling/reconstruction.h"

#include <cmath>

#include "common/error.h"
#include "sampling/gibbs_chain.h"

namespace vpf {

CorruptionStart parseCorruptionStart(const std::string& name) {
  if (name == "noise") return CorruptionStart::Noise;
  if (name == "zeros") return CorruptionStart::Zeros;
  throw Error("unknown start '" + name + "' for corrupted pixels: expected noise or zeros");
}

Matrix reconstructMasked(const BoltzmannMachine& m, const Matrix& images, const Matrix& masks, int transitions,
                         Rng& rng, CorruptionStart start, std::vector<Matrix>* frames, Matrix* start0,
                         const std::function<bool(int)>& afterTransition) {
  if (images.cols() != m.sizes[0])
    throw Error("images have " + std::to_string(images.cols()) + " pixels, the model expects " +
                std::to_string(m.sizes[0]));
  if (masks.rows() != images.rows() || masks.cols() != images.cols()) throw Error("mask shape does not match the images");
  if (transitions < 1) throw Error("reconstruction needs at least one Gibbs transition");
  const Matrix known = (1.0f - masks.array()).matrix();
  // Corrupted pixels start as Bernoulli(½) noise (or 0); known pixels are clamped to the original.
  Matrix v0 = known.cwiseProduct(images);
  if (start == CorruptionStart::Noise)
    v0 += masks.cwiseProduct(rng.bernoulli(Matrix::Constant(images.rows(), images.cols(), 0.5f)));
  if (start0) *start0 = v0;
  std::vector<Matrix> samples{v0}, probs;
  for (int l = 1; l < m.layerCount(); ++l) samples.push_back(Matrix::Zero(images.rows(), m.sizes[l]));
  if (frames) frames->clear();
  for (int t = 0; t < transitions; ++t) {
    gibbsTransition(m, samples, probs, rng, &masks, &images);
    if (frames) frames->push_back(masks.cwiseProduct(probs[0]) + known.cwiseProduct(images));
    if (afterTransition && !afterTransition(t + 1)) break;
  }
  return masks.cwiseProduct(probs[0]) + known.cwiseProduct(images);
}

Matrix reconstruct(const BoltzmannMachine& m, const Matrix& images, const RowVector& mask, int transitions, Rng& rng,
                   CorruptionStart start) {
  if (mask.size() != images.cols()) throw Error("mask has the wrong number of pixels");
  return reconstructMasked(m, images, mask.replicate(images.rows(), 1), transitions, rng, start);
}

Eigen::VectorXd reconstructionErrors(const Matrix& original, const Matrix& reconstructed) {
  return (original - reconstructed).cwiseAbs().rowwise().sum().cast<double>();
}

ReconstructionScore evaluateReconstruction(const BoltzmannMachine& m, const Matrix& images, const RowVector& mask,
                                           int transitions, std::uint64_t seed,
                                           const std::function<bool(double)>& progress, int blockSize,
                                           CorruptionStart start) {
  Rng rng(seed);
  std::vector<double> errors;
  errors.reserve(static_cast<std::size_t>(images.rows()));
  for (Eigen::Index b = 0; b < images.rows(); b += blockSize) {
    const Eigen::Index n = std::min<Eigen::Index>(blockSize, images.rows() - b);
    const Matrix block = images.middleRows(b, n);
    if (mask.size() != images.cols()) throw Error("mask has the wrong number of pixels");
    bool stopped = false;
    const auto inBlock = [&](int t) {
      const double done = static_cast<double>(b) + static_cast<double>(n) * t / transitions;
      stopped = progress && !progress(done / static_cast<double>(images.rows()));
      return !stopped;
    };
    const Matrix r = reconstructMasked(m, block, mask.replicate(n, 1), transitions, rng, start, nullptr, nullptr,
                                       progress ? std::function<bool(int)>(inBlock) : std::function<bool(int)>());
    if (stopped) break;  // a cancelled block's errors would be meaningless
    const Eigen::VectorXd e = reconstructionErrors(block, r);
    errors.insert(errors.end(), e.data(), e.data() + e.size());
  }
  ReconstructionScore s;
  s.transitions = transitions;
  s.images = static_cast<int>(errors.size());
  if (errors.empty()) return s;
  double sum = 0;
  for (double e : errors) sum += e;
  s.mean = sum / static_cast<double>(errors.size());
  double var = 0;
  for (double e : errors) var += (e - s.mean) * (e - s.mean);
  s.stddev = errors.size() > 1 ? std::sqrt(var / static_cast<double>(errors.size() - 1)) : 0.0;
  return s;
}

}  // namespace vpf
