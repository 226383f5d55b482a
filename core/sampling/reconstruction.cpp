#include "core/sampling/reconstruction.h"

#include <cmath>

#include "core/common/error.h"
#include "core/sampling/conditionals.h"
#include "core/sampling/gibbs_chain.h"

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

namespace {

// RBM with one mask for every image (Table 1): the known pixels' input to the hidden layer is the
// same in every transition, so it is computed once, and both GEMMs of a transition involve only the
// corrupted columns (12 of 28 rows: 2.3× fewer FLOPs than the general path). Same chain, same
// random draws for the start and the hidden samples; the visible draws cover only corrupted pixels.
Matrix reconstructRbmSharedMask(const BoltzmannMachine& m, const Matrix& images, const RowVector& mask,
                                int transitions, Rng& rng, CorruptionStart start,
                                const std::function<bool(int)>& afterTransition) {
  std::vector<Eigen::Index> corrupted, known;
  for (Eigen::Index i = 0; i < mask.size(); ++i) (mask[i] > 0.5f ? corrupted : known).push_back(i);
  const auto n = images.rows();
  const auto nc = static_cast<Eigen::Index>(corrupted.size());
  const Matrix& W = m.W[0];  // n0 × n1
  Matrix wCorrupted(nc, W.cols());
  RowVector bCorrupted(nc);
  for (Eigen::Index k = 0; k < nc; ++k) {
    wCorrupted.row(k) = W.row(corrupted[k]);
    bCorrupted[k] = m.b[0][corrupted[k]];
  }
  Matrix knownField = images(Eigen::all, known) * W(known, Eigen::all);
  knownField.rowwise() += m.b[1];
  Matrix v(n, nc), pv(n, nc);
  if (start == CorruptionStart::Noise) v = rng.bernoulli(Matrix::Constant(n, images.cols(), 0.5f))(Eigen::all, corrupted);
  else v.setZero();
  for (int t = 0; t < transitions; ++t) {
    Matrix h = sigmoid(knownField + v * wCorrupted);
    rng.bernoulliInPlace(h);
    Matrix field = h * wCorrupted.transpose();
    field.rowwise() += bCorrupted;
    pv = sigmoid(field);
    v = rng.bernoulli(pv);
    if (afterTransition && !afterTransition(t + 1)) break;
  }
  Matrix result = images;
  result(Eigen::all, corrupted) = pv;
  return result;
}

}  // namespace

Matrix reconstruct(const BoltzmannMachine& m, const Matrix& images, const RowVector& mask, int transitions, Rng& rng,
                   CorruptionStart start, const std::function<bool(int)>& afterTransition) {
  if (mask.size() != images.cols()) throw Error("mask has the wrong number of pixels");
  const bool plainRbm = m.isRbm() && images.cols() == m.sizes[0];
  if (plainRbm && transitions >= 1 && (mask.array() > 0.5f).any())
    return reconstructRbmSharedMask(m, images, mask, transitions, rng, start, afterTransition);
  return reconstructMasked(m, images, mask.replicate(images.rows(), 1), transitions, rng, start, nullptr, nullptr,
                           afterTransition);
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
    const Matrix r = reconstruct(m, block, mask, transitions, rng, start,
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
