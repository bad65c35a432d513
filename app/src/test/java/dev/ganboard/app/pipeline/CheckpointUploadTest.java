package dev.ganboard.app.pipeline;

import static dev.ganboard.app.support.TestApi.adminKey;
import static dev.ganboard.app.support.TestApi.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ganboard.app.support.TestApi;
import dev.ganboard.backend.checkpoint.StoredChunk;
import dev.ganboard.metrics.io.NpyDtype;
import dev.ganboard.protocol.checkpoint.Sha256;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The upload API: resumable, checksummed, size-limited, team-scoped; refusals name the problem. */
@QuarkusTest
class CheckpointUploadTest {
    private static final int CHUNK = 1024;

    private String key;
    private long runId;
    private byte[] blob;

    @BeforeEach
    void setUp() {
        key = adminKey();
        String project = TestApi.unique("upload");
        TestApi.createProject(key, project);
        runId = TestApi.createRun(key, project, "NS-GAN", 1);
        blob = Ring8.npy(Ring8.points(160, 1), NpyDtype.FLOAT32); // 1408 bytes: 2 chunks of 1024
    }

    private long storedChunks(long checkpointId) {
        return QuarkusTransaction.requiringNew().call(() -> StoredChunk.count("checkpointId", checkpointId));
    }

    @Test
    void anInterruptedUploadResumesWithTheMissingChunksOnly() {
        JsonPath created = Uploads.create(key, runId, Uploads.request(500, "samples", blob, CHUNK)).then()
                .statusCode(201).body("status", equalTo("uploading")).body("chunk_size", equalTo(CHUNK))
                .body("chunk_count", equalTo(2)).body("missing_chunks", equalTo(List.of(0, 1)))
                .body("metadata.note", equalTo("test upload")).extract().jsonPath();
        long id = created.getLong("id");

        byte[] second = Uploads.chunk(blob, CHUNK, 1);
        Uploads.putChunk(key, runId, id, 1, second, Sha256.of(second)).then().statusCode(200)
                .body("duplicate", equalTo(false)).body("size", equalTo(384));
        JsonPath status = Uploads.checkpoint(key, runId, id);
        assertEquals(List.of(0), status.getList("missing_chunks"));
        assertEquals(1, status.getInt("chunks_received"));

        // the client lost the id: creating the same content again finds the unfinished upload
        Uploads.create(key, runId, Uploads.request(500, "samples", blob, CHUNK)).then().statusCode(200)
                .body("id", equalTo((int) id)).body("missing_chunks", equalTo(List.of(0)));
        Uploads.putChunk(key, runId, id, 1, second, Sha256.of(second)).then().statusCode(200)
                .body("duplicate", equalTo(true));
        Uploads.putChunks(key, runId, id, blob, CHUNK, List.of(1));
        Uploads.finish(key, runId, id).then().statusCode(202).body("missing_chunks", equalTo(List.of()));
        Uploads.finish(key, runId, id).then().statusCode(202);
        assertEquals(2, storedChunks(id));

        JsonPath done = Uploads.settled(key, runId, id);
        assertEquals("evaluated", done.getString("status"));
        assertEquals(1, done.getList("evaluations").size());
    }

    @Test
    void aCorruptChunkIsRefusedNamingTheChunkAndNothingIsStored() {
        long id = Uploads.create(key, runId, Uploads.request(1, "samples", blob, CHUNK)).then().statusCode(201)
                .extract().jsonPath().getLong("id");
        byte[] first = Uploads.chunk(blob, CHUNK, 0);
        byte[] corrupt = first.clone();
        corrupt[100] ^= 0x40;
        Uploads.putChunk(key, runId, id, 0, corrupt, Sha256.of(first)).then().statusCode(400)
                .body("field", equalTo("X-Chunk-SHA256"))
                .body("error", containsString("chunk 0: checksum mismatch: X-Chunk-SHA256 says " + Sha256.of(first)
                        + " but the 1024 bytes received hash to " + Sha256.of(corrupt)));
        Uploads.putChunk(key, runId, id, 0, first, null).then().statusCode(400)
                .body("error", containsString("header X-Chunk-SHA256"));
        Uploads.putChunk(key, runId, id, 0, Uploads.chunk(blob, 1000, 0), Sha256.of(first)).then().statusCode(400)
                .body("error", equalTo("chunk 0: expected 1024 bytes, got 1000 (chunk_size 1024, blob size 1408)"));
        Uploads.putChunk(key, runId, id, 2, first, Sha256.of(first)).then().statusCode(400)
                .body("error", equalTo("chunk 2: out of range, this upload has 2 chunks (0..1)"));
        assertEquals(0, storedChunks(id));
        assertEquals(List.of(0, 1), Uploads.checkpoint(key, runId, id).getList("missing_chunks"));

        Uploads.putChunk(key, runId, id, 0, first, Sha256.of(first)).then().statusCode(200);
        Uploads.putChunk(key, runId, id, 0, corrupt, Sha256.of(corrupt)).then().statusCode(409)
                .body("error", containsString("chunk 0 is already stored with SHA-256 " + Sha256.of(first)));
    }

