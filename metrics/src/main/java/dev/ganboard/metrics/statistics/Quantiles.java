package dev.ganboard.metrics.statistics;

import java.util.Arrays;

/** Quantiles with linear interpolation between order statistics (numpy's default, Hyndman-Fan type 7). */
public final class Quantiles {
    private Quantiles() {
    }

    /** q in [0, 1] of already sorted values. */
    public static double ofSorted(double[] sorted, double q) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("quantile of no values");
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return interpolate(sorted[lo], sorted[hi], pos - lo);
    }

    /**
     * a + (b - a) * fraction, also for infinite values (a diverged run's worst value): an infinite end counts when
     * the fraction reaches it, and equal ends give that value rather than NaN.
     */
    static double interpolate(double a, double b, double fraction) {
        if (fraction == 0 || a == b) {
            return a;
        }
        if (Double.isInfinite(a) || Double.isInfinite(b)) {
            return Double.isInfinite(b) ? b : a;
        }
        return a + (b - a) * fraction;
    }

    public static double of(double[] values, double q) {
        return ofSorted(sortedCopy(values), q);
    }

    public static double median(double[] values) {
        return of(values, 0.5);
    }

    static double[] sortedCopy(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s;
    }

    /**
     * Values for a rank-based statistic: infinities are allowed (a run that diverged takes the worst value, which
     * ranks last), NaN is not (it has no place in an order).
     */
    static void requireRankable(String what, double[] values, int min) {
        if (values.length < min) {
            throw new IllegalArgumentException(what + " needs at least " + min + " value(s), got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                throw new IllegalArgumentException(what + ": value " + i + " is NaN");
            }
        }
    }

    static void requireValues(String what, double[] values, int min) {
        if (values.length < min) {
            throw new IllegalArgumentException(what + " needs at least " + min + " value(s), got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(what + ": value " + i + " is " + values[i]);
            }
        }
    }
}
