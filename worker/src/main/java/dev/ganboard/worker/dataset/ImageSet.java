package dev.ganboard.worker.dataset;

import dev.ganboard.metrics.core.DenseMatrix;
import java.util.Arrays;

/**
 * Images in memory: {@code pixels} holds image i at [i * C*H*W, (i + 1) * C*H*W) in C, H, W order, values in [0, 1].
 * {@code labels} (0 .. classes - 1) may be null for unlabelled data.
 */
public record ImageSet(String name, int channels, int height, int width, float[] pixels, int[] labels) {
    public ImageSet {
        int dim = channels * height * width;
        if (dim <= 0 || pixels.length % dim != 0) {
            throw new IllegalArgumentException(name + ": " + pixels.length + " values are not whole images of "
                    + channels + "x" + height + "x" + width);
        }
        if (labels != null && labels.length != pixels.length / dim) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels for " + pixels.length / dim
                    + " images");
        }
    }

    /** Images of a samples matrix (one flattened C*H*W image per row, values in [0, 1]). */
    public static ImageSet of(DenseMatrix samples, int[] shape, int[] labels) {
        double[] d = samples.data();
        float[] p = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            p[i] = (float) d[i];
        }
        return new ImageSet(samples.name(), shape[0], shape[1], shape[2], p, labels);
    }

    public int size() {
        return pixels.length / dim();
    }

    public int dim() {
        return channels * height * width;
    }

    public int[] shape() {
        return new int[] {channels, height, width};
    }

    public String shapeText() {
        return channels + "x" + height + "x" + width;
    }

    public boolean labelled() {
        return labels != null;
    }

    /** The images at {@code rows}, in that order. */
    public ImageSet select(int[] rows, String newName) {
        int dim = dim();
        float[] p = new float[rows.length * dim];
        int[] l = labels == null ? null : new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(pixels, rows[i] * dim, p, i * dim, dim);
            if (l != null) {
                l[i] = labels[rows[i]];
            }
        }
        return new ImageSet(newName, channels, height, width, p, l);
    }

    /** The first {@code n} images (all when n >= size). */
    public ImageSet head(int n) {
        if (n >= size()) {
            return this;
        }
        return new ImageSet(name, channels, height, width, Arrays.copyOf(pixels, n * dim()),
                labels == null ? null : Arrays.copyOf(labels, n));
    }

    /** The same images with other labels (e.g. a generator's conditioning classes). */
    public ImageSet withLabels(int[] newLabels) {
        return new ImageSet(name, channels, height, width, pixels, newLabels);
    }

    /** One row per image, float64, for the metrics. */
    public DenseMatrix toMatrix() {
        double[] d = new double[pixels.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = pixels[i];
        }
        return new DenseMatrix(name, size(), dim(), d);
    }

    /** The number of classes the labels use: max + 1. */
    public int classCount() {
        int max = -1;
        if (labels != null) {
            for (int l : labels) {
                max = Math.max(max, l);
            }
        }
        return max + 1;
    }
}
