package dev.ganboard.demo.data;

import dev.ganboard.metrics.modes.Mixture;
import java.util.random.RandomGenerator;

/**
 * Training batches from a 2-D Gaussian mixture (the metrics module's mode definitions): per point a mode drawn
 * uniformly, then centre + sigma * N(0, 1) per coordinate.
 */
public final class MixtureSampler {
    private final double[][] modes;
    private final double sigma;
    private final RandomGenerator rng;

    public MixtureSampler(Mixture mixture, RandomGenerator rng) {
        this.modes = mixture.modes();
        this.sigma = mixture.sigma();
        this.rng = rng;
    }

    /** n points, row-major [n, 2]. */
    public float[] sample(int n) {
        float[] out = new float[2 * n];
        for (int i = 0; i < n; i++) {
            double[] c = modes[rng.nextInt(modes.length)];
            out[2 * i] = (float) (c[0] + sigma * rng.nextGaussian());
            out[2 * i + 1] = (float) (c[1] + sigma * rng.nextGaussian());
        }
        return out;
    }
}
