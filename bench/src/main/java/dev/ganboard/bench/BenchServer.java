package dev.ganboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A GANBoard application jar started for a benchmark: embedded H2 and Kafka in a temporary home, free ports, its
 * admin key read from the home; REST calls against it, its process CPU time and the bytes its broker keeps for a
 * topic. Stopped (SIGTERM) and its home deleted on close.
 */
final class BenchServer implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    final String label;
    private final Process process;
    private final Path home;
    private final String url;
    private final String key;

    private BenchServer(String label, Process process, Path home, String url, String key) {
        this.label = label;
        this.process = process;
        this.home = home;
        this.url = url;
        this.key = key;
    }

    /** Starts {@code jar} and waits until it answers with its admin key (at most 3 minutes). */
    static BenchServer start(String label, Path jar, List<String> jvmOptions, Map<String, String> env)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(label + ": " + jar + " is missing (build the application first)");
        }
        Path home = Files.createTempDirectory("ganboard-bench-" + label.replaceAll("[^a-z0-9]", "") + "-");
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx2g"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(home.resolve("server.log").toFile());
        pb.environment().putAll(Map.of("GANBOARD_HOME", home.toString(), "GANBOARD_PORT", Integer.toString(port),
                "GANBOARD_KAFKA_PORT", Integer.toString(freePort()), "GANBOARD_ADMIN_PASSWORD", "bench-password"));
        pb.environment().putAll(env);
        Process process = pb.start();
        String url = "http://127.0.0.1:" + port;
        Path keyFile = home.resolve("admin-api-key");
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(label + ": the server exited; see " + home.resolve("server.log"));
            }
            if (Files.exists(keyFile) && !Files.readString(keyFile).isBlank()) {
                String key = Files.readString(keyFile).strip();
                try {
                    if (HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/me"))
                            .header("Authorization", "Bearer " + key).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return new BenchServer(label, process, home, url, key);
                    }
                } catch (IOException notYet) {
                    // still starting
                }
            }
            Thread.sleep(250);
        }
        process.destroyForcibly();
        throw new IllegalStateException(label + ": the server did not start; see " + home.resolve("server.log"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** POST a JSON body; the answer's JSON, or an exception naming the status and body. */
    JsonNode post(String path, Object body) throws IOException, InterruptedException {
        return json(send(HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))));
    }

    JsonNode put(String path, byte[] body, String header, String value) throws IOException, InterruptedException {
        return json(send(HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type",
                "application/octet-stream").header(header, value).PUT(HttpRequest.BodyPublishers.ofByteArray(body))));
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return json(send(HttpRequest.newBuilder(URI.create(url + path)).GET()));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = HTTP.send(request.header("Authorization", "Bearer " + key)
                .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(label + ": " + r.request().method() + " " + r.uri().getPath() + " -> HTTP "
                    + r.statusCode() + ": " + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return r;
    }

    private static JsonNode json(HttpResponse<byte[]> r) throws IOException {
        return r.body().length == 0 ? JSON.nullNode() : JSON.readTree(r.body());
    }

    /** utime + stime of the server process from /proc, in seconds. */
    double cpuSeconds() throws IOException {
        String[] f = Files.readString(Path.of("/proc/" + process.pid() + "/stat")).split("\\) ")[1].split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    /** Bytes of the embedded broker's log segments of every partition of {@code topic}. */
    long topicBytes(String topic) throws IOException {
        Path data = home.resolve("kafka").resolve("data");
        long total = 0;
        try (Stream<Path> dirs = Files.list(data)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith(topic + "-")).toList()) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                        total += Files.size(f);
                    }
                }
            }
        }
        return total;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
