package dev.ganboard.metrics.statistics;

/**
 * Expected best value among k seeds for k = 1..n, with a bootstrap percentile band:
 * {@code expected[k - 1]}, {@code lower[k - 1]}, {@code upper[k - 1]}.
 */
public record BestOfKCurve(int[] k, double[] expected, double[] lower, double[] upper, Direction direction,
                           double level, int resamples, long seed) {
}
