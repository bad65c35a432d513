package dev.ganboard.metrics.fid;

import dev.ganboard.metrics.core.MetricResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * FID = ||mu_r - mu_f||^2 + tr(S_r) + tr(S_f) - 2 tr sqrt(S_r S_f), with its parts and convention: float64
 * statistics, covariance ddof = 1, trace term from symmetric eigenvalues ({@code traceMethod}).
 * {@code warnings} is empty unless the number needs a caveat (rank-deficient or singular covariances).
 */
public record FidResult(double fid, double meanTerm, double traceReal, double traceFake, double traceSqrtProduct,
                        int nReal, int nFake, int dim, String traceMethod, double minEigenvalueRatio,
                        List<String> warnings) implements MetricResult {

    public static final int COV_DDOF = 1;

    @Override
    public String metric() {
        return "fid";
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fid", fid);
        m.put("n_real", nReal < 0 ? null : nReal);
        m.put("n_fake", nFake < 0 ? null : nFake);
        m.put("dim", dim);
        m.put("mean_term", meanTerm);
        m.put("trace_real", traceReal);
        m.put("trace_fake", traceFake);
        m.put("trace_sqrt_product", traceSqrtProduct);
        m.put("cov_ddof", COV_DDOF);
        m.put("dtype", "float64");
        m.put("trace_method", traceMethod);
        m.put("min_eigenvalue_ratio", minEigenvalueRatio);
        m.put("warnings", warnings);
        return m;
    }
}
