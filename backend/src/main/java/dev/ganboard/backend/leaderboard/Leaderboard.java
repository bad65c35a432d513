package dev.ganboard.backend.leaderboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A project's variants compared on one metric across seeds (Lucic et al. 2018): per-variant distributions,
 * pairwise significance and the expected best value among k runs.
 *
 * @param rows        best first by mean (over finite runs; variants without one last)
 * @param comparisons every pair of variants with at least two seeds each, Holm-corrected
 * @param budget      per variant, E[best of k random runs] for k = 1..n with a bootstrap band
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Leaderboard(String metric, String extractor, String policy, boolean optimistic, String direction,
                          List<Row> rows, List<Comparison> comparisons, Map<String, List<BudgetPoint>> budget,
                          List<String> metrics, List<String> extractors) {

    /**
     * One variant. {@code runs}: every run of the variant on this board, {@code diverged} of them diverged
     * ({@link DivergedRuns}). A diverged run takes the worst value (+&infin; where lower is better, &minus;&infin;
     * where higher is) in the rank-based statistics (median, quartiles, IQR, min, max, the pairwise tests and the
     * budget curve) under "final", and under any policy when it has no value of its own; {@code mean} and {@code std}
     * are over the {@code meanOver} runs with a finite value ({@code mean} is absent when there is none).
     * {@code collapseRate} counts diverged runs as collapsed. {@code others}: means of the other metrics at the same
     * chosen checkpoints.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(String variant, int runs, int diverged, int meanOver, Double mean, Double std, double median,
                      double q1, double q3, double iqr, double min, double max, double collapseRate,
                      List<SeedValue> seeds, Map<String, Double> others) {
    }

    /**
     * The value a run contributes, from the checkpoint the policy chose; a diverged run that takes the worst value
     * has an infinite value and no step.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SeedValue(long runId, Long seed, Long step, double value, boolean diverged) {
    }

    public record Comparison(String a, String b, int nA, int nB, double pValue, double adjustedPValue,
                             double probABetter, String test, boolean significant, String winner, String verdict) {
    }

    public record BudgetPoint(int k, double expectedBest, double lo, double hi) {
    }
}
