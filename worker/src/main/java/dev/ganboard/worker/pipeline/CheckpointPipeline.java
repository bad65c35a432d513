package dev.ganboard.worker.pipeline;

import dev.ganboard.protocol.checkpoint.CheckpointChunk;
import dev.ganboard.protocol.checkpoint.CheckpointReady;
import dev.ganboard.protocol.checkpoint.CheckpointRecord;
import dev.ganboard.protocol.checkpoint.CheckpointRecords;
import dev.ganboard.protocol.checkpoint.EvaluationResult;
import dev.ganboard.protocol.checkpoint.EvaluationStarted;
import dev.ganboard.worker.assembly.Assemblies;
import dev.ganboard.worker.assembly.ChunkAssembly;
import dev.ganboard.worker.DivergedSamples;
import dev.ganboard.worker.EvaluationFailure;
import dev.ganboard.worker.EvaluationInput;
import dev.ganboard.worker.EvaluationReport;
import dev.ganboard.worker.wiring.Evaluators;
import dev.ganboard.worker.Suite;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a worker does with each record of {@code ganboard.checkpoints}: chunks go to their on-disk assembly; a ready
 * record gets its blob verified and evaluated, and the result (ok; diverged when the samples are not finite; or
 * failed with the reason plus a dead letter) published before the record counts as handled. Not thread-safe: one consumer thread drives it.
 */
