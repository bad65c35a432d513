package dev.ganboard.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ganboard.protocol.Json;
import dev.ganboard.protocol.ingest.MetricColumns;
import dev.ganboard.protocol.ingest.MetricColumnsCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;

/**
 * A small in-JVM stand-in for the GANBoard REST API (me, projects, runs, metrics with (run, seq) idempotency,
 * finish) that a test can stop and start on the same port, and make lose answers or refuse batches.
 */
final class StubServer implements AutoCloseable {
    static final String KEY = "stub-key";

    record Point(String key, long step, double value, long time) {
    }

    final Map<String, Long> projects = new ConcurrentHashMap<>();
    final Map<Long, JsonNode> runs = new ConcurrentHashMap<>();
    final Map<Long, String> status = new ConcurrentHashMap<>();
    final Map<Long, Set<Long>> seqs = new ConcurrentHashMap<>();
    final Map<Long, List<Point>> points = new ConcurrentHashMap<>();
    final AtomicInteger metricRequests = new AtomicInteger();
    final AtomicInteger duplicates = new AtomicInteger();
    final AtomicInteger checkpointRequests = new AtomicInteger();
    /** Metric batches that arrived in the binary column format. */
    final AtomicInteger columnBatches = new AtomicInteger();
    /** Behave like a server from before the binary format: 415 for it. */
    volatile boolean jsonOnly;
    private final AtomicLong ids = new AtomicLong(1);
    volatile LongPredicate refuseSeq = seq -> false;
    /** Store the batch, then drop the connection without an answer (the client must retry; storage must dedupe). */
    volatile LongPredicate loseAnswerForSeq = seq -> false;
    volatile int delayMillis;
    /** Idempotency-Key of every run-creation request, in arrival order ("null" when absent). */
    final List<String> runCreationKeys = new CopyOnWriteArrayList<>();
    final Map<String, Long> runByIdempotencyKey = new ConcurrentHashMap<>();
    /** Create the run, then drop the connection without an answer, for this many creation requests. */
    volatile int loseRunAnswers;
    private final int port;
    private HttpServer server;

    StubServer() throws IOException {
        this(0);
    }

    StubServer(int port) throws IOException {
        server = create(port);
        this.port = server.getAddress().getPort();
    }

    /** Reserves a port, then leaves it closed: a server that is down. */
    static StubServer down() throws IOException {
        StubServer s = new StubServer();
        s.stop();
        return s;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    synchronized void start() throws IOException {
        if (server == null) {
            server = create(port);
        }
    }

    private HttpServer create(int p) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", p), 0);
        s.setExecutor(Executors.newFixedThreadPool(4));
        s.createContext("/", this::handle);
        s.start();
        return s;
    }

