package dev.ganboard.metrics.statistics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Does variant A differ from variant B across seeds? The Mann-Whitney U test (two-sided), the probability that
 * a random seed of A beats a random seed of B (ties count 1/2; 0.5 = no difference), and a bootstrap interval
 * of the median difference - all direction-aware for the verdict.
 *
 * @param probABetter         P(a better than b) + P(tie) / 2 over seed pairs, "better" per {@code direction}
 * @param adjustedPValue      Holm-adjusted p-value when part of a family of comparisons, else the raw p-value
 * @param significant         adjustedPValue <= alpha
 * @param verdict             "A better", "B better" or "no significant difference"
 */
public record VariantComparison(String a, String b, Direction direction, SeedSummary summaryA,
                                SeedSummary summaryB, MannWhitneyResult test, double probABetter,
                                BootstrapInterval medianDifference, double alpha, double adjustedPValue,
                                boolean significant, String verdict) {

    public static final double DEFAULT_ALPHA = 0.05;

    public static VariantComparison compare(String nameA, double[] a, String nameB, double[] b, Direction direction,
                                            double alpha, long seed) {
        MannWhitneyResult test = MannWhitneyU.test(a, b);
        BootstrapInterval ci = MedianDifference.bootstrap(a, b, MedianDifference.DEFAULT_RESAMPLES, 0.95, seed);
        return of(nameA, a, nameB, b, direction, test, ci, alpha, test.pValue());
    }

    /**
     * Compares every variant with {@code baseline}, correcting the p-values for the number of comparisons
     * (Holm-Bonferroni). Returned in the iteration order of {@code variants}, baseline excluded.
     */
    public static List<VariantComparison> againstBaseline(String baseline, Map<String, double[]> variants,
                                                          Direction direction, double alpha, long seed) {
        double[] base = variants.get(baseline);
        if (base == null) {
            throw new IllegalArgumentException("baseline '" + baseline + "' is not among " + variants.keySet());
        }
        Map<String, MannWhitneyResult> tests = new LinkedHashMap<>();
        for (var e : variants.entrySet()) {
            if (!e.getKey().equals(baseline)) {
                tests.put(e.getKey(), MannWhitneyU.test(e.getValue(), base));
            }
        }
        double[] p = tests.values().stream().mapToDouble(MannWhitneyResult::pValue).toArray();
        double[] adjusted = HolmBonferroni.adjust(p);
        List<VariantComparison> out = new ArrayList<>();
        int i = 0;
        for (var e : tests.entrySet()) {
            double[] values = variants.get(e.getKey());
            BootstrapInterval ci = MedianDifference.bootstrap(values, base, MedianDifference.DEFAULT_RESAMPLES,
                    0.95, seed);
            out.add(of(e.getKey(), values, baseline, base, direction, e.getValue(), ci, alpha, adjusted[i++]));
        }
        return out;
    }

    private static VariantComparison of(String nameA, double[] a, String nameB, double[] b, Direction direction,
                                        MannWhitneyResult test, BootstrapInterval ci, double alpha,
                                        double adjustedP) {
        double pairs = (double) a.length * b.length;
        double probABetter = direction == Direction.HIGHER_IS_BETTER ? test.uA() / pairs : test.uB() / pairs;
        boolean significant = adjustedP <= alpha;
        String verdict = !significant ? "no significant difference"
                : probABetter > 0.5 ? "A better" : probABetter < 0.5 ? "B better" : "no significant difference";
        return new VariantComparison(nameA, nameB, direction, SeedSummary.of(a), SeedSummary.of(b), test,
                probABetter, ci, alpha, adjustedP, significant, verdict);
    }
}
