package dev.ganboard.app.sdk;

import static dev.ganboard.app.support.TestApi.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ganboard.app.support.TestApi;
import dev.ganboard.protocol.Json;
import dev.ganboard.sdk.Config;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Shared pieces of the Java SDK's end-to-end tests. */
final class SdkSupport {
    private SdkSupport() {
    }

    static String serverUrl() {
        return "http://127.0.0.1:" + RestAssured.port;
    }

    static Config config(String url, Path dir) {
        return Config.builder().url(url).apiKey(TestApi.adminKey()).dir(dir)
                .flushInterval(Duration.ofMillis(20)).maxBackoff(Duration.ofMillis(300))
                .finishTimeout(Duration.ofSeconds(60)).initTimeout(Duration.ofSeconds(5)).build();
    }

    static double value(long step, int k) {
        return step * 10 + k + 0.5;
    }

    static Map<String, Object> tenKeys(long step) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = 0; k < 10; k++) {
            m.put("k" + k, value(step, k));
        }
        return m;
    }

    private static JsonNode series(long runId, String key) {
        String body = as(TestApi.adminKey()).queryParam("key", key).get("/api/v1/runs/" + runId + "/metrics")
                .then().statusCode(200).extract().asString();
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stored series of a key once the server has at least {@code atLeast} points of it. */
    static JsonNode stored(long runId, String key, long atLeast) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> series(runId, key).get("count").asLong() >= atLeast);
        return series(runId, key);
    }

    /** The point count of a key once it stopped moving (storing runs a few ms behind the 202 answers). */
    static long settledCount(long runId, String key) {
        AtomicLong last = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(700)).until(() -> {
            long count = series(runId, key).get("count").asLong();
            return count > 0 && count == last.getAndSet(count);
        });
        return last.get();
    }

    /** Steps 0..steps-1 of the ten keys, each exactly once with its value, and nothing more arriving later. */
    static void assertExactlyOnce(long runId, long steps) {
        for (int k = 0; k < 10; k++) {
            assertPrefix(stored(runId, "k" + k, steps), k, steps);
        }
        for (int k = 0; k < 10; k += 9) {
            assertEquals(steps, settledCount(runId, "k" + k), "no late duplicates");
        }
    }

    /** The series holds steps 0..steps-1 in order, once each, with their values. */
    static void assertPrefix(JsonNode series, int k, long steps) {
        JsonNode points = series.get("points");
        assertEquals(steps, series.get("count").asLong(), "k" + k + ": stored points");
        assertEquals(steps, points.size());
        for (int i = 0; i < steps; i++) {
            assertEquals(i, points.get(i).get("step").asLong(), "k" + k + ": every step exactly once");
            assertEquals(value(i, k), points.get(i).get("value").asDouble());
        }
    }

    static String status(long runId) {
        return as(TestApi.adminKey()).get("/api/v1/runs/" + runId).then().statusCode(200).extract().path("status");
    }
}
