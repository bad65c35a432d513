package dev.ganboard.app.sdk;

import static dev.ganboard.app.sdk.SdkSupport.assertPrefix;
import static dev.ganboard.app.sdk.SdkSupport.settledCount;
import static dev.ganboard.app.sdk.SdkSupport.status;
import static dev.ganboard.app.sdk.SdkSupport.stored;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.app.support.TestApi;
import dev.ganboard.sdk.GanBoard;
import dev.ganboard.sdk.SyncReport;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training JVM killed with SIGKILL while its sender is behind; sync then delivers what its WAL holds, exactly once:
 * every key ends up with the same gap-free prefix of steps (0..K, K at least the last flushed step), no step twice.
 */
@QuarkusTest
class SdkKillTest {
    @TempDir
    Path dir;

    @Test
    void aKilledTrainingProcessLosesNothingItsWalHeldAndSyncDeliversItOnce() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                KilledTrainer.class.getName(), SdkSupport.serverUrl(), TestApi.adminKey(), dir.toString(),
                TestApi.unique("sdk-kill9"))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long runId = -1;
        Path runDir = null;
        long flushed = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                String[] words = line.split(" ");
                if (words[0].equals("run")) {
                    runId = Long.parseLong(words[1]);
                    runDir = Path.of(words[2]);
                } else if (words[0].equals("flushed")) {
                    flushed = Long.parseLong(words[1]);
                    break;
                }
            }
        } finally {
            child.destroyForcibly(); // SIGKILL
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        assertTrue(flushed > 0 && runDir != null, "the child logged and flushed");

        SyncReport report = GanBoard.sync(SdkSupport.config(SdkSupport.serverUrl(), dir), runDir);
        assertTrue(report.complete(), report.toString());
        assertTrue(report.runs().get(0).batchesSent() > 0, "the killed process left batches for sync: " + report);

        long steps = settledCount(runId, "k0");
        for (int k = 0; k < 10; k++) {
            assertPrefix(stored(runId, "k" + k, steps), k, steps); // every key: the same gap-free prefix, once each
        }
        assertTrue(steps > flushed, "everything flushed before the kill arrived");
        assertEquals("crashed", status(runId));
    }
}
