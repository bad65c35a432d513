package dev.ganboard.protocol.checkpoint;

import java.util.Map;

/**
 * The last record of an upload: every chunk before it on the partition, the blob's size and SHA-256, and what a
 * worker needs to evaluate it without asking the database (kind, the project's dataset, the uploader's metadata).
 */
public record CheckpointReady(long checkpointId, long runId, long step, String kind, String dataset,
                              Map<String, Object> metadata, long sizeBytes, int chunkSize, int chunkCount,
                              String sha256, long finishedAt) implements CheckpointRecord {

    public ChunkLayout layout() {
        return new ChunkLayout(sizeBytes, chunkSize);
    }
}
