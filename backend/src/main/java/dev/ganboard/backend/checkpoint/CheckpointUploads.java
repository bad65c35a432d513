package dev.ganboard.backend.checkpoint;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.ganboard.backend.api.ApiException;
import dev.ganboard.backend.kafka.KafkaClients;
import dev.ganboard.protocol.Json;
import dev.ganboard.protocol.Topics;
import dev.ganboard.protocol.checkpoint.CheckpointChunk;
import dev.ganboard.protocol.checkpoint.CheckpointReady;
import dev.ganboard.protocol.checkpoint.CheckpointRecord;
import dev.ganboard.protocol.checkpoint.CheckpointRecords;
import dev.ganboard.protocol.checkpoint.ChunkLayout;
import dev.ganboard.protocol.checkpoint.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The upload flow: each verified chunk goes to Kafka (key = checkpoint id) and is recorded only once Kafka has
 * acknowledged it, so "received" always means "durable"; finishing checks completeness and appends the ready
 * record with the blob's SHA-256. Only one chunk is ever held in memory.
 */
@ApplicationScoped
public class CheckpointUploads {
    @Inject
    CheckpointStore store;
    @Inject
    KafkaClients kafka;
    @Inject
    CheckpointConfig config;

    /** A new upload, or the unfinished one of the same content (resume without remembering the id). */
    public Started start(long runId, CheckpointResource.NewUpload body) {
        UploadPlan plan = UploadPlan.of(body, config);
        Checkpoint existing = store.findResumable(runId, plan);
        if (existing != null) {
            return new Started(existing, false);
        }
        return new Started(store.create(runId, plan), true);
    }

    public record Started(Checkpoint checkpoint, boolean created) {
    }

    public record ChunkStored(long checkpointId, int index, int size, String sha256, boolean duplicate) {
    }

    public ChunkStored acceptChunk(long runId, long checkpointId, int index, byte[] body, String declaredSha) {
        Checkpoint c = store.find(runId, checkpointId);
        if (c.status != CheckpointStatus.UPLOADING) {
            throw ApiException.conflict(null, "checkpoint " + checkpointId + " is " + c.status.label()
                    + ": its upload was finished, chunks can no longer change");
        }
        ChunkLayout layout = new ChunkLayout(c.sizeBytes, c.chunkSize);
        if (index < 0 || index >= layout.chunkCount()) {
            throw ApiException.badRequest("index", "chunk " + index + ": out of range, this upload has "
                    + layout.chunkCount() + " chunks (0.." + (layout.chunkCount() - 1) + ")");
        }
        byte[] data = body == null ? new byte[0] : body;
        if (data.length != layout.length(index)) {
            throw ApiException.badRequest("body", "chunk " + index + ": expected " + layout.length(index)
                    + " bytes, got " + data.length + " (chunk_size " + c.chunkSize + ", blob size " + c.sizeBytes + ")");
        }
        String expected = Sha256.normalise(declaredSha);
        if (expected == null) {
            throw ApiException.badRequest("X-Chunk-SHA256", "chunk " + index + ": header X-Chunk-SHA256 with the "
                    + "chunk's SHA-256 (64 hex digits) is required");
        }
        String actual = Sha256.of(data);
        if (!actual.equals(expected)) {
            throw ApiException.badRequest("X-Chunk-SHA256", "chunk " + index + ": checksum mismatch: X-Chunk-SHA256 "
                    + "says " + expected + " but the " + data.length + " bytes received hash to " + actual
                    + "; nothing was stored, send the chunk again");
        }
        StoredChunk stored = store.chunk(checkpointId, index);
        if (stored != null) {
            if (!stored.sha256.equals(actual)) {
                throw ApiException.conflict("index", "chunk " + index + " is already stored with SHA-256 "
                        + stored.sha256 + "; a chunk cannot be replaced with different bytes");
            }
            return new ChunkStored(checkpointId, index, data.length, actual, true);
        }
        kafka.sendAndWait(Topics.CHECKPOINTS, CheckpointRecord.key(checkpointId), CheckpointRecords.write(
                new CheckpointChunk(checkpointId, runId, index, layout.offset(index), actual, data)));
        boolean first = store.recordChunk(checkpointId, index, data.length, actual);
        return new ChunkStored(checkpointId, index, data.length, actual, !first);
    }

    /** Queues the checkpoint for evaluation once every chunk is durable; finishing twice is harmless. */
    public Checkpoint finish(long runId, long checkpointId, String sha256) {
        Checkpoint c = store.find(runId, checkpointId);
        if (sha256 != null && !c.sha256.equals(Sha256.normalise(sha256))) {
            throw ApiException.badRequest("sha256", "sha256: " + sha256 + " differs from the SHA-256 declared when "
                    + "the upload was created (" + c.sha256 + ")");
        }
        if (c.status != CheckpointStatus.UPLOADING) {
            return c;
        }
        List<Integer> missing = store.missingChunks(c);
        if (!missing.isEmpty()) {
            throw ApiException.conflict("chunks", "upload incomplete: " + missing.size() + " of " + c.chunkCount
                    + " chunks missing: " + abbreviated(missing) + "; PUT them, then finish again");
        }
        CheckpointReady ready = new CheckpointReady(c.id, runId, c.step, c.kind, store.datasetOfRun(runId),
                metadata(c.metadataJson), c.sizeBytes, c.chunkSize, c.chunkCount, c.sha256,
                System.currentTimeMillis());
        kafka.sendAndWait(Topics.CHECKPOINTS, CheckpointRecord.key(c.id), CheckpointRecords.write(ready));
        store.markQueued(c.id);
        return store.find(runId, checkpointId);
    }

    static String abbreviated(List<Integer> indices) {
        return indices.size() <= 20 ? indices.toString()
                : indices.subList(0, 20).toString().replace("]", ", … " + (indices.size() - 20) + " more]");
    }

    private static Map<String, Object> metadata(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return Json.mapper().readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("stored checkpoint metadata is not JSON", e);
        }
    }
}
