package dev.ganboard.worker.generator;

import dev.ganboard.metrics.core.SplitMix64;

/**
 * The generator's inputs, made on the Java side so they are the same on every machine, device and batch size:
 * z of sample i is the i-th block of {@code latentSize} values of {@code SplitMix64(seed).nextGaussian()} (as
 * float32), and the class of sample i is {@code i mod numClasses} (balanced). Batches must be drawn in order.
 */
final class LatentStream {
    private final SplitMix64 rng;
    private final int latentSize;
    private final int numClasses;
    private long drawn;

    /** One batch of inputs: z row-major [rows, latentSize], and the classes (null when unconditional). */
    record Batch(long first, int rows, float[] z, long[] labels) {
    }

    LatentStream(long seed, int latentSize, int numClasses) {
        this.rng = new SplitMix64(seed);
        this.latentSize = latentSize;
        this.numClasses = numClasses;
    }

    Batch next(int rows) {
        float[] z = new float[rows * latentSize];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) rng.nextGaussian();
        }
        long[] labels = null;
        if (numClasses > 0) {
            labels = new long[rows];
            for (int i = 0; i < rows; i++) {
                labels[i] = (drawn + i) % numClasses;
            }
        }
        Batch b = new Batch(drawn, rows, z, labels);
        drawn += rows;
        return b;
    }
}
