package dev.ganboard.protocol.checkpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The outcome of evaluating one checkpoint: status {@link #OK} with the metric values, {@link #DIVERGED} (non-finite
 * samples, the reason in {@code error}), or {@link #FAILED} with a readable {@code error}. {@code evaluationId} is derived from the checkpoint and the suite, so a checkpoint that is
 * delivered (and evaluated) twice produces the same id and is stored once. {@code preview} is a PNG of the samples
 * (base64 in JSON, at most {@link #MAX_PREVIEW_BYTES}), or null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluationResult(String evaluationId, long checkpointId, long runId, String status, String suiteVersion,
                               String extractor, Integer sampleCount, Map<String, Object> metrics, long durationMs,
                               String worker, String error, long finishedAt, byte[] preview)
        implements EvaluationRecord {
    public static final String OK = "ok";
    public static final String FAILED = "failed";
    /**
     * The samples (uploaded, or drawn from the generator) are not all finite: a result with {@code error} as the
     * reason and metrics that say so ({@code diverged}, {@code collapsed}, the non-finite fraction), never a dead
     * letter.
     */
    public static final String DIVERGED = "diverged";
    /** Keeps a result (base64 preview + metrics JSON) well inside Kafka's default 1 MiB record. */
    public static final int MAX_PREVIEW_BYTES = 512 * 1024;

    public EvaluationResult {
        if (preview != null && preview.length > MAX_PREVIEW_BYTES) {
            throw new IllegalArgumentException("a preview of " + preview.length + " bytes is larger than "
                    + MAX_PREVIEW_BYTES);
        }
    }

    /** A result without a preview. */
    public EvaluationResult(String evaluationId, long checkpointId, long runId, String status, String suiteVersion,
                            String extractor, Integer sampleCount, Map<String, Object> metrics, long durationMs,
                            String worker, String error, long finishedAt) {
        this(evaluationId, checkpointId, runId, status, suiteVersion, extractor, sampleCount, metrics, durationMs,
                worker, error, finishedAt, null);
    }

    public static String idFor(long checkpointId, String suiteVersion) {
        return "checkpoint-" + checkpointId + "/" + suiteVersion;
    }
}
