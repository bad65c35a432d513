package dev.ganboard.backend.leaderboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** A pick's other metric values, stored beside it as a JSON object so a board reads them without a join. */
final class OtherMetrics {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Double>> TYPE = new TypeReference<>() {
    };

    private OtherMetrics() {
    }

    static String encode(Map<String, Double> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metric values that cannot be written as JSON: " + values, e);
        }
    }

    static Map<String, Double> decode(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, TYPE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a leaderboard pick's other metrics are not a JSON object: " + json, e);
        }
    }
}
