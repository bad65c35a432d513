package dev.ganboard.metrics.prdc;

import dev.ganboard.metrics.core.MetricResult;

import java.util.LinkedHashMap;
import java.util.Map;

/** Precision and recall (k-NN balls, {@code <=}) and density and coverage ({@code <}), with their k. */
public record PrdcResult(double precision, double recall, double density, double coverage, int kPr, int kDc,
                         int nReal, int nFake, int dim) implements MetricResult {

    @Override
    public String metric() {
        return "prdc";
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("precision", precision);
        m.put("recall", recall);
        m.put("density", density);
        m.put("coverage", coverage);
        m.put("n_real", nReal);
        m.put("n_fake", nFake);
        m.put("dim", dim);
        m.put("k_pr", kPr);
        m.put("k_dc", kDc);
        m.put("pr_ball", "distance <= k-th neighbour radius");
        m.put("dc_ball", "distance < k-th neighbour radius");
        m.put("distance", "euclidean, float64");
        return m;
    }
}
