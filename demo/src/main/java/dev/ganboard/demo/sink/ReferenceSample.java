package dev.ganboard.demo.sink;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.core.SplitMix64;
import dev.ganboard.metrics.modes.Mixture;

/**
 * The evaluation worker's real sample of a mixture (worker's MixtureDataset): SplitMix64(20180101), per point a
 * mode by nextInt(K), then centre + sigma * nextGaussian() per coordinate. Repeated here so that FIDs in the
 * terminal summary are the numbers the leaderboard shows for the same samples.
 */
final class ReferenceSample {
    static final long SEED = 20_180_101L;

    private ReferenceSample() {
    }

    static DenseMatrix of(Mixture mixture, int n) {
        double[][] modes = mixture.modes();
        SplitMix64 rng = new SplitMix64(SEED);
        double[] data = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double[] c = modes[rng.nextInt(modes.length)];
            data[2 * i] = c[0] + mixture.sigma() * rng.nextGaussian();
            data[2 * i + 1] = c[1] + mixture.sigma() * rng.nextGaussian();
        }
        return new DenseMatrix(mixture.id() + " reference", n, 2, data);
    }
}
