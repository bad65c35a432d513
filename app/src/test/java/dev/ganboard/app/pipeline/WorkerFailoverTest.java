package dev.ganboard.app.pipeline;

import static dev.ganboard.app.support.TestApi.adminKey;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.app.support.TestApi;
import dev.ganboard.backend.checkpoint.Evaluation;
import dev.ganboard.backend.kafka.BrokerAddress;
import dev.ganboard.backend.kafka.KafkaClients;
import dev.ganboard.protocol.Json;
import dev.ganboard.protocol.Topics;
import dev.ganboard.protocol.checkpoint.EvaluationRecord;
import dev.ganboard.protocol.checkpoint.EvaluationResult;
import dev.ganboard.worker.pipeline.EvaluationWorker;
import dev.ganboard.worker.WorkerSettings;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers that die or share the load, through the real broker, with the platform's own workers off: a worker
 * process ({@code ganboard worker}) killed with SIGKILL mid-evaluation, and two workers sharing a burst.
 */
@QuarkusTest
@TestProfile(WorkersOffProfile.class)
class WorkerFailoverTest {
    /** Enough samples of the slow generator to keep a worker busy for seconds (≈ 1 s per 500 on one core). */
    private static final Map<String, Object> SLOW = Map.of("latent_size", 4, "n_samples", 2000, "batch_size", 250);

    @Inject
    KafkaClients kafka;
    @Inject
    BrokerAddress broker;
    @TempDir
    Path tmp;

    private String key;
    private long runId;

    /**
     * After each test: a worker runs until the group has committed every checkpoint record, so that nothing a test
     * left uncommitted (on purpose or by stopping its workers) is delivered to the next test's workers.
     */
    @AfterEach
    void drainGroup() throws Exception {
        try (EvaluationWorker drain = EvaluationWorker.start(settings("drain"));
             Admin admin = admin()) {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                    .until(() -> caughtUp(admin));
        }
    }

