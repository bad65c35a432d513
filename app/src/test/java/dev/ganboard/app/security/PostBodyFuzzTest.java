package dev.ganboard.app.security;

import static dev.ganboard.app.support.TestApi.adminKey;
import static dev.ganboard.app.support.TestApi.as;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ganboard.app.support.TestApi;
import dev.ganboard.backend.checkpoint.Checkpoint;
import dev.ganboard.backend.project.Project;
import dev.ganboard.backend.run.Run;
import dev.ganboard.backend.team.ApiKey;
import dev.ganboard.backend.team.Team;
import dev.ganboard.backend.team.UserAccount;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every POST body of the API, fuzzed from a valid one with a fixed seed: never a 5xx, and a refused body changes
 * nothing (the stored rows are the same before and after; refused metric batches never reach the store).
 */
@QuarkusTest
class PostBodyFuzzTest {
    static final long SEED = 13;
    static final int BODIES_PER_ENDPOINT = 45;
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Endpoint(String path, ObjectNode valid) {
    }

    @Test
    void noFuzzedBodyGetsA5xxAndNoRefusedOneStoresAnything() throws Exception {
        String key = adminKey();
        String project = TestApi.unique("fuzz");
        TestApi.createProject(key, project);
        long runId = TestApi.createRun(key, project, "FUZZ", 1);
        long finishRunId = TestApi.createRun(key, project, "FUZZ", 2);
        String sha = "ab".repeat(32);
        long checkpointId = as(key).body(Map.of("step", 1, "kind", "samples", "size", 100, "sha256", sha))
                .post("/api/v1/runs/" + runId + "/checkpoints").then().statusCode(201).extract().jsonPath().getLong("id");

        List<Endpoint> endpoints = List.of(
                new Endpoint("/api/v1/teams", object(Map.of("name", TestApi.unique("fuzzteam")))),
                new Endpoint("/api/v1/users", object(Map.of("team", "default", "username", TestApi.unique("fuzzer"),
                        "password", "long enough password", "admin", false))),
                new Endpoint("/api/v1/api-keys", object(Map.of("name", "fuzzed key"))),
                new Endpoint("/api/v1/projects", object(Map.of("name", TestApi.unique("fuzzp"), "dataset", "ring8",
                        "description", "fuzz"))),
                new Endpoint("/api/v1/runs", object(Map.of("project", project, "variant", "V", "seed", 7,
                        "config", Map.of("lr", 0.1), "code_version", "abc"))),
                new Endpoint("/api/v1/runs/" + finishRunId + "/finish", object(Map.of("status", "failed"))),
                new Endpoint("/api/v1/runs/" + runId + "/checkpoints", object(Map.of("step", 2, "kind", "samples",
                        "size", 200, "sha256", "cd".repeat(32), "metadata", Map.of("note", "x")))),
                new Endpoint("/api/v1/runs/" + runId + "/checkpoints/" + checkpointId + "/finish",
                        object(Map.of("sha256", sha))),
                new Endpoint("/api/v1/runs/" + runId + "/metrics", object(Map.of("seq", 0,
                        "points", List.of(Map.of("key", "fuzz/ok", "step", 1, "value", 0.5))))));

        JsonFuzzer fuzzer = new JsonFuzzer(SEED);
        List<String> failures = new ArrayList<>();
        Set<String> acceptedMetricKeys = new HashSet<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        boolean metrics;
        for (Endpoint endpoint : endpoints) {
            metrics = endpoint.path().endsWith("/metrics");
            for (int i = 0; i < BODIES_PER_ENDPOINT; i++) {
                String body = fuzzer.mutate(endpoint.valid());
                String type = fuzzer.contentType();
                String before = metrics ? "" : fingerprint();
                Response response = given().header("Authorization", "Bearer " + key).contentType(type + "; charset=UTF-8")
                        .body(body).post(endpoint.path());
                int status = response.statusCode();
                statuses.merge(status, 1, Integer::sum);
                String what = "POST " + endpoint.path() + " [" + type + "] " + abbreviate(body) + " -> " + status
                        + " " + abbreviate(response.asString());
                if (status >= 500) {
                    failures.add(what);
                } else if (status >= 400) {
                    if (!metrics && !before.equals(fingerprint())) {
                        failures.add("stored something: " + what);
                    }
                    if (!response.contentType().startsWith("application/json")) {
                        failures.add("not a JSON error: " + what);
                    }
                } else if (metrics) {
                    JsonNode accepted = new ObjectMapper().readTree(body);
                    accepted.get("points").forEach(p -> acceptedMetricKeys.add(p.get("key").asText()));
                }
            }
        }
        assertEquals(List.of(), failures, "statuses seen: " + statuses);
        assertTrue(statuses.keySet().stream().anyMatch(s -> s == 400), "the fuzzer produced refusals: " + statuses);

        // Same run, same partition: once this batch is stored every earlier one was consumed.
        TestApi.logBatch(key, runId, 1_000_000, List.of(TestApi.point("fuzz/sentinel", 1, 1)));
        await().atMost(Duration.ofSeconds(30)).until(() -> TestApi.storedCount(key, runId, "fuzz/sentinel") == 1);
        Set<String> stored = new HashSet<>(as(key).get("/api/v1/runs/" + runId).then().statusCode(200)
                .extract().jsonPath().<String, Object>getMap("latest").keySet());
        stored.remove("fuzz/sentinel");
        assertTrue(acceptedMetricKeys.containsAll(stored),
                "stored metric keys " + stored + " all come from accepted batches " + acceptedMetricKeys);
    }

    /** Every row count and every run's status: what a refused body must leave unchanged. */
    private static String fingerprint() {
        return QuarkusTransaction.requiringNew().call(() -> Team.count() + "/" + UserAccount.count() + "/"
                + ApiKey.count() + "/" + ApiKey.count("revoked", true) + "/" + Project.count() + "/" + Run.count()
                + "/" + Checkpoint.count() + "/" + Run.<Run>listAll().stream().map(r -> r.id + ":" + r.status)
                .sorted().toList());
    }

    private static ObjectNode object(Map<String, Object> fields) {
        return JSON.valueToTree(new LinkedHashMap<>(fields));
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…(" + text.length() + " chars)";
    }
}
