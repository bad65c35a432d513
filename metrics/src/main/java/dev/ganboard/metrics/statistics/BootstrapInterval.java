package dev.ganboard.metrics.statistics;

/** A point estimate with a bootstrap percentile interval at {@code level}. */
public record BootstrapInterval(double estimate, double lower, double upper, double level, int resamples,
                                long seed) {
}
