package dev.ganboard.app.pipeline;

import static dev.ganboard.app.support.TestApi.adminKey;
import static dev.ganboard.app.support.TestApi.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.app.support.TestApi;
import dev.ganboard.app.worker.InProcessWorkers;
import dev.ganboard.backend.checkpoint.EvaluationPreview;
import dev.ganboard.backend.checkpoint.EvaluationStore;
import dev.ganboard.backend.kafka.KafkaClients;
import dev.ganboard.metrics.io.NpyDtype;
import dev.ganboard.protocol.Json;
import dev.ganboard.protocol.Topics;
import dev.ganboard.protocol.checkpoint.EvaluationProgressed;
import dev.ganboard.protocol.checkpoint.EvaluationRecord;
import dev.ganboard.protocol.checkpoint.EvaluationResult;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The samples preview from worker to REST, and a worker's progress from Kafka to the checkpoint's API view. */
@QuarkusTest
class PreviewAndProgressTest {
    @Inject
    KafkaClients kafka;
    @Inject
    InProcessWorkers workers;
    @Inject
    EvaluationStore store;

    private String key;
    private long runId;

    @BeforeEach
    void setUp() {
        key = adminKey();
        String project = TestApi.unique("preview");
        TestApi.createProject(key, project);
        runId = TestApi.createRun(key, project, "NS-GAN", 1);
    }

    private static String previewPath(long runId, long checkpointId) {
        return Uploads.path(runId) + "/" + checkpointId + "/preview.png";
    }

