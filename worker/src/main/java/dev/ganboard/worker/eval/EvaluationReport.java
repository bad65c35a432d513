package dev.ganboard.worker.eval;

import java.util.Map;

/** A successful evaluation: the extractor the two-sample metrics used, the samples evaluated, the values. */
public record EvaluationReport(String extractor, int sampleCount, Map<String, Object> metrics) {
}
