package dev.ganboard.metrics.kid;

import dev.ganboard.metrics.core.MetricResult;

import java.util.LinkedHashMap;
import java.util.Map;

/** KID mean and (population, ddof = 0) std over the subsets, with the kernel and sampling convention. */
public record KidResult(double mean, double std, int subsets, int subsetSize, long seed, int nReal, int nFake,
                        int dim) implements MetricResult {

    @Override
    public String metric() {
        return "kid";
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kid_mean", mean);
        m.put("kid_std", std);
        m.put("n_real", nReal);
        m.put("n_fake", nFake);
        m.put("dim", dim);
        m.put("subsets", subsets);
        m.put("subset_size", subsetSize);
        m.put("seed", seed);
        m.put("estimator", "unbiased");
        m.put("kernel", "(x.y/dim + 1)^3");
        m.put("std_ddof", 0);
        return m;
    }
}
