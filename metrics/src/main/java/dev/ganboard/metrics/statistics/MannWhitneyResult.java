package dev.ganboard.metrics.statistics;

/**
 * Two-sided Mann-Whitney U test of A vs B. {@code uA} counts pairs with a > b (ties 1/2), as scipy's statistic;
 * {@code z} is null for the exact method.
 */
public record MannWhitneyResult(int nA, int nB, double uA, double uB, double pValue, String method, Double z,
                                boolean ties) {
}
