package dev.ganboard.app.rest;

import static dev.ganboard.app.support.TestApi.adminKey;
import static dev.ganboard.app.support.TestApi.as;
import static dev.ganboard.app.support.TestApi.point;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ganboard.app.support.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ValidationTest {
    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL url;
    private String key;
    private long runId;

    @BeforeEach
    void setUp() {
        key = adminKey();
        String project = TestApi.unique("validation");
        TestApi.createProject(key, project);
        runId = TestApi.createRun(key, project, "LSGAN", 3);
    }

    private void rejects(String body, String field, String messagePart) {
        as(key).body(body).post("/api/v1/runs/" + runId + "/metrics").then().statusCode(400)
                .body("field", equalTo(field)).body("error", containsString(messagePart));
    }

    @Test
    void invalidBatchesAreRefusedNamingTheFieldAndNothingOfThemIsStored() {
        String good = "{\"key\":\"loss/D\",\"step\":1,\"value\":0.5}";
        // NaN and ±Infinity are values (NonFiniteIngestTest); a value that is missing or not a number is not
        rejects("{\"seq\":0,\"points\":[" + good + ",{\"key\":\"x\",\"step\":2}]}", "points[1].value", "required");
        rejects("{\"seq\":0,\"points\":[" + good + ",{\"key\":\"x\",\"step\":2,\"value\":null}]}",
                "points[1].value", "required");
        rejects("{\"seq\":0,\"points\":[" + good + ",{\"key\":\"x\",\"step\":2,\"value\":\"diverged\"}]}",
                "points[1].value", "not a number");
        rejects("{\"seq\":0,\"points\":[" + good + ",{\"key\":\"x\",\"step\":2,\"value\":true}]}",
                "points[1].value", "not a number");
        rejects("{\"seq\":0,\"points\":[" + good + ",{\"key\":\"x\",\"step\":2,\"value\":[1]}]}",
                "points[1].value", "not a number");
        rejects("{\"seq\":0,\"points\":[{\"key\":\"loss/D\",\"step\":-1,\"value\":1}]}", "points[0].step", ">= 0");
        rejects("{\"seq\":0,\"points\":[{\"key\":\"bad key!\",\"step\":1,\"value\":1}]}", "points[0].key", "not a valid key");
        rejects("{\"seq\":0,\"points\":[{\"key\":\"/lead\",\"step\":1,\"value\":1}]}", "points[0].key", "not a valid key");
        rejects("{\"seq\":0,\"points\":[{\"step\":1,\"value\":1}]}", "points[0].key", "required");
        rejects("{\"seq\":0,\"points\":[{\"key\":\"a\",\"value\":1}]}", "points[0].step", "required");
        rejects("{\"points\":[" + good + "]}", "seq", "required");
        rejects("{\"seq\":0,\"points\":[]}", "points", "at least one");
        rejects("{\"seq\":0,\"points\":[{\"key\":\"a\",\"step\":\"ten\",\"value\":1}]}", "points[0].step", "wrong type");
        as(key).body("{\"seq\":0,\"points\":[").post("/api/v1/runs/" + runId + "/metrics").then().statusCode(400)
                .body("error", containsString("malformed JSON"));

        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i <= 10_000; i++) {
            tooMany.add(point("x", i, 1));
        }
        as(key).body(Map.of("seq", 0, "points", tooMany)).post("/api/v1/runs/" + runId + "/metrics").then()
                .statusCode(400).body("field", equalTo("points")).body("error", containsString("at most 10000"));

        // The refused seq 0 was not consumed: a valid batch with seq 0 is stored, and only its point.
        TestApi.logBatch(key, runId, 0, List.of(point("loss/D", 1, 0.5)));
        await().atMost(Duration.ofSeconds(20)).until(() -> TestApi.storedCount(key, runId, "loss/D") == 1);
        assertEquals(0, TestApi.storedCount(key, runId, "x"));
        assertEquals(0, TestApi.storedCount(key, runId, "a"));
    }

    @Test
    void oversizedBodiesAreRefusedBeforeTheyAreRead() throws Exception {
        byte[] huge = new byte[17 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        var request = java.net.http.HttpRequest.newBuilder(url.toURI().resolve("/api/v1/runs/" + runId + "/metrics"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .expectContinue(true)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(huge)).build();
        try (var client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()) {
            var response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(413, response.statusCode());
        }
        assertEquals(0, TestApi.storedCount(key, runId, "k"));
    }

    @Test
    void unknownRunsAndBadQueriesAreNamed() {
        as(key).body(Map.of("seq", 0, "points", List.of(point("a", 0, 1)))).post("/api/v1/runs/999999/metrics")
                .then().statusCode(404).body("error", containsString("run 999999"));
        as(key).get("/api/v1/runs/" + runId + "/metrics").then().statusCode(400).body("field", equalTo("key"));
        as(key).queryParam("key", "a").queryParam("buckets", 0).get("/api/v1/runs/" + runId + "/metrics")
                .then().statusCode(400).body("field", equalTo("buckets"));
        as(key).body(Map.of("status", "exploded")).post("/api/v1/runs/" + runId + "/finish").then().statusCode(400)
                .body("field", equalTo("status"));
        as(key).body(Map.of("project", "no-such-project", "variant", "X")).post("/api/v1/runs").then().statusCode(404);
        as(key).body(Map.of("variant", "X")).post("/api/v1/runs").then().statusCode(400).body("field", equalTo("project"));
    }
}