public final class CheckpointPipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointPipeline.class);

    private final String workerId;
    private final Assemblies assemblies;
    private final Evaluators evaluators;
    private final ResultPublisher publisher;
    private final Duration abandonAfter;
    private final OffsetTracker offsets = new OffsetTracker();
    private final RecentlyCompleted completed = new RecentlyCompleted(10_000);
    private final Map<TopicPartition, Long> newestTimestamp = new HashMap<>();
    /** Set when a record failed half-way: nothing may be committed until the consumer rewound ({@link #forget}). */
    private boolean mustRewind;

    public CheckpointPipeline(String workerId, Path workDir, Evaluators evaluators, ResultPublisher publisher,
                              Duration abandonAfter) {
        this.workerId = workerId;
        this.assemblies = new Assemblies(workDir);
        this.evaluators = evaluators;
        this.publisher = publisher;
        this.abandonAfter = abandonAfter;
    }

    public void handle(ConsumerRecord<String, byte[]> record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        newestTimestamp.merge(tp, record.timestamp(), Math::max);
        try {
            CheckpointRecord parsed = parse(record);
            if (parsed != null && !completed.contains(parsed.checkpointId())) {
                switch (parsed) {
                    case CheckpointChunk chunk -> write(tp, record, chunk);
                    case CheckpointReady ready -> evaluate(record, ready);
                }
            }
        } catch (UncheckedIOException e) {
            mustRewind = true;
            throw new RetryLater(e.getMessage(), e);
        } catch (RetryLater e) {
            mustRewind = true;
            throw e;
        }
        offsets.handled(tp, record.offset());
    }

    private CheckpointRecord parse(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            publisher.deadLetter(record, "empty record on the checkpoint topic");
            return null;
        }
        try {
            return CheckpointRecords.read(record.value());
        } catch (UncheckedIOException e) {
            publisher.deadLetter(record, e.getMessage());
            return null;
        }
    }

    private void write(TopicPartition tp, ConsumerRecord<String, byte[]> record, CheckpointChunk chunk) {
        if (chunk.index() < 0 || chunk.offset() < 0) {
            publisher.deadLetter(record, "chunk " + chunk.index() + " of checkpoint " + chunk.checkpointId()
                    + " has a negative index or offset (" + chunk.offset() + ")");
            return;
        }
        assemblies.forChunk(chunk.checkpointId(), tp, record.offset(), record.timestamp()).write(chunk);
    }

    private void evaluate(ConsumerRecord<String, byte[]> record, CheckpointReady ready) {
        String label = "checkpoint " + ready.checkpointId() + " (step " + ready.step() + ")";
        publisher.started(new EvaluationStarted(ready.checkpointId(), ready.runId(), workerId,
                System.currentTimeMillis()));
        long t0 = System.nanoTime();
        EvaluationResult result;
        try (ChunkAssembly assembly = assemblies.take(ready.checkpointId())) {
            Path blob = verified(assembly, ready);
            LOG.info("{}: {} of run {} verified ({} bytes, {} chunks); evaluating on dataset {}", workerId, label,
                    ready.runId(), ready.sizeBytes(), ready.chunkCount(), ready.dataset());
            EvaluationReport report = evaluators.forKind(ready.kind())
                    .evaluate(new EvaluationInput(blob, label, ready.dataset(), ready.metadata(),
                            new ProgressReporter(workerId, ready.checkpointId(), ready.runId(), label, publisher)));
            result = new EvaluationResult(EvaluationResult.idFor(ready.checkpointId(), Suite.VERSION),
                    ready.checkpointId(), ready.runId(), EvaluationResult.OK, Suite.VERSION, report.extractor(),
                    report.sampleCount(), report.metrics(), millisSince(t0), workerId, null,
                    System.currentTimeMillis(), report.preview());
        } catch (DivergedSamples e) {
            result = diverged(ready, e, t0);
        } catch (EvaluationFailure | IllegalArgumentException | ArithmeticException e) {
            result = failed(ready, e.getMessage(), t0);
        } catch (UncheckedIOException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("{}: evaluating {} failed unexpectedly", workerId, label, e);
            result = failed(ready, "internal error in worker " + workerId + ": " + e, t0);
        }
        publisher.result(result);
        if (EvaluationResult.FAILED.equals(result.status())) {
            String reason = result.error().startsWith(label) ? result.error() : label + ": " + result.error();
            publisher.deadLetter(record, "run " + ready.runId() + ", " + reason);
        } else if (EvaluationResult.DIVERGED.equals(result.status())) {
            LOG.info("{}: {} of run {} evaluated as diverged in {} ms: {}", workerId, label, ready.runId(),
                    result.durationMs(), result.error());
        } else {
            LOG.info("{}: {} evaluated in {} ms: {}", workerId, label, result.durationMs(), headline(result));
        }
        completed.add(ready.checkpointId());
    }

    private static Path verified(ChunkAssembly assembly, CheckpointReady ready) {
        if (assembly == null) {
            int count = ready.layout().chunkCount();
            List<Integer> all = IntStream.range(0, count).boxed().toList();
            throw ChunkAssembly.truncated(count, all);
        }
        return assembly.verify(ready);
    }

    private EvaluationResult failed(CheckpointReady ready, String reason, long t0) {
        return new EvaluationResult(EvaluationResult.idFor(ready.checkpointId(), Suite.VERSION),
                ready.checkpointId(), ready.runId(), EvaluationResult.FAILED, Suite.VERSION, null, null, null,
                millisSince(t0), workerId, reason, System.currentTimeMillis());
    }

    /** A diverged checkpoint is a result (no dead letter): its reason, the verdict and the non-finite counts. */
    private EvaluationResult diverged(CheckpointReady ready, DivergedSamples d, long t0) {
        return new EvaluationResult(EvaluationResult.idFor(ready.checkpointId(), Suite.VERSION),
                ready.checkpointId(), ready.runId(), EvaluationResult.DIVERGED, Suite.VERSION, null, d.samples(),
                d.metrics(), millisSince(t0), workerId, d.getMessage(), System.currentTimeMillis());
    }

    private static String headline(EvaluationResult r) {
        Map<String, Object> m = new LinkedHashMap<>(r.metrics());
        m.remove("details");
        return m.toString();
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Offsets safe to commit now; idle uploads are dropped first so they stop pinning their partition. */
    public Map<TopicPartition, OffsetAndMetadata> offsetsToCommit() {
        if (mustRewind) {
            return Map.of();
        }
        newestTimestamp.forEach((tp, newest) -> {
            for (long id : assemblies.dropIdle(tp, newest, abandonAfter)) {
                LOG.warn("{}: dropped the chunks of checkpoint {}: no chunk and no ready record for longer than {}",
                        workerId, id, abandonAfter);
            }
        });
        return offsets.toCommit(assemblies::pinnedOffset);
    }

    public void committed(Map<TopicPartition, OffsetAndMetadata> committedOffsets) {
        offsets.committed(committedOffsets);
    }

    /** The partitions went to another worker (or back to the start of their commit): forget their state. */
    public void forget(Collection<TopicPartition> partitions) {
        mustRewind = false;
        assemblies.drop(partitions);
        offsets.forget(partitions);
        partitions.forEach(newestTimestamp::remove);
    }

    public int openUploads() {
        return assemblies.size();
    }

    @Override
    public void close() {
        assemblies.close();
    }
}
