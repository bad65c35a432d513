package dev.ganboard.worker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonOutputTest {

    @Test
    void writesValidJsonThatRoundTripsDoubles() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fid", 0.1 + 0.2);
        m.put("tiny", 1e-300);
        m.put("n", 10_000);
        m.put("nan", Double.NaN);
        m.put("none", null);
        m.put("ok", true);
        m.put("text", "quote \" backslash \\ newline \n tab \t bell \u0007 é");
        m.put("list", List.of("a", 1.5));
        m.put("doubles", new double[] {1.0, Double.POSITIVE_INFINITY});
        m.put("ints", new int[] {1, 2});
        m.put("nested", Map.of("k", -2.5e20));
        String json = JsonOutput.toJson(m);
        JsonNode j = new ObjectMapper().readTree(json);
        assertEquals(0.1 + 0.2, j.get("fid").asDouble(), 0);
        assertEquals(1e-300, j.get("tiny").asDouble(), 0);
        assertEquals(10_000, j.get("n").asInt());
        assertTrue(j.get("nan").isNull());
        assertTrue(j.get("none").isNull());
        assertTrue(j.get("ok").asBoolean());
        assertEquals("quote \" backslash \\ newline \n tab \t bell \u0007 é", j.get("text").asText());
        assertEquals(1.5, j.get("list").get(1).asDouble(), 0);
        assertTrue(j.get("doubles").get(1).isNull());
        assertEquals(2, j.get("ints").get(1).asInt());
        assertEquals(-2.5e20, j.get("nested").get("k").asDouble(), 0);
        assertTrue(json.startsWith("{\"fid\":0.30000000000000004,"), json);
    }
}
