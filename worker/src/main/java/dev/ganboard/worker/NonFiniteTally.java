package dev.ganboard.worker;

/**
 * Counts the samples with a NaN or infinite value, batch by batch or over a whole array, so that a diverged
 * checkpoint is reported with the fraction of non-finite samples and the first of them ({@link DivergedSamples}).
 */
public final class NonFiniteTally {
    private int samples;
    private int nonFiniteSamples;
    private int firstSample = -1;
    private long nanValues;
    private long infiniteValues;

    /** Fails with {@link DivergedSamples} if any of {@code rows} samples of {@code dim} values is not finite. */
    public static void requireFinite(double[] values, int rows, int dim, String label) {
        NonFiniteTally tally = new NonFiniteTally();
        tally.add(values, rows, dim);
        tally.throwIfDiverged(label);
    }

    /** The next {@code rows} samples, {@code dim} values each, row-major. */
    public void add(double[] values, int rows, int dim) {
        for (int r = 0; r < rows; r++) {
            boolean finite = true;
            for (int i = r * dim, end = i + dim; i < end; i++) {
                double v = values[i];
                if (Double.isNaN(v)) {
                    nanValues++;
                    finite = false;
                } else if (Double.isInfinite(v)) {
                    infiniteValues++;
                    finite = false;
                }
            }
            count(finite);
        }
    }

    /** The same for float values, e.g. a generator's batch. */
    public void add(float[] values, int rows, int dim) {
        for (int r = 0; r < rows; r++) {
            boolean finite = true;
            for (int i = r * dim, end = i + dim; i < end; i++) {
                float v = values[i];
                if (Float.isNaN(v)) {
                    nanValues++;
                    finite = false;
                } else if (Float.isInfinite(v)) {
                    infiniteValues++;
                    finite = false;
                }
            }
            count(finite);
        }
    }

    private void count(boolean finite) {
        if (!finite) {
            nonFiniteSamples++;
            if (firstSample < 0) {
                firstSample = samples;
            }
        }
        samples++;
    }

    public boolean diverged() {
        return nonFiniteSamples > 0;
    }

    public void throwIfDiverged(String label) {
        if (diverged()) {
            throw new DivergedSamples(label, samples, nonFiniteSamples, firstSample, nanValues, infiniteValues);
        }
    }
}
