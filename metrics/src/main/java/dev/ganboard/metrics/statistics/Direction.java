package dev.ganboard.metrics.statistics;

import java.util.Locale;

/** Which way a metric improves: FID/KID/KL go down, IS/precision/recall/density/coverage go up. */
public enum Direction {
    LOWER_IS_BETTER,
    HIGHER_IS_BETTER;

    /** The direction of a GANBoard metric key (e.g. "fid", "is_mean", "coverage"); unknown keys are rejected. */
    public static Direction forMetric(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.startsWith("fid") || k.startsWith("kid") || k.startsWith("kl_uniform")) {
            return LOWER_IS_BETTER;
        }
        if (k.startsWith("is") || k.equals("precision") || k.equals("recall") || k.equals("density")
                || k.equals("coverage") || k.equals("modes_covered") || k.equals("hq_fraction")
                || k.startsWith("gan_train") || k.startsWith("gan_test")) {
            return HIGHER_IS_BETTER;
        }
        throw new IllegalArgumentException("no known direction for metric '" + key + "'");
    }

    /** True if {@code a} is strictly better than {@code b}. */
    public boolean better(double a, double b) {
        return this == LOWER_IS_BETTER ? a < b : a > b;
    }

    /** Maps a value so that larger is always better (negates lower-is-better values). */
    double orient(double v) {
        return this == LOWER_IS_BETTER ? -v : v;
    }
}
