package dev.ganboard.metrics.modes;

import dev.ganboard.metrics.core.MetricResult;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Mode metrics of 2-D samples against a known mixture. {@code klUniform} is null (absent) when no sample is of
 * high quality: the histogram is then undefined.
 */
public record ModeCoverageResult(Mixture mixture, int modesCovered, double hqFraction, Double klUniform,
                                 int[] hqCounts, int n) implements MetricResult {

    @Override
    public String metric() {
        return "modes";
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("modes_covered", modesCovered);
        m.put("hq_fraction", hqFraction);
        m.put("kl_uniform", klUniform);
        m.put("n", n);
        m.put("mixture", mixture.id());
        m.put("n_modes", mixture.size());
        m.put("sigma", mixture.sigma());
        m.put("hq_threshold", 3 * mixture.sigma());
        m.put("hq_counts", hqCounts.clone());
        return m;
    }
}
