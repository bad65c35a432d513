package dev.ganboard.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.ganboard.protocol.Json;
import dev.ganboard.protocol.ingest.MetricColumnsCodec;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The REST calls the SDK makes. Connection failures surface as IOException, refusals as {@link Refused}. */
final class Api {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** A non-2xx answer. */
    static final class Refused extends Exception {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        boolean isAuth() {
            return status == 401 || status == 403;
        }

        boolean isPermanent() {
            return status == 400 || status == 413 || status == 422;
        }
    }

    private final String url;
    private final String apiKey;

    Api(String url, String apiKey) {
        this.url = url;
        this.apiKey = apiKey;
    }

    String url() {
        return url;
    }

    /** Who the key belongs to; throws AuthenticationException on 401/403 so init fails before training starts. */
    Map<String, Object> me() throws IOException {
        if (apiKey == null || apiKey.isBlank()) {
            throw new AuthenticationException("no API key: set GANBOARD_API_KEY (or Config.builder().apiKey(...)) "
                    + "to a key of " + url + ", or use GANBOARD_MODE=offline and sync later");
        }
        try {
            return json(call("GET", "/api/v1/me", null, null));
        } catch (Refused e) {
            throw authOr(e, "GET /api/v1/me");
        }
    }

    GanBoardException authOr(Refused e, String what) {
        if (e.isAuth()) {
            return new AuthenticationException("GANBoard at " + url + " rejected the API key (HTTP " + e.status + ": "
                    + e.getMessage() + "). Check GANBOARD_API_KEY; an admin can issue keys with POST /api/v1/api-keys.");
        }
        return new GanBoardException(what + " at " + url + " failed with HTTP " + e.status + ": " + e.getMessage());
    }

    /** The project's id; a name that does not exist yet is created (as W&B does), ids must exist. */
    long ensureProject(String ref, String dataset) throws IOException, Refused {
        String path = "/api/v1/projects/" + URLEncoder.encode(ref, StandardCharsets.UTF_8).replace("+", "%20");
        try {
            return number(json(call("GET", path, null, null)).get("id"));
        } catch (Refused e) {
            if (e.status != 404 || ref.chars().allMatch(Character::isDigit)) {
                throw e;
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", ref);
        body.put("dataset", dataset);
        body.put("description", "created by the GANBoard SDK");
        try {
            return number(json(call("POST", "/api/v1/projects", Json.mapper().writeValueAsBytes(body), null)).get("id"));
        } catch (Refused e) {
            if (e.status != 409) {
                throw e;
            }
            return number(json(call("GET", path, null, null)).get("id")); // created concurrently by another run
        }
    }

    long createRun(long projectId, Map<String, Object> runInfo) throws IOException, Refused {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("project", Long.toString(projectId));
        body.put("variant", runInfo.get("variant"));
        body.put("seed", runInfo.get("seed"));
        body.put("config", runInfo.get("config"));
        body.put("code_version", runInfo.get("code_version"));
        HttpRequest.Builder b = request("/api/v1/runs", TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body)));
        Object key = runInfo.get("idempotency_key");
        if (key != null) {
            b.header("Idempotency-Key", key.toString()); // a retry after a lost answer gets the same run back
        }
        return number(json(send(b.build())).get("id"));
    }

    void finish(long runId, Status status) throws IOException, Refused {
        byte[] body = Json.mapper().writeValueAsBytes(Map.of("status", status.wire()));
        call("POST", "/api/v1/runs/" + runId + "/finish", body, null);
    }

    static final String COLUMNS = "application/x-ganboard-columns";

    /** A batch body as the WAL holds it: the binary column format, or JSON (written by SDKs before it). */
    void postMetrics(long runId, byte[] body) throws IOException, Refused {
        String type = MetricColumnsCodec.isBinary(body) ? COLUMNS : "application/json";
        send(request("/api/v1/runs/" + runId + "/metrics", TIMEOUT).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /**
     * Chunked, resumable checkpoint upload: create (or resume: the server recognises the same content), PUT the
     * chunks it is missing with their SHA-256, finish. Returns the server's checkpoint id.
     */
    long uploadCheckpoint(long runId, Checkpoints.Entry entry, Path file) throws IOException, Refused {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("step", entry.step());
        body.put("kind", entry.kind());
        body.put("size", entry.size());
        body.put("sha256", entry.sha256());
        body.put("metadata", entry.metadata());
        String base = "/api/v1/runs/" + runId + "/checkpoints";
        Map<String, Object> view = json(call("POST", base, Json.mapper().writeValueAsBytes(body), null));
        long id = number(view.get("id"));
        if (!"uploading".equals(view.get("status"))) {
            return id; // finished earlier (a resumed sync)
        }
        long chunkSize = number(view.get("chunk_size"));
        int chunkCount = (int) number(view.get("chunk_count"));
        List<Integer> missing = new ArrayList<>();
        if (view.get("missing_chunks") instanceof List<?> list) {
            list.forEach(i -> missing.add(((Number) i).intValue()));
        } else {
            for (int i = 0; i < chunkCount; i++) {
                missing.add(i);
            }
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int index : missing) {
                long offset = index * chunkSize;
                ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(chunkSize, entry.size() - offset));
                while (chunk.hasRemaining() && ch.read(chunk, offset + chunk.position()) >= 0) {
                    // read the whole chunk
                }
                byte[] bytes = chunk.array();
                HttpRequest request = request(base + "/" + id + "/chunks/" + index, TIMEOUT)
                        .header("Content-Type", "application/octet-stream")
                        .header("X-Chunk-SHA256", sha256(bytes))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                        .build();
                send(request);
            }
        }
        call("POST", base + "/" + id + "/finish", Json.mapper().writeValueAsBytes(Map.of("sha256", entry.sha256())),
                null);
        return id;
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] call(String method, String path, byte[] body, Duration timeout) throws IOException, Refused {
        HttpRequest.Builder b = request(path, timeout == null ? TIMEOUT : timeout);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        return send(b.build());
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(timeout);
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        return b;
    }

    private static byte[] send(HttpRequest request) throws IOException, Refused {
        HttpResponse<byte[]> response;
        try {
            response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw new Refused(status, errorText(response.body()));
        }
        return response.body();
    }

    private static String errorText(byte[] body) {
        try {
            Object error = Json.mapper().readValue(body, MAP).get("error");
            if (error != null) {
                return error.toString();
            }
        } catch (IOException | RuntimeException ignored) {
            // not our JSON error shape: show the raw text
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static Map<String, Object> json(byte[] body) throws IOException {
        return Json.mapper().readValue(body, MAP);
    }

    private static long number(Object o) throws IOException {
        if (o instanceof Number n) {
            return n.longValue();
        }
        throw new IOException("the server's answer has no numeric id");
    }
}
