package dev.ganboard.backend.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/** A run as lists show it: identity, status and the latest value of each metric key. */
public record RunSummary(long id, long projectId, String variant, Long seed, String status, JsonNode config,
                         String codeVersion, Instant createdAt, Instant finishedAt, Map<String, Latest> latest) {

    public record Latest(long step, double value) {
    }
}
