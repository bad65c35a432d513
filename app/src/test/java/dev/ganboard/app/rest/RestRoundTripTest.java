package dev.ganboard.app.rest;

import static dev.ganboard.app.support.TestApi.adminKey;
import static dev.ganboard.app.support.TestApi.as;
import static dev.ganboard.app.support.TestApi.point;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ganboard.app.support.TempHome;
import dev.ganboard.app.support.TestApi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = TempHome.class, restrictToAnnotatedClass = false)
class RestRoundTripTest {

    @Test
    void projectRunPointsAndBackAgain() {
        String key = adminKey();
        String project = TestApi.unique("roundtrip");
        long projectId = TestApi.createProject(key, project);
        as(key).get("/api/v1/projects/" + projectId).then().statusCode(200).body("name", equalTo(project));
        as(key).get("/api/v1/projects/" + project).then().statusCode(200).body("id", equalTo((int) projectId));
        as(key).get("/api/v1/projects").then().statusCode(200).body("name", hasItem(project));

        long runId = TestApi.createRun(key, project, "NS-GAN", 7);
        List<Map<String, Object>> points = new ArrayList<>();
        for (int step = 0; step < 1000; step++) {
            points.add(point("loss/D", step, step == 500 ? 99.0 : Math.exp(-step / 300.0)));
            points.add(point("loss/G", step, 1.0 + step));
        }
        TestApi.logBatch(key, runId, 0, points);
        await().atMost(Duration.ofSeconds(20)).until(() -> TestApi.storedCount(key, runId, "loss/G") == 1000);

        JsonPath raw = TestApi.json(as(key).queryParam("key", "loss/D").get("/api/v1/runs/" + runId + "/metrics")
                .then().statusCode(200).extract().asString());
        assertEquals(1000, raw.getInt("count"));
        assertEquals(1000, raw.getList("points").size());
        assertEquals(99.0, raw.getDouble("points[500].value"));
        assertEquals(Math.exp(-999 / 300.0), raw.getDouble("points[999].value"), 1e-12);

        JsonPath bucketed = TestApi.json(as(key).queryParam("key", "loss/D").queryParam("buckets", 10)
                .get("/api/v1/runs/" + runId + "/metrics").then().statusCode(200).extract().asString());
        assertEquals(1000, bucketed.getInt("count"));
        List<Map<String, Object>> buckets = bucketed.getList("buckets");
        assertEquals(10, buckets.size());
        assertEquals(99.0, bucketed.getDouble("buckets[5].max"), "the spike at step 500 survives downsampling");
        assertEquals(Math.exp(-999 / 300.0), bucketed.getDouble("buckets[9].last"), 1e-12);

        as(key).get("/api/v1/runs/" + runId + "/metric-keys").then().statusCode(200).body("$", contains("loss/D", "loss/G"));
        as(key).get("/api/v1/projects/" + project + "/runs").then().statusCode(200)
                .body("[0].variant", equalTo("NS-GAN"))
                .body("[0].seed", equalTo(7))
                .body("[0].status", equalTo("running"))
                .body("[0].config.lr", notNullValue())
                .body("[0].latest.'loss/G'.step", equalTo(999))
                .body("[0].latest.'loss/G'.value", equalTo(1000.0f));

        as(key).body(Map.of("status", "finished")).post("/api/v1/runs/" + runId + "/finish").then().statusCode(200)
                .body("status", equalTo("finished")).body("finished_at", notNullValue());
    }

    @Test
    void openApiHealthAndPrometheusAreServed() {
        as(adminKey()).get("/q/openapi").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("/api/v1/runs/{runId}/metrics"));
        io.restassured.RestAssured.get("/q/health").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("kafka"));
        as(adminKey()).get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("ganboard_metrics_points_stored"));
    }

    @Test
    void projectNamesAreValidatedAndUniquePerTeam() {
        String key = adminKey();
        as(key).body(Map.of("name", "12345")).post("/api/v1/projects").then().statusCode(400).body("field", equalTo("name"));
        as(key).body(Map.of("name", "has space")).post("/api/v1/projects").then().statusCode(400);
        String name = TestApi.unique("dup");
        TestApi.createProject(key, name);
        as(key).body(Map.of("name", name)).post("/api/v1/projects").then().statusCode(409);
        as(key).get("/api/v1/projects/no-such-project").then().statusCode(404);
    }

    @Test
    void concurrentCreationsOfOneProjectNameGiveOneCreatedAndConflictsForTheRest() throws Exception {
        String key = adminKey();
        String name = TestApi.unique("race");
        int racers = 8;
        var start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(racers)) {
            for (int i = 0; i < racers; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return as(key).body(Map.of("name", name)).post("/api/v1/projects").statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "statuses " + statuses);
            assertEquals(racers - 1, statuses.stream().filter(s -> s == 409).count(), "statuses " + statuses);
        }
        as(key).get("/api/v1/projects/" + name).then().statusCode(200).body("name", equalTo(name));
    }

    @Test
    void projectProgressCountsRunsByStatus() {
        String key = adminKey();
        String project = TestApi.unique("progress");
        TestApi.createProject(key, project);
        as(key).get("/api/v1/projects/" + project + "/progress").then().statusCode(200)
                .body("runs", equalTo(0)).body("checkpoints", equalTo(0));
        long first = TestApi.createRun(key, project, "NS-GAN", 1);
        TestApi.createRun(key, project, "NS-GAN", 2);
        long third = TestApi.createRun(key, project, "LSGAN", 1);
        as(key).post("/api/v1/runs/" + first + "/finish").then().statusCode(200);
        as(key).body(Map.of("status", "failed")).post("/api/v1/runs/" + third + "/finish").then().statusCode(200);
        as(key).get("/api/v1/projects/" + project + "/progress").then().statusCode(200)
                .body("runs", equalTo(3)).body("running", equalTo(1)).body("finished", equalTo(1))
                .body("failed", equalTo(1));
        as(key).get("/api/v1/projects/no-such-project/progress").then().statusCode(404);
    }
}
