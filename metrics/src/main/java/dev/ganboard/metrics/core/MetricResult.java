package dev.ganboard.metrics.core;

import java.util.Map;

/**
 * The outcome of a metric: its values together with the convention they were computed under (covariance ddof,
 * k, subset sizes, seeds...), so that whoever stores the number stores how it was obtained.
 */
public interface MetricResult {

    /** Metric name as used on the command line and in stored evaluations, e.g. "fid". */
    String metric();

    /**
     * Values and convention as an ordered map of JSON-compatible values (Number, String, Boolean, List, Map, or
     * null), ready to serialise. Values come first, then sample counts, then convention fields.
     */
    Map<String, Object> fields();
}
