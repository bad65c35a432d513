package dev.ganboard.app.ingest;

import static dev.ganboard.app.support.TestApi.adminKey;
import static dev.ganboard.app.support.TestApi.as;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ganboard.app.support.TestApi;
import dev.ganboard.protocol.ingest.MetricColumns;
import dev.ganboard.protocol.ingest.MetricColumnsCodec;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * NaN and ±Infinity are data: accepted as JSON tokens, as strings and as binary bits, stored, reported by the series
 * API in a JSON-safe form, and the run's divergence (first non-finite step and its key) follows.
 */
@QuarkusTest
class NonFiniteIngestTest {
    private String key;
    private String project;
    private long runId;

    @BeforeEach
    void setUp() {
        key = adminKey();
        project = TestApi.unique("nonfinite");
        TestApi.createProject(key, project);
        runId = TestApi.createRun(key, project, "WGAN-GP", 5);
    }

    private void postJson(String body) {
        as(key).body(body).post("/api/v1/runs/" + runId + "/metrics").then().statusCode(202);
    }

    private JsonPath series(String metric, Integer buckets) {
        var request = as(key).queryParam("key", metric);
        if (buckets != null) {
            request = request.queryParam("buckets", buckets);
        }
        return TestApi.json(request.get("/api/v1/runs/" + runId + "/metrics").then().statusCode(200).extract().asString());
    }

