package dev.ganboard.backend.checkpoint;

import java.time.Instant;

/**
 * How far the worker evaluating a checkpoint said it was: {@code done} of {@code total} in {@code stage},
 * {@code fraction} = done / total (0–1), {@code etaSeconds} for the rest of the stage (null when unknown).
 */
public record CheckpointProgress(String stage, long done, long total, double fraction, Long etaSeconds, Instant at) {
    static CheckpointProgress of(Checkpoint c) {
        if (c.status != CheckpointStatus.EVALUATING || c.progressStage == null) {
            return null;
        }
        long done = c.progressDone == null ? 0 : c.progressDone;
        long total = c.progressTotal == null ? 0 : c.progressTotal;
        double fraction = total > 0 ? Math.min(1.0, Math.max(0.0, (double) done / total)) : 0.0;
        return new CheckpointProgress(c.progressStage, done, total, fraction, c.progressEtaSeconds, c.progressAt);
    }
}
