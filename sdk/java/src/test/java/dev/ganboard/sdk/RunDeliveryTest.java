package dev.ganboard.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The delivery guarantees against a stub server that can go down, lose answers and refuse batches. */
class RunDeliveryTest {
    @TempDir
    Path tmp;

    private Config config(StubServer server) {
        return Config.builder().url(server.url()).apiKey(StubServer.KEY).dir(tmp)
                .flushInterval(Duration.ofMillis(20)).maxBackoff(Duration.ofMillis(200))
                .finishTimeout(Duration.ofSeconds(20)).initTimeout(Duration.ofSeconds(2)).build();
    }

    private static Map<String, Object> tenKeys(long step) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = 0; k < 10; k++) {
            m.put("m/k" + k, step * 10 + k + 0.5);
        }
        return m;
    }

    /** Every (key, step) exactly once, with the value it was logged with. */
    private static void assertExactlyOnce(StubServer server, long runId, long steps) {
        List<StubServer.Point> pts = server.points.get(runId);
        assertEquals(steps * 10, pts.size(), "points stored");
        Set<String> seen = new HashSet<>();
        for (StubServer.Point p : pts) {
            assertTrue(seen.add(p.key() + "@" + p.step()), "duplicate " + p);
            int k = Integer.parseInt(p.key().substring(3));
            assertEquals(p.step() * 10 + k + 0.5, p.value());
        }
    }

    @Test
    void aRunWhoseCreationAnswerWasLostIsCreatedOnce() throws Exception {
        try (StubServer server = new StubServer()) {
            server.loseRunAnswers = 2; // the server creates the run, the SDK never hears of it, twice
            long runId;
            try (Run run = GanBoard.init(config(server), new RunSpec().project("p").variant("v").seed(1))) {
                for (long step = 0; step < 100; step++) {
                    run.log(step, tenKeys(step));
                }
                assertTrue(run.finish().pendingBatches() == 0, "everything delivered");
                runId = run.id().orElseThrow();
            }
            assertEquals(1, server.runs.size(), "one run on the server, not one per attempt");
            assertEquals(3, server.runCreationKeys.size(), "two lost answers, then the answer");
            assertEquals(1, Set.copyOf(server.runCreationKeys).size(), "every attempt sent the same key");
            assertFalse(server.runCreationKeys.get(0).equals("null"), "an Idempotency-Key was sent");
            assertEquals(server.runByIdempotencyKey.get(server.runCreationKeys.get(0)), runId);
            assertExactlyOnce(server, runId, 100);
        }
    }

    @Test
    void logsAreDeliveredOnceAndTheRunIsFinished() throws Exception {
        try (StubServer server = new StubServer()) {
            long runId;
            try (Run run = GanBoard.init(config(server), new RunSpec().project("ring8").variant("NS-GAN").seed(3)
                    .config("lr", 2e-4))) {
                runId = run.id().orElseThrow();
                for (long step = 0; step < 2000; step++) {
                    run.log(step, tenKeys(step));
                }
            }
            assertExactlyOnce(server, runId, 2000);
            assertEquals("finished", server.status.get(runId));
            assertEquals("NS-GAN", server.runs.get(runId).get("variant").asText());
            assertEquals(3, server.runs.get(runId).get("seed").asLong());
            assertEquals(2e-4, server.runs.get(runId).get("config").get("lr").asDouble());
            assertTrue(server.projects.containsKey("ring8"), "project created on first use");
            assertEquals(0, server.duplicates.get());
            assertEquals(server.metricRequests.get(), server.columnBatches.get(), "every batch went binary");
        }
    }

    @Test
    void aServerThatPredatesTheBinaryBodyGetsJson() throws Exception {
        try (StubServer server = new StubServer()) {
            server.jsonOnly = true;
            long runId;
            try (Run run = GanBoard.init(config(server), new RunSpec().project("p").variant("v").seed(1))) {
                runId = run.id().orElseThrow();
                for (long step = 0; step < 500; step++) {
                    run.log(step, tenKeys(step));
                }
                assertEquals(0, run.finish().pendingBatches());
            }
            assertExactlyOnce(server, runId, 500);
            assertEquals(0, server.columnBatches.get());
        }
    }

    @Test
    void aWrongKeyFailsAtInitWithAClearMessage() throws Exception {
        try (StubServer server = new StubServer()) {
            Config bad = config(server).toBuilder().apiKey("wrong").build();
            AuthenticationException e = assertThrows(AuthenticationException.class,
                    () -> GanBoard.init(bad, new RunSpec().project("p").variant("v")));
            assertTrue(e.getMessage().contains("rejected the API key"), e.getMessage());
            assertTrue(e.getMessage().contains("GANBOARD_API_KEY"), e.getMessage());
            try (Stream<Path> left = Files.list(tmp)) {
                assertEquals(0, left.count(), "no run directory is left behind");
            }
        }
    }

    @Test
    void serverDownMidRunThenBackLosesAndDuplicatesNothing() throws Exception {
        try (StubServer server = new StubServer()) {
            try (Run run = GanBoard.init(config(server), new RunSpec().project("p").variant("v"))) {
                long runId = run.id().orElseThrow();
                for (long step = 0; step < 300; step++) {
                    run.log(step, tenKeys(step));
                }
                run.flush();
                server.stop();
                for (long step = 300; step < 600; step++) {
                    run.log(step, tenKeys(step));
                    if (step % 50 == 0) {
                        Thread.sleep(20);
                    }
                }
                Thread.sleep(300);
                assertTrue(run.stats().pendingBatches() > 0, "batches wait while the server is down");
                server.start();
                for (long step = 600; step < 900; step++) {
                    run.log(step, tenKeys(step));
                }
                RunStats stats = run.finish();
                assertEquals(0, stats.pendingBatches());
                assertExactlyOnce(server, runId, 900);
                assertEquals("finished", server.status.get(runId));
            }
        }
    }

    @Test
    void lostAnswersAreRetriedAndStoredOnce() throws Exception {
        try (StubServer server = new StubServer()) {
            Set<Long> lost = java.util.concurrent.ConcurrentHashMap.newKeySet();
            server.loseAnswerForSeq = seq -> seq % 3 == 1 && lost.add(seq); // first attempt only
            long runId;
            try (Run run = GanBoard.init(config(server), new RunSpec().project("p").variant("v"))) {
                runId = run.id().orElseThrow();
                for (long step = 0; step < 500; step++) {
                    run.log(step, tenKeys(step));
                    if (step % 25 == 0) {
                        Thread.sleep(25); // several batches
                    }
                }
            }
            assertFalse(lost.isEmpty());
            assertEquals(lost.size(), server.duplicates.get(), "each lost answer caused exactly one re-send");
            assertExactlyOnce(server, runId, 500);
        }
    }

    @Test
    void serverDownAtInitTheRunIsCreatedWhenItComesBack() throws Exception {
        StubServer server = StubServer.down();
        try (Run run = GanBoard.init(config(server).toBuilder().initTimeout(Duration.ofMillis(300)).build(),
                new RunSpec().project("p").variant("v"))) {
            assertTrue(run.id().isEmpty());
            for (long step = 0; step < 200; step++) {
                run.log(step, tenKeys(step));
            }
            server.start();
            for (long step = 200; step < 400; step++) {
                run.log(step, tenKeys(step));
            }
            run.finish();
            long runId = run.id().orElseThrow();
            assertExactlyOnce(server, runId, 400);
            assertEquals("finished", server.status.get(runId));
        } finally {
            server.close();
        }
    }

    @Test
    void finishWithTheServerDownLeavesTheRestToSync() throws Exception {
        try (StubServer server = new StubServer()) {
            Config cfg = config(server).toBuilder().finishTimeout(Duration.ofMillis(500)).build();
            Run run = GanBoard.init(cfg, new RunSpec().project("p").variant("v"));
            long runId = run.id().orElseThrow();
            server.stop();
            for (long step = 0; step < 100; step++) {
                run.log(step, tenKeys(step));
            }
            RunStats stats = run.finish(Status.FAILED);
            assertTrue(stats.pendingBatches() > 0);
            assertEquals("running", server.status.get(runId));

            server.start();
            SyncReport report = GanBoard.sync(cfg, tmp);
            assertTrue(report.complete(), report.toString());
            assertEquals(1000, report.pointsSent());
            assertExactlyOnce(server, runId, 100);
            assertEquals("failed", server.status.get(runId));
            assertEquals(0, GanBoard.sync(cfg, run.dir()).pointsSent(), "a second sync has nothing left to send");
        }
    }

    @Test
    void offlineRunsTouchNoNetworkAndAreCreatedAtSync() throws Exception {
        try (StubServer server = new StubServer()) {
            Config offline = config(server).toBuilder().mode(Config.Mode.OFFLINE).apiKey(null).build();
            Path dir;
            try (Run run = GanBoard.init(offline, new RunSpec().project("offline-proj").variant("WGAN-GP").seed(9))) {
                assertTrue(run.id().isEmpty());
                for (long step = 0; step < 50; step++) {
                    run.log(step, tenKeys(step));
                }
                dir = run.dir();
            }
            assertEquals(0, server.metricRequests.get());
            assertTrue(server.runs.isEmpty());

            SyncReport report = GanBoard.sync(config(server), dir);
            assertTrue(report.complete(), report.toString());
            long runId = report.runs().get(0).runId();
            assertExactlyOnce(server, runId, 50);
            assertEquals("WGAN-GP", server.runs.get(runId).get("variant").asText());
            assertEquals("finished", server.status.get(runId));
        }
    }

    @Test
    void aRefusedBatchIsDroppedAndCounted() throws Exception {
        try (StubServer server = new StubServer()) {
            server.refuseSeq = seq -> seq == 0;
            try (Run run = GanBoard.init(config(server), new RunSpec().project("p").variant("v"))) {
                run.log(0, tenKeys(0));
                run.flush();
                Thread.sleep(100);
                run.log(1, tenKeys(1));
                RunStats stats = run.finish();
                assertEquals(1, stats.rejectedBatches());
                assertEquals(0, stats.pendingBatches());
                assertEquals(10, server.stored(run.id().orElseThrow()));
            }
        }
    }

    @Test
    void invalidValuesAreDroppedWithAWarningAndCountedWhileNonFiniteOnesAreLogged() throws Exception {
        try (StubServer server = new StubServer()) {
            try (Run run = GanBoard.init(config(server), new RunSpec().project("p").variant("v"))) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("ok", 1.5);
                m.put("nan", Double.NaN);
                m.put("inf", Double.POSITIVE_INFINITY);
                m.put("ninf", Float.NEGATIVE_INFINITY);
                m.put("text", "0.3");
                m.put("null", null);
                m.put("bad key!", 1.0);
                m.put("flag", true);
                m.put("int", 7);
                run.log(0, m);
                run.log(-1, Map.of("x", 1.0));
                RunStats stats = run.finish();
                assertEquals(6, stats.loggedPoints());
                assertEquals(4, stats.rejectedPoints());
                Map<String, Double> stored = server.points.get(run.id().orElseThrow()).stream()
                        .collect(Collectors.toMap(StubServer.Point::key, StubServer.Point::value));
                assertEquals(Set.of("ok", "nan", "inf", "ninf", "flag", "int"), stored.keySet());
                assertTrue(Double.isNaN(stored.get("nan")));
                assertEquals(Double.POSITIVE_INFINITY, stored.get("inf"));
                assertEquals(Double.NEGATIVE_INFINITY, stored.get("ninf"));
            }
        }
    }

    @Test
    void checkpointsAreSpooledAndStayPendingWhileTheServerHasNoRoute() throws Exception {
        try (StubServer server = new StubServer()) {
            Path model = Files.write(tmp.resolve("generator.pt"), new byte[]{1, 2, 3, 4});
            try (Run run = GanBoard.init(config(server).toBuilder().dir(tmp.resolve("runs")).build(),
                    new RunSpec().project("p").variant("v"))) {
                run.logCheckpoint(100, model, Map.of("latent_dim", 64, "classes", 10));
                run.logCheckpoint(200, new float[][]{{1f, 2f}, {3f, 4f}}, new int[]{0, 1}, Map.of());
                RunStats stats = run.finish();
                assertEquals(2, stats.pendingCheckpoints());
                assertTrue(server.checkpointRequests.get() >= 1, "the upload was tried");
                try (Stream<Path> files = Files.list(run.dir().resolve("checkpoints"))) {
                    Set<String> names = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
                    assertTrue(names.contains("ckpt-000001-step100.pt"), names.toString());
                    assertTrue(names.contains("ckpt-000002-step200.npz"), names.toString());
                    assertTrue(names.contains("ckpt-000001.json"), names.toString());
                }
                Map<String, Object> entry = RunDir.readJson(run.dir().resolve("checkpoints/ckpt-000001.json"));
                assertEquals("torchscript", entry.get("kind"));
                assertEquals("pending", entry.get("status"));
                assertEquals("9f64a747e1b97f131fabb6b447296c9b6f0201e79fb3c5356e6c77e89b6a806a", entry.get("sha256"));
                assertEquals(64, ((Map<?, ?>) entry.get("metadata")).get("latent_dim"));
            }
        }
    }
}