    private Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return Admin.create(p);
    }

    private static boolean caughtUp(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(WorkerSettings.DEFAULT_GROUP)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        int partitions = checkpointPartitions(admin);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int i = 0; i < partitions; i++) {
            latest.put(new TopicPartition(Topics.CHECKPOINTS, i), OffsetSpec.latest());
        }
        var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
        return latest.keySet().stream().allMatch(tp -> ends.get(tp).offset() == 0
                || (committed.get(tp) != null && committed.get(tp).offset() >= ends.get(tp).offset()));
    }

    private static int checkpointPartitions(Admin admin) throws Exception {
        return admin.describeTopics(List.of(Topics.CHECKPOINTS)).allTopicNames().get(10, TimeUnit.SECONDS)
                .get(Topics.CHECKPOINTS).partitions().size();
    }

    @BeforeEach
    void setUp() {
        key = adminKey();
        String project = TestApi.unique("failover");
        TestApi.createProject(key, project);
        runId = TestApi.createRun(key, project, "NS-GAN", 1);
    }

    private WorkerSettings settings(String id) {
        return new WorkerSettings(broker.bootstrapServers(), WorkerSettings.DEFAULT_GROUP, id,
                tmp.resolve("worker").resolve(id), 50_000, WorkerSettings.DEFAULT_ABANDON_AFTER, 2_000);
    }

    /**
     * {@code ganboard worker} in a JVM of its own, as the launcher runs it. The class path is this test JVM's (it
     * holds the worker module and its dependencies, DJL included): worker/target/lib exists only after packaging.
     */
    private Process workerProcess(String id, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), "dev.ganboard.worker.cli.GanboardCli", "worker")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("GANBOARD_KAFKA_BOOTSTRAP", broker.bootstrapServers());
        pb.environment().put("GANBOARD_WORKER_ID", id);
        pb.environment().put("GANBOARD_HOME", tmp.resolve("home-" + id).toString());
        return pb.start();
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private JsonPath settled(long id, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(250)).until(() -> {
            String status = Uploads.checkpoint(key, runId, id).getString("status");
            return status.equals("evaluated") || status.equals("failed");
        });
        return Uploads.checkpoint(key, runId, id);
    }

    private List<EvaluationResult> results(long checkpointId) {
        return Topic.readToEnd(kafka, Topics.EVALUATIONS, r -> true).stream()
                .map(r -> Json.read(r.value(), EvaluationRecord.class))
                .filter(r -> r instanceof EvaluationResult res && res.checkpointId() == checkpointId)
                .map(r -> (EvaluationResult) r).toList();
    }

    private long storedEvaluations(long checkpointId) {
        return QuarkusTransaction.requiringNew().call(() -> Evaluation.count("checkpointId", checkpointId));
    }

    /** What a test does to a worker process once it is evaluating the test's checkpoint. */
    @FunctionalInterface
    private interface WhileEvaluating {
        void accept(Process worker, long checkpointId) throws Exception;
    }

    /**
     * Starts worker process {@code workerId}, uploads a slow checkpoint at {@code step}, waits until that process
     * evaluates it and hands both to {@code then}. The process is killed afterwards in any case, and a failure carries
     * its log. Returns the checkpoint's id.
     */
    private long withAWorkerProcessEvaluating(String workerId, long step, WhileEvaluating then) throws IOException {
        Path log = tmp.resolve(workerId + ".log");
        Process child = workerProcess(workerId, log);
        try {
            long id = Generators.upload(key, runId, step, "slow_ring8", SLOW);
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(100))
                    .failFast(() -> !child.isAlive())
                    .until(() -> String.valueOf(Uploads.checkpoint(key, runId, id).getString("status_detail"))
                            .contains(workerId));
            then.accept(child, id);
            return id;
        } catch (Throwable t) {
            throw new AssertionError("worker process log:\n" + read(log), t);
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aWorkerProcessKilledMidEvaluationLosesNothingAndDuplicatesNothing() throws Exception {
        long id = withAWorkerProcessEvaluating("proc-a", 1, (child, checkpoint) -> {
            // the child published "started" after verifying the blob, then began sampling (seconds of work)
            assertEquals("evaluating", Uploads.checkpoint(key, runId, checkpoint).getString("status"));
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no commit, no result
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        });
        assertEquals(List.of(), results(id), "the killed worker published no result");
        assertEquals(0, storedEvaluations(id));

        // the partitions go to the next group member once the dead one's session expires (15 s)
        try (EvaluationWorker next = EvaluationWorker.start(settings("inproc-b"))) {
            JsonPath done = settled(id, Duration.ofSeconds(120));
            assertEquals("evaluated", done.getString("status"), done.prettify());
            assertEquals(1, done.getList("evaluations").size());
            assertEquals("ok", done.getString("evaluations[0].status"));
            assertEquals("inproc-b", done.getString("evaluations[0].worker"));
            assertEquals(2000, done.getInt("evaluations[0].sample_count"));
            assertEquals(8, done.getInt("evaluations[0].metrics.modes_covered"));
        }
        List<EvaluationResult> results = results(id);
        assertEquals(1, results.size(), "evaluated exactly once: " + results);
        assertEquals(1, storedEvaluations(id));
    }

    @Test
    void aWorkerProcessStopsOnSigtermAfterTheEvaluationInHand() throws Exception {
        long id = withAWorkerProcessEvaluating("proc-c", 2, (child, checkpoint) -> {
            child.destroy(); // SIGTERM: the shutdown hook stops the worker after the checkpoint in hand
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "stopped within the 30 s grace");
            assertEquals(143, child.exitValue());
        });
        // the evaluation in hand (seconds) was finished and published within the 30 s grace, or — on a machine
        // too loaded for that — abandoned uncommitted; either way the next worker (the drain) leaves one evaluation
        drainGroup();
        JsonPath done = settled(id, Duration.ofSeconds(30));
        assertEquals("evaluated", done.getString("status"), done.prettify());
        assertTrue(Set.of("proc-c", "drain").contains(done.getString("evaluations[0].worker")), done.prettify());
        assertEquals(1, storedEvaluations(id));
    }

    @Test
    void twoWorkersShareABurstAndEvaluateEachCheckpointExactlyOnce() throws Exception {
        try (EvaluationWorker a = EvaluationWorker.start(settings("share-a"));
             EvaluationWorker b = EvaluationWorker.start(settings("share-b"))) {
            int partitions = awaitBothAssigned();
            // checkpoints until they cover every partition, so whichever way the group split them both get work
            List<Long> ids = new ArrayList<>();
            Set<Integer> covered = new HashSet<>();
            Map<String, Object> quick = Map.of("latent_size", 4, "n_samples", 1000, "batch_size", 250);
            while (ids.size() < 8 || covered.size() < partitions) {
                assertTrue(ids.size() < 60, "keys never covered every partition: " + covered);
                long id = Generators.upload(key, runId, 10 + ids.size(), "slow_ring8", quick);
                ids.add(id);
                covered.add(Utils.toPositive(Utils.murmur2(Long.toString(id).getBytes(StandardCharsets.UTF_8)))
                        % partitions);
            }
            Set<String> workers = new HashSet<>();
            for (long id : ids) {
                JsonPath c = settled(id, Duration.ofSeconds(120));
                assertEquals("evaluated", c.getString("status"), c.prettify());
                assertEquals(1, c.getList("evaluations").size());
                workers.add(c.getString("evaluations[0].worker"));
            }
            assertEquals(Set.of("share-a", "share-b"), workers, "both workers evaluated some");
            Map<Long, Long> resultsPerCheckpoint = Topic.readToEnd(kafka, Topics.EVALUATIONS, r -> true).stream()
                    .map(r -> Json.read(r.value(), EvaluationRecord.class))
                    .filter(r -> r instanceof EvaluationResult res && ids.contains(res.checkpointId()))
                    .collect(Collectors.groupingBy(r -> ((EvaluationResult) r).checkpointId(),
                            Collectors.counting()));
            assertEquals(ids.size(), resultsPerCheckpoint.size());
            assertTrue(resultsPerCheckpoint.values().stream().allMatch(n -> n == 1),
                    "one result each: " + resultsPerCheckpoint);
        }
    }

    /** Waits until the group has two members that each own a partition; the partition count of the topic. */
    private int awaitBothAssigned() throws Exception {
        try (Admin admin = admin()) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
                ConsumerGroupDescription g = admin.describeConsumerGroups(List.of(WorkerSettings.DEFAULT_GROUP))
                        .all().get(10, TimeUnit.SECONDS).get(WorkerSettings.DEFAULT_GROUP);
                return g.members().size() == 2 && g.members().stream()
                        .allMatch(m -> !m.assignment().topicPartitions().isEmpty());
            });
            int partitions = checkpointPartitions(admin);
            assertTrue(partitions >= 2, "two consumers need at least two partitions, the topic has " + partitions);
            return partitions;
        }
    }
}
