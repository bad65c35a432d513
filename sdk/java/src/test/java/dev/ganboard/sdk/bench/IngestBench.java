package dev.ganboard.sdk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ganboard.protocol.Json;
import dev.ganboard.protocol.ingest.MetricBatchJson;
import dev.ganboard.protocol.ingest.MetricColumnsCodec;
import dev.ganboard.sdk.Config;
import dev.ganboard.sdk.GanBoard;
import dev.ganboard.sdk.Run;
import dev.ganboard.sdk.RunSpec;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * End-to-end ingest, points per second, SDK → HTTP → Kafka → database, with 1, 8 and 64 concurrent runs against a
 * real embedded server (the application jar, started here with a temporary home), and in the same session a
 * baseline without the SDK: the same points as prepared 10,000-point request bodies posted over raw HTTP, as JSON
 * (mode raw) and in the binary column format (rawcol; "n/a" on a server from before it).
 *
 * <p>Each figure is total points / seconds from the first log() call (or POST) until the server's
 * ganboard_metrics_points_stored counter has them all; "accepted" is when the last 202 came back (the batch is
 * durable in Kafka), so stored − accepted is the consumer + database lag. CPU seconds of this process (SDK or raw
 * client) and of the server process are reported per phase, which says where the two cores went.
 *
 * <p>Usage: IngestBench [--points N (per configuration, default 2,000,000)] [--runs 1,8,64]
 * [--modes raw,rawcol,sdk] [--jfr FILE]
 * [--warmup N (points sent before measuring, default 1,000,000)]
 * [--url URL --key KEY (an already running server instead of starting one)] [--jar JAR (default: the app build)]
 * [--baseline-jar JAR (another build, e.g. of the code before a change, measured first in the same session;
 * the ratios current / baseline are printed at the end)]. Run from the repository root.
 */
