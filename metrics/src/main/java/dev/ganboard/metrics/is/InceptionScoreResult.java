package dev.ganboard.metrics.is;

import dev.ganboard.metrics.core.MetricResult;

import java.util.LinkedHashMap;
import java.util.Map;

/** IS mean and (population, ddof = 0) standard deviation over the splits, with the split convention. */
public record InceptionScoreResult(double mean, double std, double[] splitScores, int n, int classes, int splits,
                                   long seed) implements MetricResult {

    @Override
    public String metric() {
        return "is";
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("is_mean", mean);
        m.put("is_std", std);
        m.put("n", n);
        m.put("classes", classes);
        m.put("splits", splits);
        m.put("seed", seed);
        m.put("std_ddof", 0);
        m.put("split_scores", splitScores.clone());
        return m;
    }
}
