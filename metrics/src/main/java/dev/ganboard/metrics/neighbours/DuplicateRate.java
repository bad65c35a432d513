package dev.ganboard.metrics.neighbours;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.prdc.NearestNeighbourDistances;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Near-duplicate rate: the fraction of generated images whose nearest other generated image (domain-cnn features)
 * is within tau, where tau is the 1st percentile of the same nearest-neighbour distances among as many held-out
 * real images. Real data therefore scores about 0.01; a generator repeating a few images scores near 1. Both sides
 * use the first min(2000, N) rows of a SplitMix64(0) permutation.
 */
public final class DuplicateRate {
    static final int SUBSAMPLE = 2000;
    static final double PERCENTILE = 0.01;

    private DuplicateRate() {
    }

    public static Map<String, Object> compute(DenseMatrix generated, DenseMatrix heldOut) {
        int m = Math.min(SUBSAMPLE, Math.min(generated.rows(), heldOut.rows()));
        double[] dGen = NearestNeighbourDistances.within(Memorisation.subsample(generated, m));
        double[] dReal = NearestNeighbourDistances.within(Memorisation.subsample(heldOut, m));
        double[] sorted = dReal.clone();
        Arrays.sort(sorted);
        double tau = sorted[(int) Math.floor(PERCENTILE * (sorted.length - 1))];
        int dup = 0;
        for (double d : dGen) {
            if (d <= tau) {
                dup++;
            }
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("duplicate_rate", (double) dup / dGen.length);
        f.put("threshold", tau);
        f.put("n", m);
        f.put("definition", "fraction of samples whose nearest other sample (domain-cnn features, Euclidean) is "
                + "<= tau; tau = 1st percentile of the same distances among as many held-out real images; first "
                + "min(2000, N) of a SplitMix64(0) permutation of each set");
        return f;
    }
}
