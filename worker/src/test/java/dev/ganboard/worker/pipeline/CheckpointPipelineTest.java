package dev.ganboard.worker.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.metrics.io.NpyDtype;
import dev.ganboard.protocol.Json;
import dev.ganboard.protocol.Topics;
import dev.ganboard.protocol.checkpoint.CheckpointChunk;
import dev.ganboard.protocol.checkpoint.CheckpointReady;
import dev.ganboard.protocol.checkpoint.CheckpointRecord;
import dev.ganboard.protocol.checkpoint.ChunkLayout;
import dev.ganboard.protocol.checkpoint.EvaluationResult;
import dev.ganboard.protocol.checkpoint.EvaluationStarted;
import dev.ganboard.protocol.checkpoint.Sha256;
import dev.ganboard.worker.Samples;
import dev.ganboard.worker.WorkerSettings;
import dev.ganboard.worker.wiring.Evaluators;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker's record handling without Kafka: records in, published results and safe offsets out. */
class CheckpointPipelineTest {
    private static final TopicPartition P0 = new TopicPartition(Topics.CHECKPOINTS, 0);
    private static final int CHUNK = 4096;

    @TempDir
    Path dir;

    private final Recorder published = new Recorder();
    private CheckpointPipeline pipeline;
    private long offset;

    static final class Recorder implements ResultPublisher {
        final List<EvaluationStarted> started = new ArrayList<>();
        final List<EvaluationResult> results = new ArrayList<>();
        final List<String> deadLetters = new ArrayList<>();
        boolean down;

        @Override
        public void started(EvaluationStarted s) {
            started.add(s);
        }

        @Override
        public void result(EvaluationResult r) {
            if (down) {
                throw new RetryLater("Kafka is down", null);
            }
            results.add(r);
        }

        @Override
        public void deadLetter(ConsumerRecord<String, byte[]> source, String reason) {
            deadLetters.add(source.key() + ": " + reason);
        }
    }

    @BeforeEach
    void setUp() {
        pipeline = new CheckpointPipeline("test-worker", dir, Evaluators.standard(WorkerSettings.DEFAULT_MAX_SAMPLES),
                published, WorkerSettings.DEFAULT_ABANDON_AFTER);
    }

    @AfterEach
    void tearDown() {
        pipeline.close();
    }

    private ConsumerRecord<String, byte[]> record(long checkpointId, byte[] value) {
        return new ConsumerRecord<>(Topics.CHECKPOINTS, 0, offset++, System.currentTimeMillis(),
                TimestampType.CREATE_TIME, 0, value.length, CheckpointRecord.key(checkpointId), value,
                new RecordHeaders(), Optional.empty());
    }

    private List<ConsumerRecord<String, byte[]>> upload(long id, byte[] blob, String declaredSha, boolean withReady) {
        ChunkLayout layout = new ChunkLayout(blob.length, CHUNK);
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        for (int i = 0; i < layout.chunkCount(); i++) {
            byte[] data = Arrays.copyOfRange(blob, (int) layout.offset(i), (int) layout.offset(i) + layout.length(i));
            out.add(record(id, Json.write(new CheckpointChunk(id, 1, i, layout.offset(i), Sha256.of(data), data))));
        }
        if (withReady) {
            out.add(record(id, Json.write(new CheckpointReady(id, 1, id * 100, "samples", "ring8", Map.of(),
                    blob.length, CHUNK, layout.chunkCount(), declaredSha, 0))));
        }
        return out;
    }

    private void feed(List<ConsumerRecord<String, byte[]>> records) {
        records.forEach(pipeline::handle);
    }

    private static byte[] ring8(int n, int... modes) {
        return Samples.npy(Samples.ring8(n, 1, modes), 2, NpyDtype.FLOAT32);
    }

    private long committable() {
        Map<TopicPartition, OffsetAndMetadata> offsets = pipeline.offsetsToCommit();
        pipeline.committed(offsets);
        return offsets.containsKey(P0) ? offsets.get(P0).offset() : -1;
    }

    @Test
    void goodSamplesAreEvaluatedAndTheOffsetMovesPastTheReadyRecord() {
        byte[] blob = ring8(2000);
        feed(upload(1, blob, Sha256.of(blob), true));
        assertEquals(1, published.started.size());
        EvaluationResult r = published.results.getFirst();
        assertEquals(EvaluationResult.OK, r.status(), r.error());
        assertEquals("checkpoint-1/suite-1", r.evaluationId());
        assertEquals(8, r.metrics().get("modes_covered"));
        assertEquals("identity", r.extractor());
        assertEquals(2000, r.sampleCount());
        assertEquals(offset, committable());
        assertEquals(0, pipeline.openUploads());
    }

    @Test
    void anUnfinishedUploadPinsTheCommitAtItsFirstChunk() {
        byte[] a = ring8(2000);
        byte[] b = ring8(2000, 0, 1);
        List<ConsumerRecord<String, byte[]>> first = upload(1, a, Sha256.of(a), false);
        feed(first);
        long firstChunkOfA = first.getFirst().offset();
        feed(upload(2, b, Sha256.of(b), true));
        assertEquals(1, published.results.size(), "b was evaluated while a is still uploading");
        assertEquals(firstChunkOfA, committable(), "a's chunks must be delivered again if this worker dies");
        feed(List.of(record(1, Json.write(new CheckpointReady(1, 1, 100, "samples", "ring8", Map.of(), a.length,
                CHUNK, new ChunkLayout(a.length, CHUNK).chunkCount(), Sha256.of(a), 0)))));
        assertEquals(2, published.results.size());
        assertEquals(offset, committable());
    }

