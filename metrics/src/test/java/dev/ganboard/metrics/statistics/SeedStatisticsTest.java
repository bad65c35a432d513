package dev.ganboard.metrics.statistics;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeedStatisticsTest {

    @Test
    void summaryMatchesNumpy() {
        // reference_values.py: numpy mean, std(ddof=1), median, percentile 25/75 (linear)
        SeedSummary s = SeedSummary.of(new double[] {12.5, 10.25, 14.0, 11.0, 19.5, 13.75, 9.5});
        assertEquals(7, s.n());
        assertEquals(12.928571428571429, s.mean(), 1e-14);
        assertEquals(3.3625210213540107, s.std(), 1e-14);
        assertEquals(12.5, s.median(), 0);
        assertEquals(10.625, s.q1(), 1e-14);
        assertEquals(13.875, s.q3(), 1e-14);
        assertEquals(3.25, s.iqr(), 1e-14);
        assertEquals(9.5, s.min(), 0);
        assertEquals(19.5, s.max(), 0);
        assertNull(SeedSummary.of(new double[] {3}).std());
    }

    @Test
    void expectedBestOfKEqualsBruteForceOverAllSubsets() {
        double[] v = {31.2, 28.5, 40.1, 29.9, 35.0, 27.4};
        for (Direction dir : Direction.values()) {
            double[] e = ExpectedBestOfK.expected(v, dir);
            for (int k = 1; k <= v.length; k++) {
                double sum = 0;
                int count = 0;
                for (int mask = 0; mask < 1 << v.length; mask++) {
                    if (Integer.bitCount(mask) != k) {
                        continue;
                    }
                    double best = Double.NaN;
                    for (int i = 0; i < v.length; i++) {
                        if ((mask & (1 << i)) != 0 && (Double.isNaN(best) || dir.better(v[i], best))) {
                            best = v[i];
                        }
                    }
                    sum += best;
                    count++;
                }
                assertEquals(sum / count, e[k - 1], 1e-12, dir + " k=" + k);
            }
        }
        double[] lower = ExpectedBestOfK.expected(v, Direction.LOWER_IS_BETTER);
        assertEquals(java.util.Arrays.stream(v).average().orElseThrow(), lower[0], 1e-12);
        assertEquals(27.4, lower[v.length - 1], 1e-12);
    }

    @Test
    void bestOfKBandIsSeededAndBracketsTheCurve() {
        double[] v = {31.2, 28.5, 40.1, 29.9, 35.0, 27.4, 30.3, 33.3};
        BestOfKCurve c = ExpectedBestOfK.curve(v, Direction.LOWER_IS_BETTER, 2000, 0.95, 9);
        assertArrayEquals(c.upper(), ExpectedBestOfK.curve(v, Direction.LOWER_IS_BETTER, 2000, 0.95, 9).upper());
        for (int k = 0; k < v.length; k++) {
            assertTrue(c.lower()[k] <= c.expected()[k] + 1e-9 && c.expected()[k] <= c.upper()[k] + 1e-9, "k=" + k);
            if (k > 0) {
                assertTrue(c.expected()[k] <= c.expected()[k - 1]); // more seeds, better (lower) best
            }
        }
    }

    @Test
    void mannWhitneyMatchesScipy() {
        // reference_values.py: scipy.stats.mannwhitneyu(a, b, alternative='two-sided', method=...)
        double[] a = {3.1, 2.7, 4.4, 3.9, 2.2, 3.5};
        double[] b = {4.8, 5.1, 3.8, 4.9, 5.6, 4.2, 4.0};
        MannWhitneyResult exact = MannWhitneyU.test(a, b, MannWhitneyU.Method.EXACT);
        assertEquals(4.0, exact.uA(), 0);
        assertEquals(38.0, exact.uB(), 0);
        assertEquals(0.013986013986013986, exact.pValue(), 1e-15);
        assertEquals("exact", MannWhitneyU.test(a, b).method());
        MannWhitneyResult asym = MannWhitneyU.test(a, b, MannWhitneyU.Method.ASYMPTOTIC);
        assertEquals(0.01841616057630396, asym.pValue(), 1e-13);

        double[] a2 = {1, 2, 2, 3, 4, 4, 4, 5, 7, 8, 9, 9};
        double[] b2 = {3, 4, 5, 5, 6, 7, 7, 8, 9, 10, 11};
        MannWhitneyResult ties = MannWhitneyU.test(a2, b2);
        assertTrue(ties.ties());
        assertEquals("asymptotic", ties.method());
        assertEquals(38.5, ties.uA(), 0);
        assertEquals(0.09450581093034872, ties.pValue(), 1e-13);

        double[] a3 = new double[20];
        double[] b3 = new double[20];
        for (int i = 0; i < 20; i++) {
            a3[i] = i + 1;
            b3[i] = i + 1 + 7.5;
        }
        MannWhitneyResult big = MannWhitneyU.test(a3, b3, MannWhitneyU.Method.EXACT);
        assertEquals(78.0, big.uA(), 0);
        assertEquals(0.0006675619675571311, big.pValue(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> MannWhitneyU.test(a2, b2, MannWhitneyU.Method.EXACT));
    }

    @Test
    void aWorstValueOfInfinityRanksLastInEveryRankStatistic() {
        // a diverged run takes the worst value: +inf where lower is better
        double inf = Double.POSITIVE_INFINITY;
        double[] a = {1, 2, 3, inf};
        double[] stand = {1, 2, 3, 1e9}; // any finite value worse than all others gives the same ranks
        double[] b = {4, 5, 6, 7};
        MannWhitneyResult withInf = MannWhitneyU.test(a, b);
        MannWhitneyResult withStand = MannWhitneyU.test(stand, b);
        assertEquals(withStand.uA(), withInf.uA(), 0);
        assertEquals(withStand.pValue(), withInf.pValue(), 0);
        assertEquals(inf, Quantiles.ofSorted(new double[] {1, 2, inf, inf}, 0.75));
        assertEquals(2.5, Quantiles.ofSorted(new double[] {1, 2, 3, inf}, 0.5), 0);
        assertEquals(inf, Quantiles.ofSorted(new double[] {1, 2, 3, inf}, 0.9));
        assertEquals(Double.NEGATIVE_INFINITY, Quantiles.ofSorted(new double[] {Double.NEGATIVE_INFINITY, 1}, 0.5));
        assertEquals(3, Quantiles.ofSorted(new double[] {1, 2, 3, inf}, 2.0 / 3), 1e-12);

        // E[best of k] is infinite exactly while a k-subset can hold diverged runs alone: k <= 2 of them here
        double[] two = {inf, 5, 1, inf};
        double[] e = ExpectedBestOfK.expected(two, Direction.LOWER_IS_BETTER);
        assertEquals(inf, e[0]);
        assertEquals(inf, e[1]);
        assertEquals(ExpectedBestOfK.expected(new double[] {100, 5, 1, 100}, Direction.LOWER_IS_BETTER)[2], e[2], 1e-12);
        assertEquals(1, e[3], 0);
        double[] higher = ExpectedBestOfK.expected(new double[] {Double.NEGATIVE_INFINITY, 0.5, 0.9},
                Direction.HIGHER_IS_BETTER);
        assertEquals(Double.NEGATIVE_INFINITY, higher[0]);
        assertEquals(0.9, higher[2], 0);
        BestOfKCurve band = ExpectedBestOfK.curve(two, Direction.LOWER_IS_BETTER, 200, 0.95, 3);
        for (int k = 0; k < two.length; k++) {
            assertFalse(Double.isNaN(band.lower()[k]) || Double.isNaN(band.upper()[k]), "k = " + (k + 1));
        }
        assertThrows(IllegalArgumentException.class, () -> MannWhitneyU.test(new double[] {Double.NaN}, b));
    }

    @Test
    void mannWhitneyOfIdenticalSamplesIsOne() {
        double[] x = {1, 1, 1};
        assertEquals(1.0, MannWhitneyU.test(x, x).pValue());
        assertEquals(1.0, MannWhitneyU.test(new double[] {1, 2, 3}, new double[] {1.5, 2.5}).pValue(), 0);
    }

    @Test
    void holmAdjustment() {
        double[] adjusted = HolmBonferroni.adjust(new double[] {0.01, 0.04, 0.03, 0.005});
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, adjusted, 1e-15);
        boolean[] reject = HolmBonferroni.reject(new double[] {0.01, 0.04, 0.03, 0.005}, 0.05);
        assertArrayEquals(new boolean[] {true, false, false, true}, reject);
        assertEquals(1.0, HolmBonferroni.adjust(new double[] {0.6, 0.7})[0]);
    }

    @Test
    void medianDifferenceIntervalIsSeeded() {
        double[] a = {30.1, 31.5, 29.8, 32.0, 30.7, 31.1};
        double[] b = {35.2, 36.1, 34.8, 35.9, 36.4, 35.0};
        BootstrapInterval ci = MedianDifference.bootstrap(a, b, 5000, 0.95, 1);
        assertEquals(30.9 - 35.55, ci.estimate(), 1e-12);
        assertTrue(ci.upper() < 0 && ci.lower() <= ci.estimate() && ci.estimate() <= ci.upper());
        assertEquals(ci, MedianDifference.bootstrap(a, b, 5000, 0.95, 1));
    }

    @Test
    void comparisonIsDirectionAware() {
        double[] fidA = {30.1, 31.5, 29.8, 32.0, 30.7, 31.1};
        double[] fidB = {35.2, 36.1, 34.8, 35.9, 36.4, 35.0};
        VariantComparison c = VariantComparison.compare("A", fidA, "B", fidB, Direction.forMetric("fid"), 0.05, 0);
        assertEquals("A better", c.verdict());
        assertEquals(1.0, c.probABetter(), 0);
        VariantComparison is = VariantComparison.compare("A", fidA, "B", fidB, Direction.forMetric("is_mean"), 0.05, 0);
        assertEquals("B better", is.verdict());
        assertEquals(0.0, is.probABetter(), 0);
    }

    @Test
    void familyOfComparisonsIsHolmCorrected() {
        Map<String, double[]> v = new LinkedHashMap<>();
        v.put("base", new double[] {30, 31, 32, 33, 34, 35});
        v.put("same", new double[] {30.5, 31.5, 32.5, 33.5, 34.5, 35.5});
        v.put("better", new double[] {20, 21, 22, 23, 24, 25});
        List<VariantComparison> cs = VariantComparison.againstBaseline("base", v, Direction.LOWER_IS_BETTER, 0.05, 0);
        assertEquals(2, cs.size());
        assertFalse(cs.get(0).significant());
        assertEquals("A better", cs.get(1).verdict());
        assertEquals(Math.min(1, 2 * cs.get(1).test().pValue()), cs.get(1).adjustedPValue(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Direction.forMetric("loss"));
    }
}