    @Test
    void finishingATruncatedUploadSaysWhichChunksAreMissing() {
        byte[] big = Ring8.npy(Ring8.points(1000, 2), NpyDtype.FLOAT64); // 16128 bytes: 16 chunks
        long id = Uploads.create(key, runId, Uploads.request(2, "samples", big, CHUNK)).then().statusCode(201)
                .extract().jsonPath().getLong("id");
        Uploads.putChunks(key, runId, id, big, CHUNK, List.of(3, 15));
        Uploads.finish(key, runId, id).then().statusCode(409).body("field", equalTo("chunks"))
                .body("error", equalTo("upload incomplete: 2 of 16 chunks missing: [3, 15]; PUT them, then finish again"));
        assertEquals("uploading", Uploads.checkpoint(key, runId, id).getString("status"));

        Uploads.putChunks(key, runId, id, big, CHUNK, List.of());
        Uploads.finish(key, runId, id).then().statusCode(202);
        byte[] late = Uploads.chunk(big, CHUNK, 0);
        Uploads.putChunk(key, runId, id, 0, late, Sha256.of(late)).then().statusCode(409)
                .body("error", containsString("its upload was finished"));
    }

    @Test
    void uploadsAreValidatedAndSizeLimited() {
        Map<String, Object> tooBig = Uploads.request(1, "samples", blob, null);
        tooBig.put("size", 3L << 30);
        Uploads.create(key, runId, tooBig).then().statusCode(413).body("field", equalTo("size"))
                .body("error", equalTo("size: 3221225472 bytes is more than the checkpoint limit of 2147483648 bytes "
                        + "(2.0 GiB; ganboard.checkpoints.max-size)"));
        Map<String, Object> badKind = Uploads.request(1, "pickle", blob, null);
        Uploads.create(key, runId, badKind).then().statusCode(400).body("field", equalTo("kind"))
                .body("error", equalTo("kind: one of samples, torchscript (got 'pickle')"));
        Map<String, Object> badSha = Uploads.request(1, "samples", blob, null);
        badSha.put("sha256", "abc");
        Uploads.create(key, runId, badSha).then().statusCode(400).body("field", equalTo("sha256"));
        Uploads.create(key, runId, Uploads.request(1, "samples", blob, 100)).then().statusCode(400)
                .body("field", equalTo("chunk_size"));
        Map<String, Object> tinyChunks = Uploads.request(1, "samples", blob, 1024);
        tinyChunks.put("size", 1L << 30);
        Uploads.create(key, runId, tinyChunks).then().statusCode(400)
                .body("error", containsString("more than 65536; use at least 16384 bytes"));
        Uploads.create(key, runId, Uploads.request(1, "samples", blob, null)).then().statusCode(201)
                .body("chunk_size", equalTo(524288)).body("chunk_count", equalTo(1));
    }

    @Test
    void anotherTeamsRunIsNotFound() {
        long id = Uploads.create(key, runId, Uploads.request(1, "samples", blob, CHUNK)).then().statusCode(201)
                .extract().jsonPath().getLong("id");
        String other = TestApi.newTeamKey(TestApi.unique("team"), TestApi.unique("user"), "a-long-password-1");
        Uploads.create(other, runId, Uploads.request(1, "samples", blob, CHUNK)).then().statusCode(404);
        byte[] first = Uploads.chunk(blob, CHUNK, 0);
        Uploads.putChunk(other, runId, id, 0, first, Sha256.of(first)).then().statusCode(404);
        Uploads.finish(other, runId, id).then().statusCode(404);
        as(other).get(Uploads.path(runId)).then().statusCode(404);
        as(other).get(Uploads.path(runId) + "/" + id).then().statusCode(404);
        as(other).get("/api/v1/runs/" + runId + "/evaluations").then().statusCode(404);
        as(key).get(Uploads.path(runId) + "/999999999").then().statusCode(404)
                .body("error", equalTo("checkpoint 999999999 of run " + runId + " not found"));
        assertEquals(0, storedChunks(id));
    }
}
