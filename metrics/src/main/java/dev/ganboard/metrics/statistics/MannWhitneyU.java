package dev.ganboard.metrics.statistics;

import org.apache.commons.math3.special.Erf;

import java.util.Arrays;

/**
 * Two-sided Mann-Whitney U (Wilcoxon rank-sum) test, as scipy.stats.mannwhitneyu computes it:
 * U_A = R_A - n_A (n_A + 1) / 2 with mid-ranks for ties, and p = 2 P(U >= max(U_A, U_B)), clipped to 1.
 * <ul>
 *   <li>exact: the null distribution of U counted by recursion (no ties only);</li>
 *   <li>asymptotic: normal approximation with tie correction and continuity correction 0.5.</li>
 * </ul>
 * Only the order of the values counts, so infinities are allowed (ties among equal ones); NaN is refused.
 * {@link Method#AUTO} takes the exact distribution when there are no ties and n_A n_B <= 10,000 (every realistic
 * number of seeds) - note scipy's own "auto" uses it only when a sample has at most 8 values.
 */
public final class MannWhitneyU {
    static final int EXACT_MAX_PRODUCT = 10_000;

    public enum Method { AUTO, EXACT, ASYMPTOTIC }

    private MannWhitneyU() {
    }

    public static MannWhitneyResult test(double[] a, double[] b) {
        return test(a, b, Method.AUTO);
    }

    public static MannWhitneyResult test(double[] a, double[] b, Method method) {
        Quantiles.requireRankable("Mann-Whitney U (sample A)", a, 1);
        Quantiles.requireRankable("Mann-Whitney U (sample B)", b, 1);
        int n1 = a.length;
        int n2 = b.length;
        int n = n1 + n2;
        double[] all = new double[n];
        System.arraycopy(a, 0, all, 0, n1);
        System.arraycopy(b, 0, all, n1, n2);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(all[x], all[y]));
        double[] ranks = new double[n];
        double tieTerm = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && all[order[j + 1]] == all[order[i]]) {
                j++;
            }
            double mid = (i + j + 2) / 2.0; // ranks are 1-based
            for (int t = i; t <= j; t++) {
                ranks[order[t]] = mid;
            }
            double t = j - i + 1;
            tieTerm += t * t * t - t;
            i = j + 1;
        }
        boolean ties = tieTerm > 0;
        double r1 = 0;
        for (int i = 0; i < n1; i++) {
            r1 += ranks[i];
        }
        double u1 = r1 - n1 * (n1 + 1) / 2.0;
        double u2 = (double) n1 * n2 - u1;
        double u = Math.max(u1, u2);

        Method m = method;
        if (m == Method.AUTO) {
            m = !ties && (long) n1 * n2 <= EXACT_MAX_PRODUCT ? Method.EXACT : Method.ASYMPTOTIC;
        }
        if (m == Method.EXACT && ties) {
            throw new IllegalArgumentException("the exact Mann-Whitney distribution assumes no ties");
        }
        double p;
        Double z = null;
        if (m == Method.EXACT) {
            p = 2 * exactSurvival((int) Math.round(u), n1, n2);
        } else {
            double mu = n1 * (double) n2 / 2;
            double s = Math.sqrt(n1 * (double) n2 / 12 * ((n + 1) - tieTerm / ((double) n * (n - 1))));
            double zz = (u - mu - 0.5) / s;
            if (s == 0) {
                zz = Double.NEGATIVE_INFINITY; // all values tied: no evidence of a difference
            }
            z = zz;
            p = 2 * 0.5 * Erf.erfc(zz / Math.sqrt(2));
        }
        return new MannWhitneyResult(n1, n2, u1, u2, Math.min(1.0, Math.max(0.0, p)),
                m == Method.EXACT ? "exact" : "asymptotic", z, ties);
    }

    /** P(U >= u) under the null for sample sizes n1, n2 without ties. */
    static double exactSurvival(int u, int n1, int n2) {
        int small = Math.min(n1, n2);
        int large = Math.max(n1, n2);
        int max = small * large;
        if (u <= 0) {
            return 1.0;
        }
        if (u > max) {
            return 0.0;
        }
        return SURVIVAL.computeIfAbsent((long) small << 32 | large, key -> survivalTable(small, large))[u];
    }

    /** The exact null distribution depends only on the sample sizes: computed once per (n1, n2), then looked up. */
    private static final java.util.Map<Long, double[]> SURVIVAL = new java.util.concurrent.ConcurrentHashMap<>();

    /** table[u] = P(U >= u) for u = 0..n1*n2. */
    private static double[] survivalTable(int small, int large) {
        int max = small * large;
        // f[i][v]: arrangements of i "small" items among j "large" ones with U = v, built up over j.
        double[][] f = new double[small + 1][max + 1];
        for (int i = 0; i <= small; i++) {
            f[i][0] = 1; // j = 0: only U = 0
        }
        for (int j = 1; j <= large; j++) {
            for (int i = 1; i <= small; i++) {
                // the largest element is a "small" item (beats all j large ones) or a "large" one
                double[] fi = f[i];
                double[] prev = f[i - 1];
                for (int v = Math.min(max, i * j); v >= j; v--) {
                    fi[v] += prev[v - j];
                }
            }
        }
        double[] counts = f[small];
        double total = 0;
        for (double c : counts) {
            total += c;
        }
        double[] survival = new double[max + 2];
        for (int v = max; v >= 0; v--) {
            survival[v] = survival[v + 1] + counts[v] / total;
        }
        return survival;
    }
}
