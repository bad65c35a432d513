package dev.ganboard.demo.study;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Reads typed, range-checked fields of one JSON object, recording an error that names the field for each problem. */
final class FieldReader {
    private final JsonNode node;
    private final String path;
    private final List<String> errors;

    FieldReader(JsonNode node, String path, List<String> errors) {
        this.node = node;
        this.path = path;
        this.errors = errors;
    }

    String field(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    void error(String field, String message) {
        errors.add(field + ": " + message);
    }

    boolean has(String name) {
        return node.has(name) && !node.get(name).isNull();
    }

    JsonNode get(String name) {
        return node.get(name);
    }

    void rejectUnknown(Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                error(field(name), "unknown field (known: " + String.join(", ", known) + ")");
            }
        }
    }

    /** A required or defaulted string; null after recording an error. */
    String text(String name, String fallback) {
        if (!has(name)) {
            if (fallback == null) {
                error(field(name), "is required");
            }
            return fallback;
        }
        JsonNode v = node.get(name);
        if (!v.isTextual() || v.asText().isBlank()) {
            error(field(name), "must be a non-empty string, got " + v);
            return null;
        }
        return v.asText().trim();
    }

    /** A boolean; the fallback when absent. */
    boolean bool(String name, boolean fallback) {
        if (!has(name)) {
            return fallback;
        }
        JsonNode v = node.get(name);
        if (!v.isBoolean()) {
            error(field(name), "must be true or false, got " + v);
            return fallback;
        }
        return v.asBoolean();
    }

    /** An integer in [min, max]; the fallback (null = required) when absent. */
    Integer integer(String name, Integer fallback, long min, long max) {
        if (!has(name)) {
            if (fallback == null) {
                error(field(name), "is required");
            }
            return fallback;
        }
        JsonNode v = node.get(name);
        if (!v.canConvertToExactIntegral() || !v.isNumber()) {
            error(field(name), "must be an integer, got " + v);
            return fallback;
        }
        long x = v.asLong();
        if (x < min || x > max) {
            error(field(name), "must be between " + min + " and " + max + ", got " + v);
            return fallback;
        }
        return (int) x;
    }

    /** A number in [min, max] (or [min, max) when {@code maxExclusive}); the fallback when absent. */
    double number(String name, double fallback, double min, double max, boolean minExclusive, boolean maxExclusive) {
        if (!has(name)) {
            return fallback;
        }
        JsonNode v = node.get(name);
        if (!v.isNumber()) {
            error(field(name), "must be a number, got " + v);
            return fallback;
        }
        double x = v.asDouble();
        boolean low = minExclusive ? x <= min : x < min;
        boolean high = maxExclusive ? x >= max : x > max;
        if (!Double.isFinite(x) || low || high) {
            error(field(name), "must be in " + (minExclusive ? "(" : "[") + min + ", " + max
                    + (maxExclusive ? ")" : "]") + ", got " + v);
            return fallback;
        }
        return x;
    }
}
