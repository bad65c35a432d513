package dev.ganboard.demo.image;

import java.util.random.RandomGenerator;

/** Seeded minibatches of images (uniform with replacement, like the mixtures' fresh samples) with their labels. */
public final class ImageBatches {
    private final ImageDataset data;
    private final RandomGenerator rng;

    public ImageBatches(ImageDataset data, RandomGenerator rng) {
        this.data = data;
        this.rng = rng;
    }

    /** A batch: pixels [n, 784] in [-1, 1], labels [n]. */
    public record Batch(float[] pixels, int[] labels) {
    }

    public Batch next(int n) {
        float[] pixels = new float[n * ImageDataset.PIXELS];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int k = rng.nextInt(data.size());
            data.image(k, pixels, i * ImageDataset.PIXELS);
            labels[i] = data.label(k);
        }
        return new Batch(pixels, labels);
    }
}
