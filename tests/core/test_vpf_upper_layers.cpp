// Why VPF's upper DBM layers learn nothing (issue 14): the expected M-step gradient of the MPF
// objective, computed exactly by enumerating every hidden state of a small DBM.
//   1. With hidden states drawn from the model's exact posterior p(h|v), every hidden unit's flip
//      term has zero expected gradient (its sampling conditional is the model's own), so only the
//      visible flips remain — and they involve W0 and b0 alone. The upper weights W1…, L and the
//      hidden biases get exactly zero gradient: MPF-EM has no learning signal for them at all.
//   2. With the paper's E-step (each layer sampled bottom-up, the top-down input zeroed), the top
//      layer's flips are again exact (zero), and a middle layer's flips pull the model's conditional
//      toward the bottom-up one — toward zero top-down input: the gradient shrinks W_l (l ≥ 1).
//   3. The layer-wise objective (vpf_layerwise_trainer.h) has a signal for every W_l.
#include <QtTest>
#include <cmath>

#include "core/common/rng.h"
#include "core/learning/mpf_objective.h"
#include "core/learning/vpf_layerwise_trainer.h"

using namespace vpf;

namespace {

using Dbm = BasicBoltzmannMachine<double>;

Dbm randomDbm(const std::vector<int>& sizes, bool intra, double scale, std::uint64_t seed) {
  Rng rng(seed);
  Dbm m = Dbm::zeros(sizes, intra);
  for (auto& w : m.W)
    for (Eigen::Index i = 0; i < w.size(); ++i) w.data()[i] = scale * rng.normal();
  for (auto& b : m.b)
    for (Eigen::Index i = 0; i < b.size(); ++i) b[i] = 0.3 * rng.normal();
  for (auto& l : m.L)
    for (Eigen::Index i = 0; i < l.rows(); ++i)
      for (Eigen::Index j = 0; j < i; ++j) l(i, j) = l(j, i) = scale * rng.normal();
  return m;
}

// Σ_l K_l over the layer pairs (core/learning/vpf_layerwise_trainer.h), its gradient in `g`.
void layerwiseGradient(const Dbm& m, const std::vector<MatrixD>& y, Dbm& g) {
  for (int l = 0; l + 1 < m.layerCount(); ++l) {
    const Dbm pair = layerPair(m, l);
    Dbm pg = pair;
    mpfObjective(pair, std::vector<MatrixD>{y[l], y[l + 1]}, &pg);
    g.W[l] += pg.W[0];
    g.b[l] += pg.b[0];
    g.b[l + 1] += pg.b[1];
  }
}

// Every complete state (v fixed, hidden layers from the bits of s).
std::vector<MatrixD> completeState(const Dbm& m, const RowVectorD& v, unsigned s) {
  std::vector<MatrixD> y(m.layerCount());
  y[0] = v;
  int bit = 0;
  for (int l = 1; l < m.layerCount(); ++l) {
    y[l] = MatrixD::Zero(1, m.sizes[l]);
    for (int j = 0; j < m.sizes[l]; ++j) y[l](0, j) = double(s >> bit++ & 1u);
  }
  return y;
}

int hiddenUnits(const Dbm& m) {
  int n = 0;
  for (int l = 1; l < m.layerCount(); ++l) n += m.sizes[l];
  return n;
}

enum class EStep { ExactPosterior, BottomUp };

// Weight of hidden state s given v: the model's posterior, or the product of the bottom-up
// conditionals p(h_l | h_{l−1}) with the top-down input zeroed (the paper's E-step; DBM1 only).
double stateWeight(const Dbm& m, const std::vector<MatrixD>& y, EStep kind) {
  if (kind == EStep::ExactPosterior) return std::exp(-energy(m, y)[0]);
  double p = 1;
  for (int l = 1; l < m.layerCount(); ++l) {
    const RowVectorD z = y[l - 1] * m.W[l - 1] + m.b[l];
    for (int j = 0; j < m.sizes[l]; ++j) {
      const double on = 1 / (1 + std::exp(-z[j]));
      p *= y[l](0, j) > 0.5 ? on : 1 - on;
    }
  }
  return p;
}

// E_{v ∈ data, h ~ E-step}[∂K/∂θ], exactly.
Dbm expectedGradient(const Dbm& m, const MatrixD& data, EStep kind, bool layerwise = false) {
  Dbm total = Dbm::zeros(m.sizes, m.hasIntraLayer());
  for (Eigen::Index n = 0; n < data.rows(); ++n) {
    const RowVectorD v = data.row(n);
    std::vector<double> w;
    double z = 0;
    for (unsigned s = 0; s < (1u << hiddenUnits(m)); ++s) {
      w.push_back(stateWeight(m, completeState(m, v, s), kind));
      z += w.back();
    }
    for (unsigned s = 0; s < (1u << hiddenUnits(m)); ++s) {
      Dbm g = Dbm::zeros(m.sizes, m.hasIntraLayer());
      if (layerwise)
        layerwiseGradient(m, completeState(m, v, s), g);
      else
        mpfObjective(m, completeState(m, v, s), &g);
      const double weight = w[s] / z / double(data.rows());
      for (std::size_t l = 0; l < m.W.size(); ++l) total.W[l] += weight * g.W[l];
      for (std::size_t l = 0; l < m.b.size(); ++l) total.b[l] += weight * g.b[l];
      for (std::size_t l = 0; l < m.L.size(); ++l)
        if (m.hasIntra(int(l))) total.L[l] += weight * g.L[l];
    }
  }
  return total;
}

MatrixD someData(int n, int nv, std::uint64_t seed) {
  Rng rng(seed);
  MatrixD d(n, nv);
  for (Eigen::Index i = 0; i < d.size(); ++i) d.data()[i] = rng.uniform() < 0.35 ? 1.0 : 0.0;
  return d;
}

}  // namespace

