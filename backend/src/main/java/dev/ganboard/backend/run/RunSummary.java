package dev.ganboard.backend.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * A run as lists show it: identity, status, where it diverged (null while every logged value is finite) and the
 * latest value of each metric key (a non-finite one is the string "NaN", "Infinity" or "-Infinity" in JSON).
 */
public record RunSummary(long id, long projectId, String variant, Long seed, String status, JsonNode config,
                         String codeVersion, Instant createdAt, Instant finishedAt, Divergence diverged,
                         Map<String, Latest> latest) {

    public record Latest(long step, double value) {
    }

    /** The first step at which a metric of the run was NaN or ±Infinity, and that metric's key. */
    public record Divergence(long step, String key) {
        public static Divergence of(Run run) {
            return run.divergedStep == null ? null : new Divergence(run.divergedStep, run.divergedKey);
        }

        /** As the run page says it: "diverged at step 90 (loss/D)". */
        public String describe() {
            return "diverged at step " + step + " (" + key + ")";
        }
    }
}
