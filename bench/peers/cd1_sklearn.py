"""One CD-1 epoch of scikit-learn's BernoulliRBM (400 hidden units, batch 40) on the 60,000
binarised MNIST training images. BernoulliRBM's fit does persistent CD-1 (its documented
algorithm, one Gibbs step per update), the closest scikit-learn has to `vpf train --algo cd:1`."""

import peer_common
from sklearn.neural_network import BernoulliRBM


def main():
    a = peer_common.rbm_arguments()
    x = peer_common.mnist("train")

    def epoch():
        BernoulliRBM(n_components=a.hidden, batch_size=40, learning_rate=0.01, n_iter=1, random_state=3).fit(x)

    seconds, times = peer_common.median_seconds(epoch, a.repeats)
    peer_common.report(peer="scikit-learn", measure="cd1_epoch_s", seconds=seconds, times=times, hidden=a.hidden)


if __name__ == "__main__":
    main()