public final class IngestBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private String url;
    private String key;
    private Process server;
    private Path home;

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        long points = Long.parseLong(opts.getOrDefault("points", "2000000"));
        List<Integer> runCounts = Stream.of(opts.getOrDefault("runs", "1,8,64").split(",")).map(Integer::parseInt).toList();
        List<String> modes = List.of(opts.getOrDefault("modes", "raw,rawcol,sdk").split(","));
        // label -> application jar; the baseline (e.g. a build of the code before a change) runs first, same session
        Map<String, String> servers = new java.util.LinkedHashMap<>();
        if (opts.containsKey("baseline-jar")) {
            servers.put("baseline", opts.get("baseline-jar"));
        }
        servers.put("current", opts.getOrDefault("jar", "app/target/quarkus-app/quarkus-run.jar"));
        Map<String, Double> rates = new java.util.LinkedHashMap<>();
        // all servers run side by side (an idle one costs next to nothing) and each configuration is measured on
        // one, then the next, so that a change of machine load hits them alike
        Map<String, IngestBench> benches = new java.util.LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> server : servers.entrySet()) {
                IngestBench bench = new IngestBench();
                if (opts.containsKey("url")) {
                    bench.url = opts.get("url");
                    bench.key = opts.get("key");
                } else {
                    bench.startServer(server.getKey().equals("current") ? opts.get("jfr") : null, server.getValue());
                }
                benches.put(server.getKey(), bench);
                long warmup = Long.parseLong(opts.getOrDefault("warmup", "1000000"));
                if (warmup > 0) {
                    bench.raw(8, warmup, false); // JIT-compiles the server's paths before anything is measured
                    bench.sdk(8, warmup);
                }
            }
            System.out.printf("%d points per configuration (10 keys per step), %d cores, load %s; servers %s%n", points,
                    Runtime.getRuntime().availableProcessors(), load(), servers);
            System.out.printf("%-9s %-6s %-5s %12s %12s %14s %10s %10s%n", "server", "mode", "runs", "accepted s",
                    "stored s", "points/s", "client cpu", "server cpu");
            long from = System.currentTimeMillis();
            for (int n : runCounts) {
                for (String mode : modes) {
                    for (Map.Entry<String, IngestBench> e : benches.entrySet()) {
                        System.out.printf("%-9s ", e.getKey());
                        Result r;
                        try {
                            r = switch (mode) {
                                case "raw" -> e.getValue().raw(n, points, false);
                                case "rawcol" -> e.getValue().raw(n, points, true);
                                case "sdk" -> e.getValue().sdk(n, points);
                                default -> throw new IllegalArgumentException("mode " + mode + ": raw, rawcol or sdk");
                            };
                        } catch (Unsupported u) {
                            System.out.printf("%-6s %-5d %s%n", mode, n, u.getMessage());
                            continue;
                        }
                        e.getValue().print(mode, n, points, r);
                        rates.put(e.getKey() + " " + mode + " " + n, points / r.storedSeconds());
                    }
                }
            }
            System.out.printf("measured window (for JfrSummary): %d %d; load %s%n", from, System.currentTimeMillis(),
                    load());
        } finally {
            for (IngestBench bench : benches.values()) {
                bench.stopServer();
            }
        }
        if (servers.size() > 1) {
            System.out.println("current / baseline, points/s:");
            for (int n : runCounts) {
                for (String mode : modes) {
                    Double base = rates.get("baseline " + mode + " " + n);
                    Double current = rates.get("current " + mode + " " + n);
                    if (base != null && current != null) {
                        System.out.printf("%-6s %-5d %6.2f%n", mode, n, current / base);
                    }
                }
            }
        }
    }

    private static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    record Result(double acceptedSeconds, double storedSeconds, double clientCpu, double serverCpu) {
    }

    private void print(String mode, int runs, long points, Result r) {
        System.out.printf("%-6s %-5d %12.2f %12.2f %,14.0f %9.1fs %9.1fs%n", mode, runs, r.acceptedSeconds(),
                r.storedSeconds(), points / r.storedSeconds(), r.clientCpu(), r.serverCpu());
    }

    /** A server that does not take the binary body (a build from before it). */
    static final class Unsupported extends Exception {
        Unsupported(String message) {
            super(message);
        }
    }

    /**
     * No SDK: prepared bodies of 10,000 points (JSON, or the binary column format), one client thread per run
     * posting them in order.
     */
    private Result raw(int runs, long points, boolean columns) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            ids.add(createRun("raw-" + runs));
        }
        long perRun = points / runs;
        List<List<byte[]>> bodies = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            bodies.add(bodies(perRun, columns));
        }
        String type = columns ? "application/x-ganboard-columns" : "application/json";
        // asked on a run of its own: a batch stored now would be a duplicate, not counted, in the measured run
        if (columns && post(createRun("raw-probe"), type, bodies.get(0).get(0)).statusCode() == 415) {
            throw new Unsupported("n/a (the server answers 415 to the binary body)");
        }
        return measure(runs, points, r -> () -> {
            for (byte[] body : bodies.get(r)) {
                HttpResponse<String> response = post(ids.get(r), type, body);
                if (response.statusCode() != 202) {
                    throw new IllegalStateException(response.statusCode() + " " + response.body());
                }
            }
            return null;
        });
    }

    /** The SDK: one Run per thread logging 10 keys per call as fast as it can, then finish() (waits for delivery). */
    private Result sdk(int runs, long points) throws Exception {
        Path dir = Files.createTempDirectory("ganboard-ingest-bench");
        Config config = Config.builder().url(url).apiKey(key).dir(dir).finishTimeout(Duration.ofMinutes(10)).build();
        List<Run> all = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            all.add(GanBoard.init(config, new RunSpec().project("bench-sdk-" + runs).variant("NS-GAN").seed(i)));
        }
        long steps = points / runs / 10;
        try {
            return measure(runs, points, r -> () -> {
                Run run = all.get(r);
                String[] keys = new String[10];
                for (int k = 0; k < 10; k++) {
                    keys[k] = "loss/k" + k;
                }
                for (long step = 0; step < steps; step++) {
                    Map<String, Object> values = new HashMap<>(16);
                    for (int k = 0; k < 10; k++) {
                        values.put(keys[k], step * 1e-3 + k);
                    }
                    run.log(step, values);
                }
                if (run.finish().pendingBatches() != 0) {
                    throw new IllegalStateException("not everything was delivered");
                }
                return null;
            });
        } finally {
            delete(dir);
        }
    }

    interface Task {
        Callable<Void> of(int run);
    }

    private Result measure(int runs, long points, Task task) throws Exception {
        double stored0 = storedPoints();
        double cpu0 = clientCpu();
        double server0 = serverCpu();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                futures.add(pool.submit(task.of(r)));
            }
            for (Future<Void> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        double accepted = (System.nanoTime() - t0) / 1e9;
        long expected = points / runs / 10 * 10 * runs;
        while (storedPoints() - stored0 < expected) {
            Thread.sleep(20);
        }
        double stored = (System.nanoTime() - t0) / 1e9;
        return new Result(accepted, stored, clientCpu() - cpu0, serverCpu() - server0);
    }

    private HttpResponse<String> post(long runId, String type, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/runs/" + runId + "/metrics"))
                .header("Authorization", "Bearer " + key).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<byte[]> bodies(long points, boolean columns) {
        List<byte[]> out = new ArrayList<>();
        long steps = points / 10;
        long now = System.currentTimeMillis();
        long seq = 0;
        StringBuilder sb = new StringBuilder();
        for (long step = 0; step < steps; step += 1000) {
            sb.setLength(0);
            sb.append("{\"seq\":").append(seq++).append(",\"points\":[");
            for (long s = step; s < Math.min(steps, step + 1000); s++) {
                for (int k = 0; k < 10; k++) {
                    if (s != step || k != 0) {
                        sb.append(',');
                    }
                    sb.append("{\"key\":\"loss/k").append(k).append("\",\"step\":").append(s).append(",\"value\":")
                            .append(s * 1e-3 + k).append(",\"time\":").append(now).append('}');
                }
            }
            byte[] json = sb.append("]}").toString().getBytes(StandardCharsets.US_ASCII);
            out.add(columns ? MetricColumnsCodec.encode(MetricBatchJson.parse(json, 10_000).columns()) : json);
        }
        return out;
    }

    private long createRun(String project) throws Exception {
        post("/api/v1/projects", "{\"name\":\"" + project + "\"}");
        JsonNode run = Json.mapper().readTree(post("/api/v1/runs",
                "{\"project\":\"" + project + "\",\"variant\":\"raw\",\"seed\":1}"));
        return run.get("id").asLong();
    }

    private String post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private double storedPoints() throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/q/metrics"))
                        .header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("ganboard_metrics_points_stored_total")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    private static double clientCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** utime + stime of the server process from /proc, in seconds (0 when the server was not started here). */
    private double serverCpu() throws IOException {
        if (server == null) {
            return 0;
        }
        String[] f = Files.readString(Path.of("/proc/" + server.pid() + "/stat")).split("\\) ")[1].split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    private void startServer(String jfr, String jarPath) throws Exception {
        Path jar = Path.of(jarPath).toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the app, and run this from the repository root");
        }
        home = Files.createTempDirectory("ganboard-bench-home");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx2g"));
        if (jfr != null) {
            cmd.add("-XX:StartFlightRecording=settings=profile,filename=" + Path.of(jfr).toAbsolutePath());
        }
        cmd.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(home.resolve("server.log").toFile());
        pb.environment().putAll(Map.of("GANBOARD_HOME", home.toString(), "GANBOARD_PORT", Integer.toString(port),
                "GANBOARD_KAFKA_PORT", "0", "GANBOARD_ADMIN_PASSWORD", "bench-password"));
        server = pb.start();
        url = "http://127.0.0.1:" + port;
        Path keyFile = home.resolve("admin-api-key");
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server exited; see " + home.resolve("server.log"));
            }
            if (Files.exists(keyFile) && !Files.readString(keyFile).isBlank()) {
                key = Files.readString(keyFile).trim();
                try {
                    if (HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/me"))
                            .header("Authorization", "Bearer " + key).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the server did not start; see " + home.resolve("server.log"));
    }

    private void stopServer() throws Exception {
        if (server != null) {
            server.destroy(); // SIGTERM: a clean shutdown also closes the flight recording
            server.waitFor();
            delete(home);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
