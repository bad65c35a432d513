package dev.ganboard.app.ingest;

import static dev.ganboard.app.support.TestApi.adminKey;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ganboard.app.support.TestApi;
import dev.ganboard.protocol.ingest.MetricColumns;
import dev.ganboard.protocol.ingest.MetricColumnsCodec;
import io.restassured.response.ValidatableResponse;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The binary request body (application/x-ganboard-columns): stored like JSON; damaged or invalid bodies get 400. */
@QuarkusTest
class ColumnsBodyTest {
    private static final String COLUMNS = "application/x-ganboard-columns";

    private String key;
    private long runId;

    @BeforeEach
    void setUp() {
        key = adminKey();
        String project = TestApi.unique("columns");
        TestApi.createProject(key, project);
        runId = TestApi.createRun(key, project, "WGAN-GP", 2);
    }

    private ValidatableResponse post(byte[] body) {
        return given().header("Authorization", "Bearer " + key).contentType(COLUMNS).body(body)
                .post("/api/v1/runs/" + runId + "/metrics").then();
    }

    /** As the SDKs send it: run id and received-at 0, the server fills them in. */
    private static byte[] body(long seq, String[] keys, int[] keyIndex, long[] steps, double[] values, long[] times) {
        return MetricColumnsCodec.encode(new MetricColumns(0, seq, 0, keys, steps.length, keyIndex, steps, values, times));
    }

    private static byte[] onePoint(long seq, String key, long step, double value) {
        return body(seq, new String[] {key}, new int[] {0}, new long[] {step}, new double[] {value},
                new long[] {MetricColumns.NO_TIME});
    }

    @Test
    void aBinaryBatchIsStoredOnceAndReadBackLikeJson() {
        String[] keys = {"loss/D", "loss/G"};
        int n = 2000;
        int[] keyIndex = new int[n];
        long[] steps = new long[n];
        double[] values = new double[n];
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            keyIndex[i] = i % 2;
            steps[i] = i / 2;
            values[i] = i % 2 == 0 ? Math.exp(-i / 700.0) : 1.0 + i / 2;
            times[i] = i < 10 ? MetricColumns.NO_TIME : 1_700_000_000_000L + i;
        }
        byte[] body = body(4, keys, keyIndex, steps, values, times);
        post(body).statusCode(202).body("run_id", equalTo((int) runId)).body("seq", equalTo(4))
                .body("accepted", equalTo(n));
        post(body.clone()).statusCode(202); // a retry of the same (run, seq)
        await().atMost(Duration.ofSeconds(20)).until(() -> TestApi.storedCount(key, runId, "loss/G") == 1000);
        assertEquals(1000, TestApi.storedCount(key, runId, "loss/D"));
        var raw = TestApi.json(TestApi.as(key).queryParam("key", "loss/D").get("/api/v1/runs/" + runId + "/metrics")
                .then().statusCode(200).extract().asString());
        assertEquals(Math.exp(-998 / 700.0), raw.getDouble("points[499].value"), 1e-15);
        assertEquals(1_700_000_000_000L + 998, raw.getLong("points[499].time"));
    }

    @Test
    void damagedOrInvalidBinaryBodiesAreRefusedNamingTheProblemAndNothingIsStored() {
        byte[] good = onePoint(0, "loss/D", 1, 0.5);
        post(Arrays.copyOf(good, good.length - 3)).statusCode(400).body("error", containsString("truncated"));
        post(Arrays.copyOf(good, good.length + 2)).statusCode(400).body("error", containsString("after its last point"));
        byte[] badMagic = good.clone();
        badMagic[1] = 'X';
        post(badMagic).statusCode(400).body("error", containsString("magic"));
        byte[] badVersion = good.clone();
        badVersion[3] = 9;
        post(badVersion).statusCode(400).body("error", containsString("unknown version 9"));
        post(new byte[0]).statusCode(400).body("error", containsString("not a binary metric batch"));
        post(body(0, new String[] {"a"}, new int[] {1}, new long[] {1}, new double[] {1}, new long[] {0}))
                .statusCode(400).body("field", equalTo("points[0].key")).body("error", containsString("outside the key table"));
        post(onePoint(0, "bad key!", 1, 1)).statusCode(400).body("field", equalTo("points[0].key"));
        post(onePoint(0, "loss/D", -1, 1)).statusCode(400).body("field", equalTo("points[0].step"));
        post(onePoint(-3, "loss/D", 1, 1)).statusCode(400).body("field", equalTo("seq"));
        post(body(0, new String[0], new int[0], new long[0], new double[0], new long[0])).statusCode(400)
                .body("field", equalTo("points")).body("error", containsString("at least one"));
        post("{\"seq\":0}".getBytes()).statusCode(400).body("field", nullValue());

        // none of that reached the database, and seq 0 is still free
        post(good).statusCode(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> TestApi.storedCount(key, runId, "loss/D") == 1);
        assertEquals(0, TestApi.storedCount(key, runId, "a"));
    }
}
