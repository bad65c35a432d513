package dev.ganboard.worker;

import dev.ganboard.metrics.core.DenseMatrix;

/**
 * Generated samples ready for the suite, whichever way they came (an uploaded samples file or a TorchScript
 * generator sampled by the worker).
 *
 * @param samples    one sample per row: points [N, D], or images flattened C*H*W in [0, 1]
 * @param labels     the class of each sample for class-conditional generators, else null
 * @param imageShape {C, H, W} for images, null for points
 * @param totalRows  how many samples the source held (at most {@code samples.rows()} are evaluated)
 * @param source     where they came from in words, e.g. the dtype of an uploaded array or "torchscript"
 */
public record GeneratedSamples(DenseMatrix samples, int[] labels, int[] imageShape, int totalRows, String source) {
    public GeneratedSamples {
        if (labels != null && labels.length != samples.rows()) {
            throw new IllegalArgumentException(labels.length + " labels for " + samples.rows() + " samples");
        }
        if (imageShape != null && imageShape.length != 3) {
            throw new IllegalArgumentException("an image shape is {C, H, W}");
        }
    }

    public static GeneratedSamples points(DenseMatrix samples, int totalRows, String source) {
        return new GeneratedSamples(samples, null, null, totalRows, source);
    }

    public boolean images() {
        return imageShape != null;
    }

    public boolean conditional() {
        return labels != null;
    }
}