class TestVpfUpperLayers : public QObject {
  Q_OBJECT
 private slots:
  void withTheExactPosteriorOnlyTheBottomLayerGetsAGradient() {
    for (bool intra : {false, true}) {
      const Dbm m = randomDbm({6, 4, 3, 2}, intra, 0.8, 3);
      const Dbm g = expectedGradient(m, someData(5, 6, 1), EStep::ExactPosterior);
      qInfo("%s, exact posterior: |∂K/∂W0| %.3g, |∂K/∂W1| %.3g, |∂K/∂W2| %.3g, |∂K/∂b1| %.3g", intra ? "DBM2" : "DBM1",
            g.W[0].norm(), g.W[1].norm(), g.W[2].norm(), g.b[1].norm());
      QVERIFY(g.W[0].norm() > 1e-3);
      QVERIFY(g.b[0].norm() > 1e-3);
      for (int l = 1; l < 3; ++l) QVERIFY2(g.W[l].norm() < 1e-12, qPrintable(QString::number(g.W[l].norm())));
      for (int l = 1; l < 4; ++l) QVERIFY(g.b[l].norm() < 1e-12);
      for (int l = 1; l < 4; ++l)
        if (intra) QVERIFY(g.L[l].norm() < 1e-12);
    }
  }

  void withThePapersEStepTheUpperWeightsShrink() {
    int shrinking = 0;
    const int trials = 8;
    for (std::uint64_t seed = 1; seed <= trials; ++seed) {
      const Dbm m = randomDbm({6, 4, 3, 2}, false, 0.8, seed);
      const Dbm g = expectedGradient(m, someData(5, 6, seed), EStep::BottomUp);
      // Descent moves W by −η g: it shrinks W where ⟨g, W⟩ > 0.
      const double w1 = g.W[1].cwiseProduct(m.W[1]).sum() / m.W[1].squaredNorm();
      const double w2 = g.W[2].cwiseProduct(m.W[2]).sum() / m.W[2].squaredNorm();
      qInfo("seed %d, bottom-up E-step: ⟨∂K/∂W1, W1⟩/|W1|² %.4f, ⟨∂K/∂W2, W2⟩/|W2|² %.4f, |∂K/∂W0| %.3g", int(seed), w1,
            w2, g.W[0].norm());
      shrinking += (w1 > 0) + (w2 > 0);
    }
    QVERIFY2(shrinking >= 2 * trials - 2, qPrintable(QString::number(shrinking)));
  }

  // The layer-wise objective keeps the signal. Each objective with the E-step that is exact for it —
  // the joint posterior for the joint objective, each pair's own conditional of its upper layer
  // (the bottom-up pass) for the layer-wise one: the joint gradient on W1 is zero, the layer-wise one
  // is of the order of W0's, because h1's flips in K_1 see only W1 and so must be explained by it.
  void theLayerwiseObjectiveGivesTheUpperLayersASignal() {
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
      const Dbm m = randomDbm({6, 4, 3, 2}, false, 0.8, seed);
      const Dbm joint = expectedGradient(m, someData(5, 6, seed), EStep::ExactPosterior);
      const Dbm pairs = expectedGradient(m, someData(5, 6, seed), EStep::BottomUp, true);
      qInfo("seed %d: |∂K/∂W1| joint (exact posterior) %.2g, layer-wise %.4f; |∂K/∂W0| %.4f, %.4f", int(seed),
            joint.W[1].norm(), pairs.W[1].norm(), joint.W[0].norm(), pairs.W[0].norm());
      QVERIFY(joint.W[1].norm() < 1e-12);
      QVERIFY(pairs.W[1].norm() > 0.05 * pairs.W[0].norm());
      QVERIFY(pairs.W[2].norm() > 0.05 * pairs.W[0].norm());
    }
  }
};

QTEST_GUILESS_MAIN(TestVpfUpperLayers)
#include "test_vpf_upper_layers.moc"
