package dev.ganboard.metrics.statistics;

import dev.ganboard.metrics.core.SplitMix64;
import org.apache.commons.math3.util.CombinatoricsUtils;

/**
 * "If I train k seeds and keep the best, what do I get?" - exactly, from order statistics of the n observed
 * runs: the best of a uniformly random k-subset (without replacement) is the i-th best run with probability
 * C(n - i, k - 1) / C(n, k), so E[best of k] = sum_i C(n - i, k - 1) / C(n, k) * x_(i), x_(1) the best.
 * The band resamples the n runs with replacement ({@code resamples} times, seeded) and takes percentiles of the
 * recomputed curve. A worst value may be infinite (a diverged run): E[best of k] is then infinite exactly for the k
 * whose random subsets can consist of such runs alone.
 */
public final class ExpectedBestOfK {
    public static final int DEFAULT_RESAMPLES = 1000;
    public static final double DEFAULT_LEVEL = 0.95;

    private ExpectedBestOfK() {
    }

    /** E[best of k] for k = 1..n. */
    public static double[] expected(double[] values, Direction direction) {
        Quantiles.requireRankable("expected best-of-k", values, 1);
        return expectedFromBestFirst(bestFirst(values, direction));
    }

    public static BestOfKCurve curve(double[] values, Direction direction, int resamples, double level, long seed) {
        Quantiles.requireRankable("expected best-of-k", values, 1);
        if (resamples < 1 || !(level > 0 && level < 1)) {
            throw new IllegalArgumentException("need resamples >= 1 and 0 < level < 1");
        }
        int n = values.length;
        double[] expected = expected(values, direction);
        double[][] boot = new double[n][resamples];
        SplitMix64 rng = new SplitMix64(seed);
        // A resample is a multiset of the observed runs: count how often each rank is drawn and lay the draws out
        // best first, instead of sorting every resample (the same samples, an order of magnitude cheaper).
        double[] best = bestFirst(values, direction);
        int[] rankOf = ranksBestFirst(values, best);
        int[] drawn = new int[n];
        double[] sample = new double[n];
        for (int b = 0; b < resamples; b++) {
            java.util.Arrays.fill(drawn, 0);
            for (int i = 0; i < n; i++) {
                drawn[rankOf[rng.nextInt(n)]]++;
            }
            for (int rank = 0, at = 0; rank < n; rank++) {
                for (int c = drawn[rank]; c > 0; c--) {
                    sample[at++] = best[rank];
                }
            }
            double[] e = expectedFromBestFirst(sample);
            for (int k = 0; k < n; k++) {
                boot[k][b] = e[k];
            }
        }
        double[] lower = new double[n];
        double[] upper = new double[n];
        int[] ks = new int[n];
        // two tail quantiles per k, from the few order statistics they need rather than a sort of the resamples
        for (int k = 0; k < n; k++) {
            ks[k] = k + 1;
            lower[k] = TailQuantiles.of(boot[k], (1 - level) / 2);
            upper[k] = TailQuantiles.of(boot[k], (1 + level) / 2);
        }
        return new BestOfKCurve(ks, expected, lower, upper, direction, level, resamples, seed);
    }

    /** For each value, a position it takes in the best-first order (tied values share equal entries anyway). */
    private static int[] ranksBestFirst(double[] values, double[] best) {
        int n = values.length;
        java.util.Map<Double, Integer> firstRank = new java.util.HashMap<>();
        for (int r = n - 1; r >= 0; r--) {
            firstRank.put(best[r], r);
        }
        int[] rankOf = new int[n];
        for (int i = 0; i < n; i++) {
            rankOf[i] = firstRank.get(values[i]);
        }
        return rankOf;
    }

    private static double[] bestFirst(double[] values, Direction direction) {
        double[] s = Quantiles.sortedCopy(values);
        if (direction == Direction.HIGHER_IS_BETTER) {
            for (int i = 0, j = s.length - 1; i < j; i++, j--) {
                double t = s[i];
                s[i] = s[j];
                s[j] = t;
            }
        }
        return s;
    }

    private static double[] expectedFromBestFirst(double[] x) {
        double[][] byRank = WEIGHTS.computeIfAbsent(x.length, ExpectedBestOfK::weightsByRank);
        int n = x.length;
        double[] out = new double[n];
        // rank-major, so the inner loop updates every k at once (the JIT vectorises it; a dot product per k is a
        // serial floating-point reduction it may not reorder)
        for (int i = 0; i < n; i++) {
            double[] w = byRank[i];
            double xi = x[i];
            if (Double.isInfinite(xi)) {
                for (int k = 0; k < w.length; k++) {
                    out[k] += w[k] == 0 ? 0 : xi; // the weight alone may round to 0; 0 * inf would be NaN
                }
                continue;
            }
            for (int k = 0; k < w.length; k++) {
                out[k] += w[k] * xi;
            }
        }
        return out;
    }

    /** The weights depend only on n, so a bootstrap with 1,000 resamples computes them once. */
    private static final java.util.Map<Integer, double[][]> WEIGHTS = new java.util.concurrent.ConcurrentHashMap<>();

    /** byRank[i-1][k-1] = w[k-1][i-1]: for rank i, its weight in each k it can be the best of (k <= n - i + 1). */
    private static double[][] weightsByRank(int n) {
        double[][] w = weights(n);
        double[][] byRank = new double[n][];
        for (int i = 0; i < n; i++) {
            byRank[i] = new double[n - i];
            for (int k = 0; k < n - i; k++) {
                byRank[i][k] = w[k][i];
            }
        }
        return byRank;
    }

    /** w[k-1][i-1] = C(n-i, k-1) / C(n, k), normalised to sum to 1 against rounding. */
    private static double[][] weights(int n) {
        double[][] w = new double[n][];
        for (int k = 1; k <= n; k++) {
            double logTotal = CombinatoricsUtils.binomialCoefficientLog(n, k);
            // rank i (1-based, 1 = best) is the best of the subset iff it is chosen and the other k-1 are worse
            double[] wk = new double[n - k + 1];
            double weights = 0;
            for (int i = 1; i <= n - k + 1; i++) {
                wk[i - 1] = Math.exp(CombinatoricsUtils.binomialCoefficientLog(n - i, k - 1) - logTotal);
                weights += wk[i - 1];
            }
            for (int i = 0; i < wk.length; i++) {
                wk[i] /= weights;
            }
            w[k - 1] = wk;
        }
        return w;
    }
}
