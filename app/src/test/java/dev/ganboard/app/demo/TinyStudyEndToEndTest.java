package dev.ganboard.app.demo;

import static dev.ganboard.app.support.TestApi.adminKey;
import static dev.ganboard.app.support.TestApi.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.app.support.TestApi;
import dev.ganboard.demo.cli.StudyCommand;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bundled "tiny" study (2 losses x 2 seeds, DJL on ring8) through the real platform: SDK logging over HTTP,
 * checkpoints over the embedded broker to the in-process workers, and a leaderboard of both variants at the end.
 */
@QuarkusTest
class TinyStudyEndToEndTest {
    @TestHTTPResource("/")
    URL root;

    /** Writes to both streams: the test still shows the demo's output. */
    private static final class TeeOutputStream extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        TeeOutputStream(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }

    @Test
    void tinyStudyFillsRunsEvaluationsAndTheLeaderboard() {
        String key = adminKey();
        String url = root.toString().replaceAll("/$", "");

        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(new TeeOutputStream(stdout, printed), true, StandardCharsets.UTF_8));
            exit = StudyCommand.execute("tiny", "--url", url, "--api-key", key, "--parallel", "2");
        } finally {
            System.setOut(stdout);
        }
        assertEquals(0, exit, "the study command's exit code");
        // at its end the demo waits for the evaluations and says what happened, and where to look
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("What happened:\ntiny-ring8:\n  runs: 4 finished, 0 diverged, 0 failed\n"
                + "  checkpoints: 8 evaluated (0 of them diverged), 0 failed\n"
                + "  runs and progress: " + url + "/projects/tiny-ring8\n"
                + "  leaderboard:       " + url + "/projects/tiny-ring8/leaderboard\n"), text);

        List<Map<String, Object>> runs = as(key).get("/api/v1/projects/tiny-ring8/runs")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(4, runs.size(), "2 variants x 2 seeds");
        for (Map<String, Object> run : runs) {
            assertEquals("finished", run.get("status"), "run " + run.get("id"));
            @SuppressWarnings("unchecked")
            Map<String, Object> latest = (Map<String, Object>) run.get("latest");
            assertTrue(latest.keySet().stream().anyMatch(k -> k.startsWith("loss")),
                    "losses logged for run " + run.get("id") + ": " + latest.keySet());
        }

        // 200 steps with a checkpoint every 100: two evaluated checkpoints per run
        for (Map<String, Object> run : runs) {
            long id = ((Number) run.get("id")).longValue();
            await().atMost(Duration.ofMinutes(3)).until(() -> as(key).get("/api/v1/runs/" + id + "/evaluations")
                    .then().statusCode(200).extract().jsonPath().getList("status").size() >= 2);
            JsonPath evaluations = as(key).get("/api/v1/runs/" + id + "/evaluations").then().extract().jsonPath();
            assertEquals(List.of("ok", "ok"), evaluations.getList("status"), "run " + id);
        }

        JsonPath board = TestApi.json(as(key).get("/api/v1/projects/tiny-ring8/leaderboard?metric=fid&policy=final")
                .then().statusCode(200).extract().asString());
        assertEquals(List.of("NS-GAN", "WGAN-GP"), board.getList("rows.variant", String.class).stream().sorted()
                .toList());
        assertEquals(List.of(2, 2), board.getList("rows.runs"));
        for (double fid : board.getList("rows.mean", Double.class)) {
            assertTrue(Double.isFinite(fid) && fid >= 0, "FID means " + board.getList("rows.mean"));
        }
    }
}
