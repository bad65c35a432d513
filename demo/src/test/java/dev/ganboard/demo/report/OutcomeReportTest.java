package dev.ganboard.demo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo's closing report against a real HTTP server that answers as GANBoard's progress endpoint does. */
class OutcomeReportTest {
    private HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<String> seen = new CopyOnWriteArrayList<>();

    private static final String EVALUATING = "{\"runs\":6,\"running\":0,\"finished\":6,\"failed\":0,\"diverged\":0,"
            + "\"checkpoints\":24,\"waiting\":3,\"evaluating\":1,\"evaluated\":20,\"evaluation_diverged\":4,"
            + "\"evaluation_failed\":0}";
    private static final String SETTLED = "{\"runs\":6,\"running\":0,\"finished\":5,\"failed\":1,\"diverged\":2,"
            + "\"checkpoints\":24,\"waiting\":0,\"evaluating\":0,\"evaluated\":23,\"evaluation_diverged\":7,"
            + "\"evaluation_failed\":1}";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/projects/", exchange -> {
            seen.add(exchange.getRequestURI().getRawPath() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (calls.incrementAndGet() <= 2 ? EVALUATING : SETTLED).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void waitsForTheEvaluationsThenSaysPerProjectWhatHappenedAndWhereToLook() {
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        OutcomeReport report = new OutcomeReport(url + "/", "gbk_test");
        List<ProjectOutcome> outcomes = report.await(List.of("fashion-study fashion-mnist"), Duration.ofSeconds(30),
                Duration.ofMillis(10), out);
        report.print(outcomes, out);
        String text = bytes.toString(StandardCharsets.UTF_8);

        assertEquals(3, calls.get(), "polled until no checkpoint was waiting or evaluating");
        assertEquals("/api/v1/projects/fashion-study%20fashion-mnist/progress Bearer gbk_test", seen.getFirst());
        assertTrue(text.startsWith("waiting for the evaluation of 4 checkpoint(s)"), text);
        String page = url + "/projects/fashion-study%20fashion-mnist";
        assertTrue(text.contains("What happened:\nfashion-study fashion-mnist:\n"
                + "  runs: 5 finished, 2 diverged, 1 failed\n"
                + "  checkpoints: 23 evaluated (7 of them diverged), 1 failed\n"
                + "  runs and progress: " + page + "\n"
                + "  leaderboard:       " + page + "/leaderboard\n"), text);
        assertTrue(text.contains("ganboard.dlq"), text);
    }

    @Test
    void whenTheWaitIsOverItSaysWhatIsStillBeingEvaluated() {
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        OutcomeReport report = new OutcomeReport(url, "k");
        List<ProjectOutcome> outcomes = report.await(List.of("p"), Duration.ZERO, Duration.ofMillis(10),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(1, calls.get());
        assertEquals("  checkpoints: 20 evaluated (4 of them diverged), 0 failed, 4 still being evaluated",
                outcomes.getFirst().lines(url).get(2));
    }
}
