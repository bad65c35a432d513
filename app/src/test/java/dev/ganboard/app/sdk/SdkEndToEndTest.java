package dev.ganboard.app.sdk;

import static dev.ganboard.app.sdk.SdkSupport.assertExactlyOnce;
import static dev.ganboard.app.sdk.SdkSupport.config;
import static dev.ganboard.app.sdk.SdkSupport.serverUrl;
import static dev.ganboard.app.sdk.SdkSupport.status;
import static dev.ganboard.app.sdk.SdkSupport.tenKeys;
import static dev.ganboard.app.support.TestApi.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.app.support.TestApi;
import dev.ganboard.backend.kafka.BrokerAddress;
import dev.ganboard.sdk.AuthenticationException;
import dev.ganboard.sdk.Config;
import dev.ganboard.sdk.GanBoard;
import dev.ganboard.sdk.Run;
import dev.ganboard.sdk.RunSpec;
import dev.ganboard.sdk.RunStats;
import dev.ganboard.sdk.SyncReport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java SDK against the real application: REST (or Kafka) → broker → consumer → database, and checkpoints. */
@QuarkusTest
class SdkEndToEndTest {
    @TempDir
    Path dir;
    @Inject
    BrokerAddress broker;

    @Test
    void aRunRoundTripsExactlyOnceAndIsFinished() {
        String project = TestApi.unique("sdk-java");
        long runId;
        try (Run run = GanBoard.init(config(serverUrl(), dir), new RunSpec().project(project).dataset("ring8")
                .variant("WGAN-GP").seed(4).config("lr", 1e-4).codeVersion("abc"))) {
            runId = run.id().orElseThrow();
            for (long step = 0; step < 1000; step++) {
                run.log(step, tenKeys(step));
            }
        }
        assertExactlyOnce(runId, 1000);
        JsonPath summary = TestApi.json(as(TestApi.adminKey()).get("/api/v1/runs/" + runId).then().statusCode(200)
                .extract().asString());
        assertEquals("finished", summary.getString("status"));
        assertEquals("WGAN-GP", summary.getString("variant"));
        assertEquals(4, summary.getInt("seed"));
        assertEquals(1e-4, summary.getDouble("config.lr"));
        as(TestApi.adminKey()).get("/api/v1/projects/" + project).then().statusCode(200);
    }

    @Test
    void nonFiniteValuesLoggedByTheSdkReachTheSeriesApiAndTheRunDiverges() {
        long runId;
        try (Run run = GanBoard.init(config(serverUrl(), dir), new RunSpec().project(TestApi.unique("sdk-nan"))
                .variant("NS-GAN").seed(1))) {
            runId = run.id().orElseThrow();
            for (long step = 0; step < 30; step++) {
                double d = step < 20 ? 1.0 / (step + 1) : Double.NaN;
                double g = step < 25 ? 2.0 : (step % 2 == 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
                run.log(step, Map.of("loss/D", d, "loss/G", g));
            }
            assertEquals(60, run.finish().loggedPoints());
        }
        String key = TestApi.adminKey();
        await().atMost(Duration.ofSeconds(30)).until(() -> TestApi.storedCount(key, runId, "loss/D") == 30
                && TestApi.storedCount(key, runId, "loss/G") == 30);
        JsonPath d = TestApi.json(as(key).queryParam("key", "loss/D").get("/api/v1/runs/" + runId + "/metrics")
                .then().statusCode(200).extract().asString());
        assertEquals(10, d.getInt("non_finite_count"));
        assertEquals(20, d.getInt("first_non_finite.step"));
        assertEquals("NaN", d.getString("points[29].value"));
        JsonPath g = TestApi.json(as(key).queryParam("key", "loss/G").get("/api/v1/runs/" + runId + "/metrics")
                .then().statusCode(200).extract().asString());
        assertEquals("-Infinity", g.getString("points[25].value"));
        assertEquals("Infinity", g.getString("points[26].value"));
        JsonPath summary = TestApi.json(as(key).get("/api/v1/runs/" + runId).then().statusCode(200).extract().asString());
        assertEquals(20, summary.getInt("diverged.step"));
        assertEquals("loss/D", summary.getString("diverged.key"));
        assertEquals("finished", summary.getString("status"));
    }

    @Test
    void aWrongKeyFailsAtInit() {
        Config bad = config(serverUrl(), dir).toBuilder().apiKey("gbk_wrong").build();
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> GanBoard.init(bad, new RunSpec().project("p-" + System.nanoTime()).variant("v")));
        assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
    }

