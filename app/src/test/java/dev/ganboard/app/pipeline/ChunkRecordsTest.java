package dev.ganboard.app.pipeline;

import static dev.ganboard.app.support.TestApi.adminKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.app.support.TestApi;
import dev.ganboard.backend.kafka.KafkaClients;
import dev.ganboard.metrics.io.NpyDtype;
import dev.ganboard.protocol.Json;
import dev.ganboard.protocol.Topics;
import dev.ganboard.protocol.checkpoint.CheckpointChunk;
import dev.ganboard.protocol.checkpoint.CheckpointReady;
import dev.ganboard.protocol.checkpoint.CheckpointRecord;
import dev.ganboard.protocol.checkpoint.CheckpointRecords;
import dev.ganboard.protocol.checkpoint.ChunkLayout;
import dev.ganboard.protocol.checkpoint.Sha256;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checkpoint chunks on the real topic: binary records of up to ~1 MiB, and JSON chunks of before still evaluated. */
@QuarkusTest
class ChunkRecordsTest {
    @Inject
    KafkaClients kafka;

    private String key;
    private long runId;

    @BeforeEach
    void setUp() {
        key = adminKey();
        String project = TestApi.unique("chunks");
        TestApi.createProject(key, project);
        runId = TestApi.createRun(key, project, "NS-GAN", 1);
    }

    @Test
    void theLargestChunksTravelAsRawBytesBehindASmallHeader() {
        // 1.2 MB, one full chunk and a rest; three columns, so that the worker reassembles and reads the samples
        // and then refuses them at once instead of spending a minute on 50,000 points
        byte[] blob = Ring8.npy(new double[3 * 100_000], 3, NpyDtype.FLOAT32);
        long id = Uploads.upload(key, runId, Uploads.request(10, "samples", blob, ChunkLayout.MAX_CHUNK_SIZE), blob);
        JsonPath c = Uploads.settled(key, runId, id);
        assertEquals("failed", c.getString("status"), c.prettify());
        assertTrue(c.getString("status_detail").contains("wrong shape (50000, 3)"), c.getString("status_detail"));
        assertEquals(2, c.getInt("chunk_count"));

        List<ConsumerRecord<String, byte[]>> records = Topic.readToEnd(kafka, Topics.CHECKPOINTS,
                r -> r.key().equals(CheckpointRecord.key(id)));
        assertEquals(3, records.size(), "two chunks and the ready record");
        assertEquals(CheckpointRecords.CHUNK_HEADER_BYTES + ChunkLayout.MAX_CHUNK_SIZE, records.get(0).value().length);
        assertEquals(CheckpointRecords.CHUNK_HEADER_BYTES + blob.length - ChunkLayout.MAX_CHUNK_SIZE,
                records.get(1).value().length);
        CheckpointChunk first = assertInstanceOf(CheckpointChunk.class, CheckpointRecords.read(records.get(0).value()));
        assertEquals(Sha256.of(Arrays.copyOf(blob, ChunkLayout.MAX_CHUNK_SIZE)), first.sha256());
        assertInstanceOf(CheckpointReady.class, CheckpointRecords.read(records.get(2).value()));
    }

    @Test
    void jsonChunksWrittenBeforeTheChangeAreStillEvaluated() {
        byte[] blob = Ring8.npy(Ring8.points(2000, 6), NpyDtype.FLOAT32);
        int chunkSize = Uploads.SMALL_CHUNKS;
        long id = Uploads.create(key, runId, Uploads.request(20, "samples", blob, chunkSize)).then().statusCode(201)
                .extract().jsonPath().getLong("id");
        // what a backend before binary chunks left on the topic: JSON chunks (base64 data), then the ready record
        ChunkLayout layout = new ChunkLayout(blob.length, chunkSize);
        for (int i = 0; i < layout.chunkCount(); i++) {
            byte[] data = Uploads.chunk(blob, chunkSize, i);
            kafka.sendAndWait(Topics.CHECKPOINTS, CheckpointRecord.key(id), Json.write(
                    (CheckpointRecord) new CheckpointChunk(id, runId, i, layout.offset(i), Sha256.of(data), data)));
        }
        kafka.sendAndWait(Topics.CHECKPOINTS, CheckpointRecord.key(id), Json.write((CheckpointRecord)
                new CheckpointReady(id, runId, 20, "samples", "ring8", Map.of(), blob.length, chunkSize,
                        layout.chunkCount(), Sha256.of(blob), System.currentTimeMillis())));
        JsonPath c = Uploads.settled(key, runId, id);
        assertEquals("evaluated", c.getString("status"), c.prettify());
        assertEquals(8, c.getInt("evaluations[0].metrics.modes_covered"));
        assertTrue(c.getDouble("evaluations[0].metrics.fid") < 0.05, c.prettify());
    }
}
