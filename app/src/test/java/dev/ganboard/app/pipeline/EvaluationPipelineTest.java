package dev.ganboard.app.pipeline;

import static dev.ganboard.app.support.TestApi.adminKey;
import static dev.ganboard.app.support.TestApi.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.app.support.TestApi;
import dev.ganboard.app.worker.InProcessWorkers;
import dev.ganboard.backend.checkpoint.Evaluation;
import dev.ganboard.backend.checkpoint.EvaluationConsumer;
import dev.ganboard.backend.kafka.BrokerAddress;
import dev.ganboard.backend.kafka.KafkaClients;
import dev.ganboard.metrics.io.NpyDtype;
import dev.ganboard.protocol.DeadLetter;
import dev.ganboard.protocol.Json;
import dev.ganboard.protocol.Topics;
import dev.ganboard.protocol.checkpoint.EvaluationRecord;
import dev.ganboard.protocol.checkpoint.EvaluationResult;
import dev.ganboard.protocol.checkpoint.Sha256;
import dev.ganboard.worker.WorkerSettings;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Samples checkpoints REST → Kafka → in-process worker → Kafka → backend → REST, through the real broker. */
@QuarkusTest
class EvaluationPipelineTest {
    @Inject
    KafkaClients kafka;
    @Inject
    BrokerAddress broker;
    @Inject
    InProcessWorkers workers;

    private String key;
    private long runId;

    @BeforeEach
    void setUp() {
        key = adminKey();
        String project = TestApi.unique("pipeline");
        TestApi.createProject(key, project);
        runId = TestApi.createRun(key, project, "NS-GAN", 1);
    }

    private static JsonPath evaluation(JsonPath checkpoint) {
        assertEquals(1, checkpoint.getList("evaluations").size(), checkpoint.prettify());
        return TestApi.json(checkpoint.prettify()).setRootPath("evaluations[0]");
    }

    @Test
    void ring8SamplesAreEvaluatedEndToEnd() {
        long good = Uploads.upload(key, runId, 1000, "samples", Ring8.npy(Ring8.points(2000, 1), NpyDtype.FLOAT32));
        long collapsed = Uploads.upload(key, runId, 2000, "samples",
                Ring8.npy(Ring8.points(2000, 2, 0, 4), NpyDtype.FLOAT64));

        JsonPath g = Uploads.settled(key, runId, good);
        assertEquals("evaluated", g.getString("status"), g.prettify());
        JsonPath e = evaluation(g);
        assertEquals("ok", e.getString("status"));
        assertEquals("checkpoint-" + good + "/suite-1", e.getString("evaluation_id"));
        assertEquals("identity", e.getString("extractor"));
        assertEquals(2000, e.getInt("sample_count"));
        assertTrue(e.getString("worker").startsWith("inproc-"), e.getString("worker"));
        assertEquals(8, e.getInt("metrics.modes_covered"));
        assertEquals(false, e.getBoolean("metrics.collapsed"));
        assertTrue(e.getDouble("metrics.hq_fraction") > 0.97, e.prettify());
        assertTrue(e.getDouble("metrics.kl_uniform") < 0.01, e.prettify());
        assertTrue(e.getDouble("metrics.fid") < 0.01, e.prettify());
        assertTrue(e.getDouble("metrics.precision") > 0.9 && e.getDouble("metrics.recall") > 0.9, e.prettify());
        assertEquals(2000, e.getInt("metrics.details.reference.n"));
        assertEquals(1, e.getInt("metrics.details.fid.cov_ddof"));
        assertTrue(e.getLong("duration_ms") >= 0);

        JsonPath c = evaluation(Uploads.settled(key, runId, collapsed));
        assertEquals("ok", c.getString("status"));
        assertEquals(2, c.getInt("metrics.modes_covered"));
        assertEquals(true, c.getBoolean("metrics.collapsed"));
        assertEquals(Math.log(4), c.getDouble("metrics.kl_uniform"), 0.02);
        assertTrue(c.getDouble("metrics.recall") < 0.35, c.prettify());

        JsonPath all = TestApi.json(as(key).get("/api/v1/runs/" + runId + "/evaluations").then().statusCode(200)
                .extract().asString());
        assertEquals(List.of(1000, 2000), all.getList("step"));
        JsonPath list = TestApi.json(as(key).get(Uploads.path(runId)).then().statusCode(200).extract().asString());
        assertEquals(List.of("evaluated", "evaluated"), list.getList("status"));
        assertEquals(8, list.getInt("[0].evaluations[0].metrics.modes_covered"));
    }

    @Test
    void aNaNCheckpointIsEvaluatedAsDivergedWithoutADeadLetterAndTheNextOneIsStillEvaluated() {
        double[] points = Ring8.points(500, 3);
        points[2 * 123 + 1] = Double.NaN;
        points[2 * 400] = Double.POSITIVE_INFINITY;
        long nan = Uploads.upload(key, runId, 100, "samples", Ring8.npy(points, NpyDtype.FLOAT32));
        long next = Uploads.upload(key, runId, 200, "samples", Ring8.npy(Ring8.points(500, 4), NpyDtype.FLOAT32));

        String reason = "checkpoint " + nan + " (step 100): diverged: 2 of 500 samples (0.4 %) are not finite "
                + "(1 NaN and 1 infinite values), the first is sample 123";
        JsonPath diverged = Uploads.settled(key, runId, nan);
        assertEquals("evaluated", diverged.getString("status"), diverged.prettify());
        assertEquals(reason, diverged.getString("status_detail"));
        JsonPath e = evaluation(diverged);
        assertEquals("diverged", e.getString("status"));
        assertEquals(reason, e.getString("error"));
        assertEquals(true, e.getBoolean("metrics.diverged"));
        assertEquals(true, e.getBoolean("metrics.collapsed"));
        assertEquals(0.004, e.getDouble("metrics.non_finite_fraction"), 1e-12);
        assertEquals(123, e.getInt("metrics.first_non_finite_sample"));
        assertEquals(1, e.getInt("metrics.details.divergence.nan_values"));

        JsonPath ok = Uploads.settled(key, runId, next);
        assertEquals("evaluated", ok.getString("status"));
        assertEquals("ok", evaluation(ok).getString("status"));
        // a worker publishes a dead letter right after the result it belongs to, before its next checkpoint
        assertEquals(List.of(), Topic.readToEnd(kafka, Topics.DLQ, r -> Long.toString(nan).equals(r.key())));
    }

