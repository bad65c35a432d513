package dev.ganboard.app.sdk;

import static dev.ganboard.app.sdk.SdkSupport.assertExactlyOnce;
import static dev.ganboard.app.sdk.SdkSupport.config;
import static dev.ganboard.app.sdk.SdkSupport.status;
import static dev.ganboard.app.sdk.SdkSupport.tenKeys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.app.support.TestApi;
import dev.ganboard.sdk.GanBoard;
import dev.ganboard.sdk.Run;
import dev.ganboard.sdk.RunSpec;
import dev.ganboard.sdk.RunStats;
import io.restassured.RestAssured;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server going away mid-run, seen from the SDK: a TCP proxy between them refuses connections and cuts open ones,
 * then comes back on the same port; and answers lost after the server stored the batch. (The Python SDK's tests
 * stop and restart the real application process; a @QuarkusTest cannot restart its own application.)
 */
@QuarkusTest
class SdkServerDownTest {
    @TempDir
    Path dir;

    @Test
    void theServerGoneMidRunAndBackLosesAndDuplicatesNothing() throws Exception {
        try (TcpProxy proxy = new TcpProxy(RestAssured.port)) {
            long runId;
            try (Run run = GanBoard.init(config(proxy.url(), dir),
                    new RunSpec().project(TestApi.unique("sdk-down")).variant("NS-GAN"))) {
                runId = run.id().orElseThrow();
                long step = 0;
                for (; step < 500; step++) {
                    run.log(step, tenKeys(step));
                }
                run.flush();
                proxy.down();
                for (; step < 1500; step++) {
                    run.log(step, tenKeys(step));
                    if (step % 100 == 0) {
                        Thread.sleep(30);
                    }
                }
                Thread.sleep(300);
                assertTrue(run.stats().pendingBatches() > 0, "batches wait in the WAL while the server is away");
                proxy.up();
                for (; step < 2000; step++) {
                    run.log(step, tenKeys(step));
                }
                RunStats stats = run.finish();
                assertEquals(0, stats.pendingBatches());
            }
            assertExactlyOnce(runId, 2000);
            assertEquals("finished", status(runId));
        }
    }

    @Test
    void batchesWhoseAnswersWereLostAreStoredOnce() throws Exception {
        try (TcpProxy proxy = new TcpProxy(RestAssured.port)) {
            long runId;
            try (Run run = GanBoard.init(config(proxy.url(), dir),
                    new RunSpec().project(TestApi.unique("sdk-lost")).variant("NS-GAN"))) {
                runId = run.id().orElseThrow();
                proxy.loseAnswers(3);
                for (long step = 0; step < 600; step++) {
                    run.log(step, tenKeys(step));
                    if (step % 100 == 0) {
                        Thread.sleep(40); // several batches
                    }
                }
            }
            assertEquals(3, proxy.answersLost.get(), "three batches reached the server but not their answers");
            assertExactlyOnce(runId, 600);
        }
    }

    @Test
    void serverAwayAtInitTheRunIsCreatedWhenItIsBack() throws Exception {
        try (TcpProxy proxy = new TcpProxy(RestAssured.port)) {
            proxy.down();
            Run run = GanBoard.init(config(proxy.url(), dir).toBuilder()
                            .initTimeout(java.time.Duration.ofMillis(300)).build(),
                    new RunSpec().project(TestApi.unique("sdk-late")).variant("NS-GAN"));
            assertTrue(run.id().isEmpty(), "the run cannot be created while the server is away");
            for (long step = 0; step < 300; step++) {
                run.log(step, tenKeys(step));
            }
            proxy.up();
            run.finish();
            long runId = run.id().orElseThrow();
            assertExactlyOnce(runId, 300);
            assertEquals("finished", status(runId));
        }
    }
}
