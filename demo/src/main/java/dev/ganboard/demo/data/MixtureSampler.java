package dev.ganboard.demo.data;

import dev.ganboard.metrics.modes.Mixture;
import java.util.random.RandomGenerator;

/** Training batches from a 2-D Gaussian mixture, drawn by the mixture's own rule ({@link Mixture#sample}). */
public final class MixtureSampler {
    private final Mixture mixture;
    private final RandomGenerator rng;

    public MixtureSampler(Mixture mixture, RandomGenerator rng) {
        this.mixture = mixture;
        this.rng = rng;
    }

    /** n points, row-major [n, 2]. */
    public float[] sample(int n) {
        double[] points = mixture.sample(rng, n);
        float[] out = new float[points.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) points[i];
        }
        return out;
    }
}
