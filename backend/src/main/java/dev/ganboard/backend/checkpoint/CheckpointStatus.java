package dev.ganboard.backend.checkpoint;

import java.util.Locale;

/** uploading → queued (finished, on Kafka) → evaluating → evaluated | failed. */
public enum CheckpointStatus {
    UPLOADING, QUEUED, EVALUATING, EVALUATED, FAILED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isTerminal() {
        return this == EVALUATED || this == FAILED;
    }
}