    @Test
    void anOfflineRunIsCreatedAndDeliveredBySync() {
        Config offline = config(serverUrl(), dir).toBuilder().mode(Config.Mode.OFFLINE).apiKey(null).build();
        Path runDir;
        try (Run run = GanBoard.init(offline, new RunSpec().project(TestApi.unique("sdk-offline")).variant("NS-GAN"))) {
            for (long step = 0; step < 200; step++) {
                run.log(step, tenKeys(step));
            }
            runDir = run.dir();
        }
        SyncReport report = GanBoard.sync(config(serverUrl(), dir), runDir);
        assertTrue(report.complete(), report.toString());
        long runId = report.runs().get(0).runId();
        assertExactlyOnce(runId, 200);
        assertEquals("finished", status(runId));
    }

    @Test
    void theKafkaTransportDeliversExactlyOnce() {
        Config kafka = config(serverUrl(), dir).toBuilder().transport(Config.Transport.KAFKA)
                .kafkaBootstrap(broker.bootstrapServers()).build();
        long runId;
        try (Run run = GanBoard.init(kafka, new RunSpec().project(TestApi.unique("sdk-kafka")).variant("NS-GAN"))) {
            runId = run.id().orElseThrow();
            for (long step = 0; step < 500; step++) {
                run.log(step, tenKeys(step));
            }
            RunStats stats = run.finish();
            assertEquals(0, stats.pendingBatches());
        }
        assertExactlyOnce(runId, 500);
        assertEquals("finished", status(runId));
    }

    @Test
    void aSamplesCheckpointIsUploadedInChunksAndEvaluated() throws Exception {
        Random rng = new Random(1);
        float[][] samples = new float[2000][2];
        for (float[] p : samples) {
            int mode = rng.nextInt(8);
            p[0] = (float) (Math.cos(2 * Math.PI * mode / 8) + 0.01 * rng.nextGaussian());
            p[1] = (float) (Math.sin(2 * Math.PI * mode / 8) + 0.01 * rng.nextGaussian());
        }
        long runId;
        Path entry;
        try (Run run = GanBoard.init(config(serverUrl(), dir), new RunSpec().project(TestApi.unique("sdk-ckpt"))
                .dataset("ring8").variant("NS-GAN"))) {
            runId = run.id().orElseThrow();
            run.logCheckpoint(1000, samples, null, Map.of("note", "ring8 from the Java SDK"));
            RunStats stats = run.finish();
            assertEquals(0, stats.pendingCheckpoints(), "uploaded before finish returned");
            entry = run.dir().resolve("checkpoints/ckpt-000001.json");
        }
        assertTrue(Files.readString(entry).contains("\"uploaded\""), Files.readString(entry));
        String key = TestApi.adminKey();
        await().atMost(Duration.ofSeconds(120)).until(() -> "evaluated".equals(as(key)
                .get("/api/v1/runs/" + runId + "/checkpoints").then().extract().path("[0].status")));
        JsonPath cps = TestApi.json(as(key).get("/api/v1/runs/" + runId + "/checkpoints").then().statusCode(200)
                .extract().asString());
        assertEquals(1000, cps.getInt("[0].step"));
        assertEquals("samples", cps.getString("[0].kind"));
        assertEquals(8, cps.getInt("[0].evaluations[0].metrics.modes_covered"));
    }
}
