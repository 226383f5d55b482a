#pragma once
// The numbers the papers report, for side-by-side output: the VPF paper (Liu, Quek, Lin 2017) in
// vpf::paper, Bengio, Lee, Bornschein, Mesnard & Lin 2015 in vpf::paper::bengio2015.
#include <array>
#include <string>

namespace vpf::paper {

// Table 1: mean L1 reconstruction error of 10,000 corrupted MNIST test digits, RBM(196).
// Rows Top, Bottom, Left, Right; columns CD-1, CD-10, PCD-1, PCD-10, VPF.
inline constexpr std::array<const char*, 5> kTable1Methods{"CD-1", "CD-10", "PCD-1", "PCD-10", "VPF"};
inline constexpr double kTable1[4][5] = {{57.8, 55.7, 57.6, 47.9, 32.9},
                                         {74.7, 54.5, 58.2, 48.9, 46.9},
                                         {59.2, 58.2, 46.2, 39.1, 36.7},
                                         {69.9, 55.4, 53.6, 43.7, 44.1}};

/// Paper value of Table 1 for a pattern index (0 Top … 3 Bottom order as CorruptionPattern) and a
/// method name ("VPF", "CD-1", …); negative when the paper has none.
inline double table1(int pattern, const std::string& method) {
  for (std::size_t m = 0; m < kTable1Methods.size(); ++m)
    if (method == kTable1Methods[m]) return kTable1[pattern][m];
  return -1;
}

// Table 2: Parzen log-likelihood on MNIST (σ = 0.2, 10,000 samples).
inline constexpr double kParzenRbm196 = 78, kParzenDbm1R = 183, kParzenDbm1P = 210, kParzenDbm2R = 222,
                        kParzenDbm2P = 222;
/// Table 2's caption: the same estimator with MNIST training images as the samples (Desjardins et al. 2010).
inline constexpr double kParzenTrainingReference = 239.88;

}  // namespace vpf::paper

namespace vpf::paper::bengio2015 {

// "Towards Biologically Plausible Deep Learning", MNIST Parzen log-likelihood of the test set
// (σ = 0.2, chosen on the validation set): Alg. 2 samples and the directed p(x|h)p(h) samples, and the
// comparisons it quotes (CAE, deep GSN, GAN).
inline constexpr double kParzen = 236, kParzenDirected = 126;
inline constexpr double kSigma = 0.2;
inline constexpr double kCae = 121, kDeepGsn = 214, kGan = 225;

}  // namespace vpf::paper::bengio2015