    @Test
    void nonFiniteValuesRoundTripThroughJsonTokensStringsAndBinaryIntoTheSeriesApi() {
        postJson("{\"seq\":0,\"points\":[{\"key\":\"loss/D\",\"step\":0,\"value\":0.5},"
                + "{\"key\":\"loss/D\",\"step\":1,\"value\":NaN},{\"key\":\"loss/D\",\"step\":2,\"value\":Infinity},"
                + "{\"key\":\"loss/D\",\"step\":3,\"value\":-Infinity}]}");
        postJson("{\"seq\":1,\"points\":[{\"key\":\"loss/G\",\"step\":0,\"value\":\"0.25\"},"
                + "{\"key\":\"loss/G\",\"step\":2,\"value\":\"NaN\"},{\"key\":\"loss/G\",\"step\":3,\"value\":\"Infinity\"},"
                + "{\"key\":\"loss/G\",\"step\":4,\"value\":\"-Infinity\"}]}");
        double[] sent = {1.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        byte[] binary = MetricColumnsCodec.encode(new MetricColumns(0, 2, 0, new String[] {"gp"}, 4, new int[4],
                new long[] {0, 3, 4, 5}, sent, new long[] {1L, 2L, 3L, 4L}));
        given().header("Authorization", "Bearer " + key).contentType("application/x-ganboard-columns").body(binary)
                .post("/api/v1/runs/" + runId + "/metrics").then().statusCode(202).body("accepted", equalTo(4));
        await().atMost(Duration.ofSeconds(20)).until(() -> TestApi.storedCount(key, runId, "gp") == 4
                && TestApi.storedCount(key, runId, "loss/G") == 4 && TestApi.storedCount(key, runId, "loss/D") == 4);

        JsonPath d = series("loss/D", null);
        assertEquals(4, d.getInt("count"));
        assertEquals(3, d.getInt("non_finite_count"));
        assertEquals(1, d.getInt("first_non_finite.step"));
        assertEquals("NaN", d.getString("first_non_finite.value"));
        assertEquals(0.5, d.getDouble("points[0].value"));
        assertEquals(List.of("NaN", "Infinity", "-Infinity"),
                List.of(d.getString("points[1].value"), d.getString("points[2].value"), d.getString("points[3].value")));

        JsonPath g = series("loss/G", null);
        assertEquals(3, g.getInt("non_finite_count"));
        assertEquals(2, g.getInt("first_non_finite.step"));
        assertEquals(0.25, g.getDouble("points[0].value"));
        assertEquals("-Infinity", g.getString("points[3].value"));

        JsonPath gp = series("gp", null);
        assertEquals(List.of(1.0, "NaN", "Infinity", "-Infinity"), gp.getList("points.value"));
        assertEquals(3, gp.getInt("first_non_finite.step"));

        // downsampled: min/max/mean over the finite points, the others counted
        JsonPath bucketed = series("loss/D", 1);
        assertEquals(3, bucketed.getInt("non_finite_count"));
        assertEquals(1, bucketed.getInt("first_non_finite.step"));
        assertEquals(4, bucketed.getInt("buckets[0].count"));
        assertEquals(3, bucketed.getInt("buckets[0].non_finite"));
        assertEquals(0.5, bucketed.getDouble("buckets[0].min"));
        assertEquals(0.5, bucketed.getDouble("buckets[0].max"));
        assertEquals(0.5, bucketed.getDouble("buckets[0].mean"));
        assertEquals("-Infinity", bucketed.getString("buckets[0].last"));
        JsonPath onlyNonFinite = series("gp", 6); // one bucket per step
        assertEquals(4, onlyNonFinite.getList("buckets").size());
        assertNull(onlyNonFinite.get("buckets[1].mean"), "a bucket of non-finite points has no mean");
        assertEquals(1, onlyNonFinite.getInt("buckets[1].non_finite"));

        // the run page's numbers: latest values as sent, and where the run diverged
        as(key).get("/api/v1/runs/" + runId).then().statusCode(200)
                .body("diverged.step", equalTo(1)).body("diverged.key", equalTo("loss/D"))
                .body("latest.'loss/D'.value", equalTo("-Infinity")).body("latest.gp.step", equalTo(5));
    }

    @Test
    void theRunDivergesAtItsFirstNonFiniteStepWhateverOrderBatchesArriveIn() {
        postJson("{\"seq\":0,\"points\":[{\"key\":\"loss/D\",\"step\":10,\"value\":1.0},{\"key\":\"loss/G\",\"step\":10,\"value\":2.0}]}");
        await().atMost(Duration.ofSeconds(20)).until(() -> TestApi.storedCount(key, runId, "loss/G") == 1);
        as(key).get("/api/v1/runs/" + runId).then().statusCode(200).body("diverged", nullValue());

        postJson("{\"seq\":1,\"points\":[{\"key\":\"loss/G\",\"step\":90,\"value\":NaN},{\"key\":\"loss/D\",\"step\":91,\"value\":NaN}]}");
        await().atMost(Duration.ofSeconds(20)).until(() -> TestApi.storedCount(key, runId, "loss/G") == 2);
        as(key).get("/api/v1/runs/" + runId).then().body("diverged.step", equalTo(90)).body("diverged.key", equalTo("loss/G"));

        // a later batch at a later step does not move it; a late batch from earlier steps does
        postJson("{\"seq\":2,\"points\":[{\"key\":\"gp\",\"step\":200,\"value\":\"Infinity\"}]}");
        postJson("{\"seq\":3,\"points\":[{\"key\":\"wasserstein\",\"step\":50,\"value\":\"-Infinity\"},"
                + "{\"key\":\"loss/D\",\"step\":50,\"value\":NaN}]}");
        await().atMost(Duration.ofSeconds(20)).until(() -> TestApi.storedCount(key, runId, "wasserstein") == 1
                && TestApi.storedCount(key, runId, "gp") == 1);
        as(key).get("/api/v1/runs/" + runId).then().body("diverged.step", equalTo(50))
                .body("diverged.key", equalTo("loss/D")); // a tie at one step goes to the smallest key
        as(key).get("/api/v1/projects/" + project + "/runs").then().statusCode(200)
                .body("[0].diverged.step", equalTo(50)).body("[0].diverged.key", equalTo("loss/D"));

        // finishing the run keeps its divergence
        as(key).body("{\"status\":\"finished\"}").post("/api/v1/runs/" + runId + "/finish").then().statusCode(200)
                .body("diverged.step", equalTo(50));
        as(key).get("/api/v1/runs/" + runId).then().body("status", equalTo("finished")).body("diverged.step", equalTo(50));
    }
}
