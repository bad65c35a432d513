package dev.ganboard.metrics.statistics;

/**
 * One variant's metric over its seeds: mean, sample standard deviation (ddof = 1; null for a single seed),
 * median, quartiles and IQR (linear interpolation, numpy's default), min and max.
 */
public record SeedSummary(int n, double mean, Double std, double median, double q1, double q3, double iqr,
                          double min, double max) {

    public static SeedSummary of(double[] values) {
        Quantiles.requireValues("seed summary", values, 1);
        double[] s = Quantiles.sortedCopy(values);
        int n = s.length;
        double mean = 0;
        for (double v : s) {
            mean += v;
        }
        mean /= n;
        Double std = null;
        if (n > 1) {
            double ss = 0;
            for (double v : s) {
                ss += (v - mean) * (v - mean);
            }
            std = Math.sqrt(ss / (n - 1));
        }
        double q1 = Quantiles.ofSorted(s, 0.25);
        double q3 = Quantiles.ofSorted(s, 0.75);
        return new SeedSummary(n, mean, std, Quantiles.ofSorted(s, 0.5), q1, q3, q3 - q1, s[0], s[n - 1]);
    }
}
