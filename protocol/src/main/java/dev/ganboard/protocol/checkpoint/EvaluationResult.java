package dev.ganboard.protocol.checkpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The outcome of evaluating one checkpoint: status {@link #OK} with the metric values, or {@link #FAILED} with a
 * readable {@code error}. {@code evaluationId} is derived from the checkpoint and the suite, so a checkpoint that is
 * delivered (and evaluated) twice produces the same id and is stored once.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluationResult(String evaluationId, long checkpointId, long runId, String status, String suiteVersion,
                               String extractor, Integer sampleCount, Map<String, Object> metrics, long durationMs,
                               String worker, String error, long finishedAt) implements EvaluationRecord {
    public static final String OK = "ok";
    public static final String FAILED = "failed";

    public static String idFor(long checkpointId, String suiteVersion) {
        return "checkpoint-" + checkpointId + "/" + suiteVersion;
    }
}
