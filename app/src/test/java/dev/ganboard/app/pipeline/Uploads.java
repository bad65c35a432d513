package dev.ganboard.app.pipeline;

import static dev.ganboard.app.support.TestApi.as;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.ganboard.app.support.TestApi;
import dev.ganboard.protocol.checkpoint.Sha256;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The client side of the chunked upload API, for tests. */
public final class Uploads {
    static final int SMALL_CHUNKS = 4096;

    private Uploads() {
    }

    public static String path(long runId) {
        return "/api/v1/runs/" + runId + "/checkpoints";
    }

    static Map<String, Object> request(long step, String kind, byte[] blob, Integer chunkSize) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("step", step);
        body.put("kind", kind);
        body.put("size", blob.length);
        body.put("sha256", Sha256.of(blob));
        if (chunkSize != null) {
            body.put("chunk_size", chunkSize);
        }
        body.put("metadata", Map.of("note", "test upload"));
        return body;
    }

    static Response create(String key, long runId, Map<String, Object> body) {
        return as(key).body(body).post(path(runId));
    }

    static Response putChunk(String key, long runId, long checkpointId, int index, byte[] data, String sha) {
        var spec = given().header("Authorization", "Bearer " + key).contentType("application/octet-stream");
        if (sha != null) {
            spec = spec.header("X-Chunk-SHA256", sha);
        }
        return spec.body(data).put(path(runId) + "/" + checkpointId + "/chunks/" + index);
    }

    static byte[] chunk(byte[] blob, int chunkSize, int index) {
        return Arrays.copyOfRange(blob, index * chunkSize, Math.min(blob.length, (index + 1) * chunkSize));
    }

    /** Sends every chunk except {@code skip}. */
    static void putChunks(String key, long runId, long checkpointId, byte[] blob, int chunkSize, List<Integer> skip) {
        int count = (blob.length + chunkSize - 1) / chunkSize;
        for (int i = 0; i < count; i++) {
            if (!skip.contains(i)) {
                byte[] data = chunk(blob, chunkSize, i);
                putChunk(key, runId, checkpointId, i, data, Sha256.of(data)).then().statusCode(200);
            }
        }
    }

    static Response finish(String key, long runId, long checkpointId) {
        return as(key).body("{}").post(path(runId) + "/" + checkpointId + "/finish");
    }

    /** Create, send every chunk, finish: the checkpoint's id. */
    public static long upload(String key, long runId, long step, String kind, byte[] blob) {
        return upload(key, runId, request(step, kind, blob, SMALL_CHUNKS), blob);
    }

    static long upload(String key, long runId, Map<String, Object> request, byte[] blob) {
        JsonPath created = create(key, runId, request).then().statusCode(201).extract().jsonPath();
        long id = created.getLong("id");
        putChunks(key, runId, id, blob, created.getInt("chunk_size"), List.of());
        finish(key, runId, id).then().statusCode(202);
        return id;
    }

    public static JsonPath checkpoint(String key, long runId, long checkpointId) {
        return TestApi.json(as(key).get(path(runId) + "/" + checkpointId).then().statusCode(200).extract().asString());
    }

    /** Waits until the checkpoint is evaluated or failed and returns it. */
    public static JsonPath settled(String key, long runId, long checkpointId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            String status = checkpoint(key, runId, checkpointId).getString("status");
            return status.equals("evaluated") || status.equals("failed");
        });
        return checkpoint(key, runId, checkpointId);
    }
}
