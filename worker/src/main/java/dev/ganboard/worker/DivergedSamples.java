package dev.ganboard.worker;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Samples that are not all finite: the generator diverged. This is a result, not an error: the pipeline stores the
 * checkpoint's evaluation with status "diverged", flagged collapsed, with the fraction of non-finite samples and the
 * first offending sample ({@link #metrics()}), and sends nothing to the dead-letter topic.
 */
public final class DivergedSamples extends RuntimeException {
    /** Stored with the verdict, so a reader knows what "diverged" means. */
    public static final String RULE = "diverged: at least one sample has a NaN or infinite value; a diverged "
            + "checkpoint counts as collapsed and has no other metrics";

    private final int samples;
    private final int nonFiniteSamples;
    private final int firstSample;
    private final long nanValues;
    private final long infiniteValues;

    DivergedSamples(String label, int samples, int nonFiniteSamples, int firstSample, long nanValues,
                    long infiniteValues) {
        super(message(label, samples, nonFiniteSamples, firstSample, nanValues, infiniteValues));
        this.samples = samples;
        this.nonFiniteSamples = nonFiniteSamples;
        this.firstSample = firstSample;
        this.nanValues = nanValues;
        this.infiniteValues = infiniteValues;
    }

    private static String message(String label, int samples, int nonFinite, int first, long nan, long inf) {
        return String.format(Locale.ROOT, "%s: diverged: %d of %d samples (%s) are not finite (%d NaN and %d "
                + "infinite values), the first is sample %d", label, nonFinite, samples,
                percent((double) nonFinite / samples), nan, inf, first);
    }

    /** "25 %", "0.4 %", "33.3 %": three significant digits, no trailing zeros. */
    private static String percent(double fraction) {
        return new BigDecimal(100 * fraction).round(new MathContext(3)).stripTrailingZeros().toPlainString() + " %";
    }

    public int samples() {
        return samples;
    }

    public int nonFiniteSamples() {
        return nonFiniteSamples;
    }

    public int firstSample() {
        return firstSample;
    }

    public double nonFiniteFraction() {
        return (double) nonFiniteSamples / samples;
    }

    /** The evaluation's metrics: the verdict flat (as tables and the leaderboard read it), the counts in details. */
    public Map<String, Object> metrics() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("diverged", true);
        m.put("collapsed", true);
        m.put("non_finite_fraction", nonFiniteFraction());
        m.put("first_non_finite_sample", firstSample);
        Map<String, Object> divergence = new LinkedHashMap<>();
        divergence.put("n_samples", samples);
        divergence.put("non_finite_samples", nonFiniteSamples);
        divergence.put("first_non_finite_sample", firstSample);
        divergence.put("nan_values", nanValues);
        divergence.put("infinite_values", infiniteValues);
        divergence.put("rule", RULE);
        m.put("details", Map.of("divergence", divergence));
        return m;
    }
}