    long stored(long runId) {
        return points.getOrDefault(runId, List.of()).size();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (!("Bearer " + KEY).equals(auth)) {
                reply(ex, 401, Map.of("status", 401, "error", "invalid or missing API key"));
                return;
            }
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            byte[] body = ex.getRequestBody().readAllBytes();
            if (path.equals("/api/v1/me")) {
                reply(ex, 200, Map.of("user_id", 1, "username", "admin", "team_id", 1, "team", "t", "admin", true));
            } else if (path.equals("/api/v1/projects") && method.equals("POST")) {
                String name = Json.mapper().readTree(body).get("name").asText();
                if (projects.containsKey(name)) {
                    reply(ex, 409, Map.of("status", 409, "error", "exists"));
                    return;
                }
                long id = ids.getAndIncrement();
                projects.put(name, id);
                reply(ex, 201, Map.of("id", id, "name", name));
            } else if (path.startsWith("/api/v1/projects/")) {
                String ref = path.substring("/api/v1/projects/".length());
                Long id = projects.get(ref);
                if (id == null && ref.chars().allMatch(Character::isDigit) && projects.containsValue(Long.parseLong(ref))) {
                    id = Long.parseLong(ref);
                }
                if (id == null) {
                    reply(ex, 404, Map.of("status", 404, "error", "project '" + ref + "' not found"));
                } else {
                    reply(ex, 200, Map.of("id", id, "name", ref));
                }
            } else if (path.equals("/api/v1/runs") && method.equals("POST")) {
                JsonNode run = Json.mapper().readTree(body);
                String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
                runCreationKeys.add(String.valueOf(key));
                Long earlier = key == null ? null : runByIdempotencyKey.get(key);
                long id = earlier != null ? earlier : ids.getAndIncrement();
                if (earlier == null) {
                    runs.put(id, run);
                    status.put(id, "running");
                    if (key != null) {
                        runByIdempotencyKey.put(key, id);
                    }
                }
                if (loseRunAnswers > 0) {
                    loseRunAnswers--;
                    throw new IOException("answer lost on purpose");
                }
                reply(ex, earlier != null ? 200 : 201, Map.of("id", id, "status", "running"));
            } else if (path.matches("/api/v1/runs/\\d+/metrics")) {
                metrics(ex, Long.parseLong(path.split("/")[4]), body);
            } else if (path.matches("/api/v1/runs/\\d+/finish")) {
                long id = Long.parseLong(path.split("/")[4]);
                status.put(id, Json.mapper().readTree(body).get("status").asText());
                reply(ex, 200, Map.of("id", id, "status", status.get(id)));
            } else if (path.matches("/api/v1/runs/\\d+/checkpoints")) {
                checkpointRequests.incrementAndGet();
                reply(ex, 404, Map.of("status", 404, "error", "HTTP 404 Not Found"));
            } else {
                reply(ex, 404, Map.of("status", 404, "error", "no route " + path));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void metrics(HttpExchange ex, long runId, byte[] body) throws IOException {
        metricRequests.incrementAndGet();
        if (!runs.containsKey(runId)) {
            reply(ex, 404, Map.of("status", 404, "error", "run " + runId + " not found"));
            return;
        }
        boolean columns = "application/x-ganboard-columns".equals(ex.getRequestHeaders().getFirst("Content-Type"));
        if (columns && jsonOnly) {
            reply(ex, 415, Map.of("status", 415, "error", "unsupported media type"));
            return;
        }
        columnBatches.addAndGet(columns ? 1 : 0);
        long seq;
        List<Point> pts = new ArrayList<>();
        if (columns) {
            MetricColumns c = MetricColumnsCodec.decode(body, 10_000);
            seq = c.seq();
            for (int i = 0; i < c.size(); i++) {
                pts.add(new Point(c.key(c.keyIndex(i)), c.step(i), c.value(i), c.rawTime(i)));
            }
        } else {
            Map<String, Object> batch = Json.mapper().readValue(body, new TypeReference<>() {
            });
            seq = ((Number) batch.get("seq")).longValue();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> json = (List<Map<String, Object>>) batch.get("points");
            for (Map<String, Object> p : json) {
                pts.add(new Point((String) p.get("key"), ((Number) p.get("step")).longValue(),
                        ((Number) p.get("value")).doubleValue(), ((Number) p.get("time")).longValue()));
            }
        }
        if (refuseSeq.test(seq)) {
            reply(ex, 400, Map.of("status", 400, "error", "points[0].value: refused by the test", "field", "points[0].value"));
            return;
        }
        synchronized (this) {
            if (seqs.computeIfAbsent(runId, r -> ConcurrentHashMap.newKeySet()).add(seq)) {
                points.computeIfAbsent(runId, r -> new CopyOnWriteArrayList<>()).addAll(pts);
            } else {
                duplicates.incrementAndGet();
            }
        }
        if (loseAnswerForSeq.test(seq)) {
            throw new IOException("answer lost on purpose"); // HttpServer closes the connection without a response
        }
        reply(ex, 202, Map.of("run_id", runId, "seq", seq, "accepted", pts.size()));
    }

    private static void reply(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = Json.mapper().writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        stop();
    }
}
