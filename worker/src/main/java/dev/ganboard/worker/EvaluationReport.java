package dev.ganboard.worker;

import java.util.Map;

/**
 * A successful evaluation: the extractor the two-sample metrics used, the samples evaluated, the values, and a PNG
 * preview of the samples ({@link dev.ganboard.worker.preview.SamplePreview}; null when none could be drawn).
 */
public record EvaluationReport(String extractor, int sampleCount, Map<String, Object> metrics, byte[] preview) {
    public EvaluationReport(String extractor, int sampleCount, Map<String, Object> metrics) {
        this(extractor, sampleCount, metrics, null);
    }
}
