package dev.ganboard.metrics.statistics;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's (1979) step-down correction for m tests: with p-values sorted ascending, the adjusted
 * p_(i) = max_{j <= i} min(1, (m - j + 1) p_(j)). Controls the family-wise error rate like Bonferroni but rejects
 * at least as often. Results come back in the input order.
 */
public final class HolmBonferroni {
    private HolmBonferroni() {
    }

    public static double[] adjust(double[] pValues) {
        int m = pValues.length;
        for (int i = 0; i < m; i++) {
            if (!(pValues[i] >= 0 && pValues[i] <= 1)) {
                throw new IllegalArgumentException("p-value " + i + " is " + pValues[i] + ", not in [0, 1]");
            }
        }
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        double[] adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1.0, (m - rank) * pValues[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }

    public static boolean[] reject(double[] pValues, double alpha) {
        double[] adjusted = adjust(pValues);
        boolean[] out = new boolean[adjusted.length];
        for (int i = 0; i < adjusted.length; i++) {
            out[i] = adjusted[i] <= alpha;
        }
        return out;
    }
}
