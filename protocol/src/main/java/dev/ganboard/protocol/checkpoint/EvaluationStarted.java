package dev.ganboard.protocol.checkpoint;

/** A worker began evaluating a checkpoint (progress for the API/UI; may be repeated on redelivery). */
public record EvaluationStarted(long checkpointId, long runId, String worker, long at) implements EvaluationRecord {
}
