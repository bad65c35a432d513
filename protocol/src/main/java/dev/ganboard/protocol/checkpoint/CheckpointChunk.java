package dev.ganboard.protocol.checkpoint;

/**
 * Bytes [offset, offset + data.length) of a checkpoint blob with their SHA-256 (lower-case hex). On the topic it is
 * a binary record, a 64-byte header and the raw bytes ({@link CheckpointRecords}), so a chunk of
 * {@link ChunkLayout#MAX_CHUNK_SIZE} bytes makes a record under Kafka's default 1 MiB limit.
 */
public record CheckpointChunk(long checkpointId, long runId, int index, long offset, String sha256, byte[] data)
        implements CheckpointRecord {
}
