package dev.ganboard.app.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Turns a valid JSON body into malformed relatives, reproducibly from a seed: values replaced by hostile ones (huge,
 * non-finite, fractional, non-ASCII digits, over-long, wrong type, deeply nested), fields dropped or given twice,
 * and the text cut, spliced or replaced.
 */
final class JsonFuzzer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> HOSTILE = List.of(
            "null", "true", "0", "-1", "1.5", "-0.0", "1e309", "-1e309", "NaN", "Infinity", "-Infinity",
            "9223372036854775808", "99999999999999999999999", "-9223372036854775809", "1e-400",
            "\"\"", "\" \"", "\"\\u0000\"", "\"\\u0663\"", "\"\\uff13\"", "\"\\ud83d\\udca5\"", "\"\\ud800\"",
            "\"" + "x".repeat(101) + "\"", "\"" + "y".repeat(70_000) + "\"", "\"<script>alert(1)</script>\"",
            "\"1e309\"", "\"NaN\"", "\"12345678901234567890\"", "[]", "{}", "[1,2,3]", "{\"a\":{\"b\":[null]}}",
            "[".repeat(3000) + "]".repeat(3000), "\"default\"", "\"samples\"", "\"finished\"");
    private static final List<String> JUNK = List.of(",", "}", "{", "]", "[", "\"", ":", "\\", "NaN", "\u0000",
            "\u00e9", "'", "/*", "01", "--");

    private final Random random;

    JsonFuzzer(long seed) {
        random = new Random(seed);
    }

    /** A malformed relative of {@code valid} (a JSON object). */
    String mutate(ObjectNode valid) {
        return switch (random.nextInt(10)) {
            case 0, 1, 2 -> replaceValue(valid);
            case 3 -> duplicateField(valid);
            case 4 -> dropField(valid);
            case 5 -> replaceValue(valid).replaceFirst("\\{", "{\"unknown_field\":" + pick(HOSTILE) + ",");
            case 6 -> cut(valid.toString());
            case 7 -> splice(valid.toString());
            case 8 -> pick(List.of("", "null", "[]", "\"text\"", "42", "{", "{\"a\":1}{\"b\":2}", "\ufeff{}",
                    "[" + valid + "," + valid + "]", "{\"" + "k".repeat(5000) + "\":1}"));
            default -> replaceValue(replaceValueNode(valid));
        };
    }

    /** A content type for a fuzzed request: mostly JSON, sometimes one the endpoints do not read. */
    String contentType() {
        int r = random.nextInt(20);
        return r == 0 ? "application/x-www-form-urlencoded" : r == 1 ? "text/plain" : r == 2 ? "application/xml"
                : "application/json";
    }

    private String replaceValue(ObjectNode valid) {
        List<String> fields = fields(valid);
        if (fields.isEmpty()) {
            return "{\"x\":" + pick(HOSTILE) + "}";
        }
        String field = pick(fields);
        StringBuilder out = new StringBuilder("{");
        for (String name : fields) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(JSON.valueToTree(name).toString()).append(':');
            out.append(name.equals(field) ? pick(HOSTILE) : valid.get(name).toString());
        }
        return out.append('}').toString();
    }

    private ObjectNode replaceValueNode(ObjectNode valid) {
        ObjectNode copy = valid.deepCopy();
        List<String> fields = fields(copy);
        if (!fields.isEmpty()) {
            String field = pick(fields);
            JsonNode value = copy.get(field);
            if (value.isTextual()) {
                copy.put(field, value.asText() + pick(JUNK));
            } else if (value.isNumber()) {
                copy.put(field, value.asLong() + random.nextInt(3) - 1);
            }
        }
        return copy;
    }

    private String duplicateField(ObjectNode valid) {
        List<String> fields = fields(valid);
        if (fields.isEmpty()) {
            return "{\"a\":1,\"a\":2}";
        }
        String field = pick(fields);
        String copy = JSON.valueToTree(field).toString() + ":" + pick(HOSTILE);
        String text = valid.toString();
        return random.nextBoolean() ? "{" + copy + "," + text.substring(1)
                : text.substring(0, text.length() - 1) + "," + copy + "}";
    }

    private String dropField(ObjectNode valid) {
        ObjectNode copy = valid.deepCopy();
        List<String> fields = fields(copy);
        if (!fields.isEmpty()) {
            copy.remove(pick(fields));
        }
        return copy.toString();
    }

    private String cut(String text) {
        return text.substring(0, random.nextInt(Math.max(1, text.length())));
    }

    private String splice(String text) {
        int at = random.nextInt(text.length() + 1);
        if (random.nextBoolean() && at < text.length()) {
            return text.substring(0, at) + text.substring(at + 1);
        }
        return text.substring(0, at) + pick(JUNK) + text.substring(at);
    }

    private List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
