package dev.ganboard.backend.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A stored evaluation: {@code metrics} is the suite's JSON (headline values, then "details" with conventions). */
public record EvaluationSummary(long id, String evaluationId, long checkpointId, long step, String status,
                             String suiteVersion, String extractor, Integer sampleCount, JsonNode metrics,
                             Long durationMs, String worker, String error, Instant createdAt) {
}
