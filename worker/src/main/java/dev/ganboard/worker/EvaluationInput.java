package dev.ganboard.worker;

import java.nio.file.Path;
import java.util.Map;

/**
 * A verified checkpoint blob and what the upload said about it. {@code label} (e.g. "checkpoint 12 (step 500)")
 * names it in messages instead of the worker's file path.
 */
public record EvaluationInput(Path blob, String label, String dataset, Map<String, Object> metadata,
                              EvaluationProgress progress) {
    public EvaluationInput {
        metadata = metadata == null ? Map.of() : metadata;
        progress = progress == null ? EvaluationProgress.NONE : progress;
    }

    public EvaluationInput(Path blob, String label, String dataset, Map<String, Object> metadata) {
        this(blob, label, dataset, metadata, EvaluationProgress.NONE);
    }

    /** A metadata value as text, or null. */
    public String metadataText(String key) {
        Object v = metadata.get(key);
        return v == null ? null : v.toString();
    }
}