    @Test
    void blobsThatCannotBeEvaluatedFailWithAReadableReason() {
        byte[] good = Ring8.npy(Ring8.points(300, 5), NpyDtype.FLOAT32);
        Map<String, Object> wrongSha = Uploads.request(1, "samples", good, Uploads.SMALL_CHUNKS);
        byte[] other = Ring8.npy(Ring8.points(300, 6), NpyDtype.FLOAT32);
        wrongSha.put("sha256", Sha256.of(other));
        long mismatch = Uploads.upload(key, runId, wrongSha, good);
        long torchscript = Uploads.upload(key, runId, 2, "torchscript", good);
        long notNpy = Uploads.upload(key, runId, 3, "samples", "this is not an npy file".getBytes());
        long wrongShape = Uploads.upload(key, runId, 4, "samples", Ring8.npy(new double[300], 3, NpyDtype.FLOAT32));

        String otherProject = TestApi.unique("cifar");
        as(key).body(Map.of("name", otherProject, "dataset", "cifar10")).post("/api/v1/projects")
                .then().statusCode(201);
        long imageRun = TestApi.createRun(key, otherProject, "NS-GAN", 1);
        long unsupported = Uploads.upload(key, imageRun, 5, "samples", good);

        assertTrue(Uploads.settled(key, runId, mismatch).getString("status_detail").startsWith(
                "checksum mismatch: the reassembled " + good.length + " bytes hash to "));
        assertEquals("checkpoint " + torchscript + " (step 2): metadata 'latent_size' is required for a torchscript "
                + "checkpoint (the length of z, e.g. \"latent_size\": 128)",
                Uploads.settled(key, runId, torchscript).getString("status_detail"));
        assertEquals("checkpoint " + notNpy + " (step 3): not a .npy file (bad magic bytes)",
                Uploads.settled(key, runId, notNpy).getString("status_detail"));
        assertEquals("checkpoint " + wrongShape + " (step 4): wrong shape (100, 3): ring8 samples are 2-D points, "
                + "shape [N, 2]", Uploads.settled(key, runId, wrongShape).getString("status_detail"));
        assertEquals("dataset 'cifar10' is not supported by this worker yet (supported: ring8, grid25, fashion-mnist, "
                + "mnist, npy:/path/images.npy, folder:/path/dir)",
                Uploads.settled(key, imageRun, unsupported).getString("status_detail"));
    }

    @Test
    void aRedeliveredCheckpointDoesNotCreateASecondEvaluation() throws Exception {
        long id = Uploads.upload(key, runId, 10, "samples", Ring8.npy(Ring8.points(1000, 7), NpyDtype.FLOAT32));
        JsonPath first = evaluation(Uploads.settled(key, runId, id));

        // every checkpoint on the topic is delivered again: stop the workers, rewind their group, start them
        workers.stopWorkers();
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> toStart = admin.listConsumerGroupOffsets(WorkerSettings.DEFAULT_GROUP)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS).keySet().stream()
                    .collect(Collectors.toMap(tp -> tp, tp -> new OffsetAndMetadata(0)));
            admin.alterConsumerGroupOffsets(WorkerSettings.DEFAULT_GROUP, toStart).all().get(30, TimeUnit.SECONDS);
        } finally {
            workers.startWorkers();
        }
        List<ConsumerRecord<String, byte[]>> results = Topic.read(kafka, Topics.EVALUATIONS,
                r -> Json.read(r.value(), EvaluationRecord.class) instanceof EvaluationResult res
                        && res.checkpointId() == id, 2);
        assertEquals(2, results.size(), "the worker evaluated the checkpoint again");
        // and a result published twice by hand
        kafka.sendAndWait(Topics.EVALUATIONS, EvaluationRecord.key(runId), results.getFirst().value());
        awaitCaughtUp(EvaluationConsumer.GROUP, Topics.EVALUATIONS);

        assertEquals(1, QuarkusTransaction.requiringNew().call(() -> Evaluation.count("checkpointId", id)));
        JsonPath again = evaluation(Uploads.checkpoint(key, runId, id));
        assertEquals(first.getLong("id"), again.getLong("id"));
        assertEquals(first.getDouble("metrics.fid"), again.getDouble("metrics.fid"));
    }

    private Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return Admin.create(p);
    }

    /** Waits until the group has committed every record now on the topic. */
    private void awaitCaughtUp(String group, String topic) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            try (Admin admin = admin()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                        .filter(tp -> tp.topic().equals(topic))
                        .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
                return !latest.isEmpty() && latest.keySet().stream()
                        .allMatch(tp -> committed.get(tp).offset() >= ends.get(tp).offset());
            }
        });
    }
}
