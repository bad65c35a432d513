package dev.ganboard.metrics.neighbours;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.core.SplitMix64;
import dev.ganboard.metrics.prdc.NearestNeighbourDistances;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Nearest-neighbour memorisation ratio in the domain classifier's feature space: the mean distance from a
 * generated image to its nearest training image, divided by the same mean for held-out real images. About 1 for a
 * generator as novel as fresh real data; near 0 for one that reproduces training images. Subsample: the first
 * min(500, N) rows of a SplitMix64(0) permutation of each side; the training side is the whole training split.
 */
public final class Memorisation {
    static final int SUBSAMPLE = 500;
    static final long SEED = 0;

    private Memorisation() {
    }

    public static Map<String, Object> compute(DenseMatrix generated, DenseMatrix heldOut, DenseMatrix train) {
        int m = Math.min(SUBSAMPLE, Math.min(generated.rows(), heldOut.rows()));
        double[] dGen = NearestNeighbourDistances.between(subsample(generated, m), train);
        double[] dReal = NearestNeighbourDistances.between(subsample(heldOut, m), train);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("memorisation_ratio", mean(dGen) / mean(dReal));
        f.put("mean_nn_distance_generated", mean(dGen));
        f.put("mean_nn_distance_held_out", mean(dReal));
        f.put("median_nn_distance_generated", median(dGen));
        f.put("median_nn_distance_held_out", median(dReal));
        f.put("n_queries", m);
        f.put("n_train", train.rows());
        f.put("definition", "mean Euclidean distance (domain-cnn features) generated -> nearest training image, "
                + "divided by the same for held-out images; queries: first min(500, N) of a SplitMix64(0) "
                + "permutation of each set");
        return f;
    }

    static DenseMatrix subsample(DenseMatrix x, int m) {
        if (m >= x.rows()) {
            return x;
        }
        int[] order = new SplitMix64(SEED).permutation(x.rows());
        double[] d = new double[m * x.cols()];
        for (int i = 0; i < m; i++) {
            System.arraycopy(x.data(), order[i] * x.cols(), d, i * x.cols(), x.cols());
        }
        return new DenseMatrix(x.name(), m, x.cols(), d);
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
