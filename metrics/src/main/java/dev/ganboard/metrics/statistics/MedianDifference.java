package dev.ganboard.metrics.statistics;

import dev.ganboard.metrics.core.SplitMix64;

/**
 * median(A) - median(B) with a bootstrap percentile interval: A and B are resampled independently with
 * replacement ({@code resamples} times, seeded) and the interval is the central {@code level} of the resampled
 * differences. An interval excluding 0 is evidence of a real difference.
 */
public final class MedianDifference {
    public static final int DEFAULT_RESAMPLES = 10_000;

    private MedianDifference() {
    }

    public static BootstrapInterval bootstrap(double[] a, double[] b, int resamples, double level, long seed) {
        Quantiles.requireValues("median difference (sample A)", a, 1);
        Quantiles.requireValues("median difference (sample B)", b, 1);
        if (resamples < 1 || !(level > 0 && level < 1)) {
            throw new IllegalArgumentException("need resamples >= 1 and 0 < level < 1");
        }
        SplitMix64 rng = new SplitMix64(seed);
        double[] diffs = new double[resamples];
        double[] ra = new double[a.length];
        double[] rb = new double[b.length];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < a.length; i++) {
                ra[i] = a[rng.nextInt(a.length)];
            }
            for (int i = 0; i < b.length; i++) {
                rb[i] = b[rng.nextInt(b.length)];
            }
            diffs[r] = Quantiles.median(ra) - Quantiles.median(rb);
        }
        double[] s = Quantiles.sortedCopy(diffs);
        return new BootstrapInterval(Quantiles.median(a) - Quantiles.median(b),
                Quantiles.ofSorted(s, (1 - level) / 2), Quantiles.ofSorted(s, (1 + level) / 2), level, resamples, seed);
    }
}
