package dev.ganboard.demo.train;

import java.util.Arrays;

/**
 * Generated samples, float32, row-major [rows, cols]: cols = 2 on the mixtures, 784 for 28 x 28 images. {@code shape}
 * is the shape they are stored with ([rows, 2] or [rows, 1, 28, 28]); {@code labels}, one per row, the classes a
 * conditional generator was asked for (null when unconditional).
 */
public record Samples(float[] data, int rows, int cols, int[] shape, int[] labels) {

    public Samples {
        if (data.length != rows * cols) {
            throw new IllegalArgumentException(data.length + " values for shape [" + rows + ", " + cols + "]");
        }
        long size = 1;
        for (int d : shape) {
            size *= d;
        }
        if (shape.length == 0 || shape[0] != rows || size != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " for " + rows + " rows of " + cols);
        }
        if (labels != null && labels.length != rows) {
            throw new IllegalArgumentException(labels.length + " labels for " + rows + " samples");
        }
        shape = shape.clone();
    }

    /** Points [rows, cols] without labels. */
    public Samples(float[] data, int rows, int cols) {
        this(data, rows, cols, new int[] {rows, cols}, null);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public double[] toDoubles() {
        double[] d = new double[data.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = data[i];
        }
        return d;
    }

    public boolean allFinite() {
        for (float v : data) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