    @Test
    void aDivergedCheckpointIsAResultWithoutADeadLetterAndTheNextOneIsEvaluated() {
        double[] points = Samples.ring8(100, 1);
        points[35] = Double.NaN;
        byte[] nan = Samples.npy(points, 2, NpyDtype.FLOAT64);
        feed(upload(1, nan, Sha256.of(nan), true));
        byte[] good = ring8(500);
        feed(upload(2, good, Sha256.of(good), true));

        EvaluationResult diverged = published.results.get(0);
        assertEquals(EvaluationResult.DIVERGED, diverged.status());
        assertEquals("checkpoint 1 (step 100): diverged: 1 of 100 samples (1 %) are not finite (1 NaN and 0 infinite "
                + "values), the first is sample 17", diverged.error());
        assertEquals(true, diverged.metrics().get("diverged"));
        assertEquals(true, diverged.metrics().get("collapsed"));
        assertEquals(0.01, diverged.metrics().get("non_finite_fraction"));
        assertEquals(17, diverged.metrics().get("first_non_finite_sample"));
        assertEquals(List.of(), published.deadLetters);
        assertEquals(EvaluationResult.OK, published.results.get(1).status());
    }

    @Test
    void aFailedCheckpointGetsAFailedResultAndADeadLetterAndTheNextOneIsEvaluated() {
        byte[] wrongShape = Samples.npy(new double[300], 3, NpyDtype.FLOAT64);
        feed(upload(1, wrongShape, Sha256.of(wrongShape), true));
        byte[] good = ring8(500);
        feed(upload(2, good, Sha256.of(good), true));

        String reason = "checkpoint 1 (step 100): wrong shape (100, 3): ring8 samples are 2-D points, shape [N, 2]";
        EvaluationResult failed = published.results.get(0);
        assertEquals(EvaluationResult.FAILED, failed.status());
        assertEquals(reason, failed.error());
        assertEquals(List.of("1: run 1, " + reason), published.deadLetters);
        assertEquals(EvaluationResult.OK, published.results.get(1).status());
    }

    @Test
    void checksumAndTruncationFailuresNameTheProblem() {
        byte[] blob = ring8(2000);
        feed(upload(1, blob, Sha256.of(new byte[0]), true));
        assertTrue(published.results.getFirst().error().startsWith("checksum mismatch: the reassembled 16128 bytes"),
                published.results.getFirst().error());

        List<ConsumerRecord<String, byte[]>> records = upload(2, blob, Sha256.of(blob), true);
        records.remove(1);
        feed(records);
        assertEquals("truncated upload: 1 of 4 chunks never arrived: [1]", published.results.get(1).error());

        feed(List.of(record(3, Json.write(new CheckpointReady(3, 1, 300, "samples", "ring8", Map.of(), 10, CHUNK, 1,
                Sha256.of(new byte[10]), 0)))));
        assertEquals("truncated upload: 1 of 1 chunks never arrived: [0]", published.results.get(2).error());
        assertEquals(3, published.deadLetters.size());
    }

    @Test
    void unsupportedKindsAndDatasetsFailWithAReadableReason() {
        byte[] blob = ring8(100);
        ChunkLayout layout = new ChunkLayout(blob.length, CHUNK);
        feed(upload(1, blob, null, false));
        feed(List.of(record(1, Json.write(new CheckpointReady(1, 1, 1, "torchscript", "ring8", Map.of(), blob.length,
                CHUNK, layout.chunkCount(), Sha256.of(blob), 0)))));
        feed(upload(2, blob, null, false));
        feed(List.of(record(2, Json.write(new CheckpointReady(2, 1, 1, "samples", "cifar10", Map.of(),
                blob.length, CHUNK, layout.chunkCount(), Sha256.of(blob), 0)))));
        assertEquals("checkpoint 1 (step 1): metadata 'latent_size' is required for a torchscript checkpoint (the "
                + "length of z, e.g. \"latent_size\": 128)", published.results.get(0).error());
        assertEquals("dataset 'cifar10' is not supported by this worker yet (supported: ring8, grid25, fashion-mnist, "
                + "mnist, npy:/path/images.npy, folder:/path/dir)",
                published.results.get(1).error());
    }

    @Test
    void unreadableRecordsGoToTheDeadLetterTopic() {
        feed(List.of(record(5, "{not json".getBytes(StandardCharsets.UTF_8))));
        assertEquals(1, published.deadLetters.size());
        assertTrue(published.deadLetters.getFirst().contains("not a valid CheckpointRecord record"));
        assertEquals(offset, committable());
    }

    @Test
    void aRedeliveredCheckpointIsNotEvaluatedTwiceByTheSameWorker() {
        byte[] blob = ring8(300);
        List<ConsumerRecord<String, byte[]>> records = upload(1, blob, Sha256.of(blob), true);
        feed(records);
        feed(records);
        assertEquals(1, published.results.size());
    }

    @Test
    void whenTheResultCannotBePublishedNothingCountsAsHandled() {
        byte[] blob = ring8(300);
        published.down = true;
        List<ConsumerRecord<String, byte[]>> records = upload(1, blob, Sha256.of(blob), true);
        records.subList(0, records.size() - 1).forEach(pipeline::handle);
        assertThrows(RetryLater.class, () -> pipeline.handle(records.getLast()));
        assertEquals(-1, committable(), "nothing is committed until the consumer has rewound");
        pipeline.forget(List.of(P0));
        published.down = false;
        feed(records);
        assertEquals(1, published.results.size());
        assertEquals(EvaluationResult.OK, published.results.getFirst().status());
    }
}