    @Test
    void anEvaluatedRing8CheckpointHasAPngPreviewForItsTeamOnly() throws Exception {
        long id = Uploads.upload(key, runId, 1000, "samples", Ring8.npy(Ring8.points(2000, 1), NpyDtype.FLOAT32));
        JsonPath c = Uploads.settled(key, runId, id);
        assertEquals("evaluated", c.getString("status"), c.prettify());
        assertEquals(previewPath(runId, id), c.getString("preview_url"));

        Response png = as(key).accept("image/png").get(previewPath(runId, id));
        png.then().statusCode(200).contentType("image/png");
        String etag = png.getHeader("ETag");
        assertNotNull(etag);
        assertTrue(png.getHeader("Cache-Control").contains("private"), png.getHeader("Cache-Control"));
        byte[] bytes = png.asByteArray();
        assertTrue(bytes.length < 512 * 1024, bytes.length + " bytes");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertNotNull(image, "ImageIO decodes it");
        assertEquals(480, image.getWidth());
        assertEquals(480, image.getHeight());
        // the ring's modes are on the unit circle around the reference's centre, the middle of the image: its hole
        // is empty, and generated (blue) points sit on the circle, e.g. at mode 2 (0, 1), straight above the centre
        assertEquals(0xFFFFFF, image.getRGB(240, 240) & 0xFFFFFF, "the ring's centre is empty");
        assertTrue(blueNear(image, 240, 240 - ringRadiusPixels(image)), "generated points on the ring above the centre");

        as(key).header("If-None-Match", etag).get(previewPath(runId, id)).then().statusCode(304);

        String other = TestApi.newTeamKey(TestApi.unique("rivals"), TestApi.unique("rival"), "rival-password");
        as(other).get(previewPath(runId, id)).then().statusCode(404);
        as(key).get(previewPath(runId, id + 100_000)).then().statusCode(404)
                .body("error", org.hamcrest.Matchers.equalTo("checkpoint " + (id + 100_000) + " of run " + runId
                        + " not found"));
        io.restassured.RestAssured.given().get(previewPath(runId, id)).then().statusCode(401);

        // the same result once more (a redelivery): still one evaluation, one preview
        List<ConsumerRecord<String, byte[]>> results = Topic.read(kafka, Topics.EVALUATIONS,
                r -> Json.read(r.value(), EvaluationRecord.class) instanceof EvaluationResult res
                        && res.checkpointId() == id, 1);
        EvaluationResult sent = (EvaluationResult) Json.read(results.getFirst().value(), EvaluationRecord.class);
        assertNotNull(sent.preview(), "the worker's result carries the PNG");
        assertEquals(1, store.apply(List.of(sent)).duplicates());
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> EvaluationPreview.count("checkpointId", id)));
        assertEquals(etag, as(key).get(previewPath(runId, id)).getHeader("ETag"));
    }

    @Test
    void aFailedOrDivergedCheckpointHasNoPreviewAndSaysWhy() {
        long id = Uploads.upload(key, runId, 100, "samples", Ring8.npy(new double[600], 3, NpyDtype.FLOAT32));
        assertEquals("failed", Uploads.settled(key, runId, id).getString("status"));
        String error = as(key).get(previewPath(runId, id)).then().statusCode(404).extract().path("error");
        assertTrue(error.startsWith("checkpoint " + id + " of run " + runId + " has no preview (its evaluation failed: "),
                error);

        double[] points = Ring8.points(200, 3);
        points[7] = Double.NaN;
        long nan = Uploads.upload(key, runId, 200, "samples", Ring8.npy(points, NpyDtype.FLOAT32));
        assertEquals("evaluated", Uploads.settled(key, runId, nan).getString("status"));
        String why = as(key).get(previewPath(runId, nan)).then().statusCode(404).extract().path("error");
        assertTrue(why.startsWith("checkpoint " + nan + " of run " + runId + " has no preview (checkpoint " + nan
                + " (step 200): diverged: 1 of 200 samples"), why);
    }

    @Test
    void progressRecordsShowOnTheCheckpointUntilTheResultArrives() {
        workers.stopWorkers();
        long id;
        try {
            id = Uploads.upload(key, runId, 500, "samples", Ring8.npy(Ring8.points(300, 9), NpyDtype.FLOAT32));
            assertEquals("queued", Uploads.checkpoint(key, runId, id).getString("status"));
            long t0 = System.currentTimeMillis();
            kafka.sendAndWait(Topics.EVALUATIONS, EvaluationRecord.key(runId), Json.write(
                    new EvaluationProgressed(id, runId, "w-test", "features", 4000, 10000, 12L, t0)));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Uploads.checkpoint(key, runId, id).getString("progress.stage") != null);
            JsonPath c = Uploads.checkpoint(key, runId, id);
            assertEquals("evaluating", c.getString("status"));
            assertEquals(4000, c.getLong("progress.done"));
            assertEquals(10000, c.getLong("progress.total"));
            assertEquals(0.4, c.getDouble("progress.fraction"), 1e-12);
            assertEquals(12, c.getLong("progress.eta_seconds"));

            // an older record (reordered) does not go back; a newer one replaces it
            store.apply(List.of(new EvaluationProgressed(id, runId, "w-test", "features", 1000, 10000, 40L, t0 - 5000)));
            assertEquals(4000, Uploads.checkpoint(key, runId, id).getLong("progress.done"));
            store.apply(List.of(new EvaluationProgressed(id, runId, "w-test", "prdc", 10, 300, null, t0 + 2000)));
            c = Uploads.checkpoint(key, runId, id);
            assertEquals("prdc", c.getString("progress.stage"));
            assertNull(c.get("progress.eta_seconds"));
            // another team sees nothing of it
            String other = TestApi.newTeamKey(TestApi.unique("rivals"), TestApi.unique("rival"), "rival-password");
            as(other).get(Uploads.path(runId) + "/" + id).then().statusCode(404);
        } finally {
            workers.startWorkers();
        }
        // the worker evaluates it: the result clears the progress, and later progress is ignored
        JsonPath done = Uploads.settled(key, runId, id);
        assertEquals("evaluated", done.getString("status"));
        assertNull(done.get("progress"));
        store.apply(List.of(new EvaluationProgressed(id, runId, "w-late", "features", 1, 2, null,
                System.currentTimeMillis() + 60_000)));
        JsonPath after = Uploads.checkpoint(key, runId, id);
        assertEquals("evaluated", after.getString("status"));
        assertNull(after.get("progress"));
        assertNotNull(after.getString("preview_url"));
    }

    /** Pixels from the image centre to the unit circle: the scatter's axes span the reference's extent. */
    private static int ringRadiusPixels(BufferedImage image) {
        // the ring8 reference spans about [-1.03, 1.03] on both axes, padded by 8 % each side, over 456 pixels
        return (int) Math.round(1.0 / (2.06 * 1.16 / 456));
    }

    private static boolean blueNear(BufferedImage image, int x, int y) {
        for (int dy = -8; dy <= 8; dy++) {
            for (int dx = -8; dx <= 8; dx++) {
                if ((image.getRGB(x + dx, y + dy) & 0xFFFFFF) == 0x1F77B4) {
                    return true;
                }
            }
        }
        return false;
    }
}
