package dev.ganboard.protocol.checkpoint;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How far a worker is with a checkpoint: {@code done} of {@code total} units of {@code stage} (e.g. "features",
 * 4000 of 10000), with an estimate of the seconds left in the stage (null until there is a rate to go by). Workers
 * send at most one every few seconds per checkpoint and never wait for it; the latest one is what counts.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluationProgressed(long checkpointId, long runId, String worker, String stage, long done, long total,
                                   Long etaSeconds, long at) implements EvaluationRecord {
}
