package dev.ganboard.worker.generator;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.worker.DivergedSamples;
import dev.ganboard.worker.EvaluationFailure;
import dev.ganboard.worker.NonFiniteTally;
import dev.ganboard.worker.GeneratedSamples;
import java.util.Arrays;
import java.util.Locale;

/**
 * Checks each batch a generator returns and gathers the samples for the suite. Outputs [B, C, H, W] and [B, H, W]
 * are images (values in the declared range, mapped to [0, 1], flattened C*H*W); [B, D] are points, kept as they
 * are. Every batch must have the shape of the first; images outside the declared range by more than its tolerance
 * fail the evaluation with counts. Samples with NaN or infinite values are counted over all the samples drawn and
 * make the checkpoint diverged ({@link DivergedSamples}).
 */
final class SampleCollector {
    private final GeneratorSpec spec;
    private final String label;
    private long[] sampleShape;
    private int[] imageShape;
    private int dim;
    private double[] data;
    private int[] labels;
    private int rows;
    private final NonFiniteTally nonFinite = new NonFiniteTally();

    SampleCollector(GeneratorSpec spec, String label) {
        this.spec = spec;
        this.label = label;
    }

    void add(LatentStream.Batch batch, TorchScriptModule.Output out) {
        long[] shape = out.shape();
        if (sampleShape == null) {
            layout(shape, batch.rows());
        } else if (shape.length == 0 || shape[0] != batch.rows()
                || !Arrays.equals(Arrays.copyOfRange(shape, 1, shape.length), sampleShape)) {
            throw failure("the generator's output shape changed: " + show(shape) + " for samples "
                    + range(batch) + ", expected " + show(batch.rows(), sampleShape) + " as in the first batch");
        }
        float[] v = out.values();
        nonFinite.add(v, batch.rows(), dim);
        if (nonFinite.diverged()) {
            rows += batch.rows(); // from here on the samples are only counted: the checkpoint diverged
            return;
        }
        int offset = rows * dim;
        if (imageShape != null) {
            requireInRange(v, batch);
            OutputRange r = spec.outputRange();
            for (int i = 0; i < v.length; i++) {
                data[offset + i] = r.toUnit(v[i]);
            }
        } else {
            for (int i = 0; i < v.length; i++) {
                data[offset + i] = v[i];
            }
        }
        if (labels != null) {
            for (int i = 0; i < batch.rows(); i++) {
                labels[rows + i] = (int) batch.labels()[i];
            }
        }
        rows += batch.rows();
    }

    /** The samples drawn; {@link DivergedSamples} when any of them is not finite. */
    GeneratedSamples samples(String source) {
        nonFinite.throwIfDiverged(label);
        DenseMatrix m = new DenseMatrix("generated samples", rows, dim, rows * dim == data.length ? data
                : Arrays.copyOf(data, rows * dim));
        return new GeneratedSamples(m, labels, imageShape, rows, source);
    }

    private void layout(long[] shape, int batchRows) {
        if (shape.length < 2 || shape.length > 4 || shape[0] != batchRows) {
            throw failure("wrong output shape " + show(shape) + " for a batch of " + batchRows + " latent vectors; "
                    + "expected [" + batchRows + ", C, H, W] or [" + batchRows + ", H, W] (images) or ["
                    + batchRows + ", D] (points)");
        }
        sampleShape = Arrays.copyOfRange(shape, 1, shape.length);
        long d = 1;
        for (long s : sampleShape) {
            if (s < 1) {
                throw failure("wrong output shape " + show(shape) + ": an empty sample dimension");
            }
            d *= s;
        }
        if (d * spec.samples() > Integer.MAX_VALUE - 8) {
            throw failure(spec.samples() + " samples of " + d + " values (output " + show(shape) + ") are too many "
                    + "to evaluate at once; ask for fewer with n_samples");
        }
        dim = (int) d;
        if (shape.length == 3) {
            imageShape = new int[] {1, (int) shape[1], (int) shape[2]};
        } else if (shape.length == 4) {
            imageShape = new int[] {(int) shape[1], (int) shape[2], (int) shape[3]};
        }
        data = new double[spec.samples() * dim];
        labels = spec.conditional() ? new int[spec.samples()] : null;
    }

    private void requireInRange(float[] v, LatentStream.Batch batch) {
        OutputRange r = spec.outputRange();
        double lo = r.low() - r.tolerance();
        double hi = r.high() + r.tolerance();
        int outside = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float x : v) {
            if (x < lo || x > hi) {
                outside++;
            }
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        if (outside > 0) {
            throw failure(String.format(Locale.ROOT, "the generator's output is outside the declared output_range "
                    + "%s: %d of the %d values of samples %s lie beyond [%s, %s] (min %.4g, max %.4g)", r.text(),
                    outside, v.length, range(batch), fmt(lo), fmt(hi), min, max));
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String range(LatentStream.Batch b) {
        return b.first() + ".." + (b.first() + b.rows() - 1);
    }

    private static String show(long[] shape) {
        return Arrays.toString(shape);
    }

    private static String show(long rows, long[] sampleShape) {
        long[] s = new long[sampleShape.length + 1];
        s[0] = rows;
        System.arraycopy(sampleShape, 0, s, 1, sampleShape.length);
        return show(s);
    }

    private EvaluationFailure failure(String message) {
        return new EvaluationFailure(label + ": " + message);
    }
}
