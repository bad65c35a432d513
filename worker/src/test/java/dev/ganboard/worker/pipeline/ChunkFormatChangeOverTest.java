package dev.ganboard.worker.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.metrics.io.NpyDtype;
import dev.ganboard.protocol.Json;
import dev.ganboard.protocol.Topics;
import dev.ganboard.protocol.checkpoint.CheckpointChunk;
import dev.ganboard.protocol.checkpoint.CheckpointReady;
import dev.ganboard.protocol.checkpoint.CheckpointRecord;
import dev.ganboard.protocol.checkpoint.CheckpointRecords;
import dev.ganboard.protocol.checkpoint.ChunkLayout;
import dev.ganboard.protocol.checkpoint.EvaluationResult;
import dev.ganboard.protocol.checkpoint.Sha256;
import dev.ganboard.worker.Samples;
import dev.ganboard.worker.WorkerSettings;
import dev.ganboard.worker.wiring.Evaluators;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chunks travel as binary records; a topic written during the change-over also holds JSON chunks, even within one
 * checkpoint (its first chunks from an old backend, the rest from a new one), and every combination reassembles.
 */
class ChunkFormatChangeOverTest {
    private static final int CHUNK = 4096;

    @TempDir
    Path dir;

    private final CheckpointPipelineTest.Recorder published = new CheckpointPipelineTest.Recorder();
    private CheckpointPipeline pipeline;
    private long offset;

    @BeforeEach
    void setUp() {
        pipeline = new CheckpointPipeline("test-worker", dir, Evaluators.standard(WorkerSettings.DEFAULT_MAX_SAMPLES),
                published, WorkerSettings.DEFAULT_ABANDON_AFTER);
    }

    @AfterEach
    void tearDown() {
        pipeline.close();
    }

    private void send(long checkpointId, byte[] value) {
        pipeline.handle(new ConsumerRecord<>(Topics.CHECKPOINTS, 0, offset++, System.currentTimeMillis(),
                TimestampType.CREATE_TIME, 0, value.length, CheckpointRecord.key(checkpointId), value,
                new RecordHeaders(), Optional.empty()));
    }

    /** Uploads blob as checkpoint id; chunk i is JSON where {@code json} holds, binary elsewhere. */
    private EvaluationResult upload(long id, byte[] blob, IntPredicate json) {
        ChunkLayout layout = new ChunkLayout(blob.length, CHUNK);
        for (int i = 0; i < layout.chunkCount(); i++) {
            byte[] data = Arrays.copyOfRange(blob, (int) layout.offset(i), (int) layout.offset(i) + layout.length(i));
            CheckpointChunk chunk = new CheckpointChunk(id, 1, i, layout.offset(i), Sha256.of(data), data);
            send(id, json.test(i) ? Json.write((CheckpointRecord) chunk) : CheckpointRecords.write(chunk));
        }
        send(id, CheckpointRecords.write(new CheckpointReady(id, 1, id * 100, "samples", "ring8", Map.of(),
                blob.length, CHUNK, layout.chunkCount(), Sha256.of(blob), 0)));
        return published.results.getLast();
    }

    @Test
    void binaryJsonAndMixedUploadsOfTheSameSamplesGiveTheSameEvaluation() {
        byte[] blob = Samples.npy(Samples.ring8(2000, 1), 2, NpyDtype.FLOAT32);
        assertTrue(new ChunkLayout(blob.length, CHUNK).chunkCount() >= 4);
        EvaluationResult binary = upload(1, blob, i -> false);
        EvaluationResult json = upload(2, blob, i -> true);
        EvaluationResult mixed = upload(3, blob, i -> i < 2);
        for (EvaluationResult r : new EvaluationResult[] {binary, json, mixed}) {
            assertEquals(EvaluationResult.OK, r.status(), r.error());
            assertEquals(8, r.metrics().get("modes_covered"));
        }
        assertEquals(binary.metrics().get("fid"), json.metrics().get("fid"));
        assertEquals(binary.metrics().get("fid"), mixed.metrics().get("fid"));
        assertTrue(published.deadLetters.isEmpty(), published.deadLetters.toString());
    }

    @Test
    void aTruncatedBinaryChunkGoesToTheDeadLetterTopic() {
        byte[] data = new byte[100];
        byte[] record = CheckpointRecords.write(new CheckpointChunk(9, 1, 0, 0, Sha256.of(data), data));
        send(9, Arrays.copyOf(record, 50));
        assertEquals(1, published.deadLetters.size());
        assertEquals("9: not a valid binary checkpoint chunk: 50 bytes, shorter than its 64-byte header",
                published.deadLetters.getFirst());
    }
}
