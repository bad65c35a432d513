package dev.ganboard.protocol.checkpoint;

/**
 * Bytes [offset, offset + data.length) of a checkpoint blob with their SHA-256 (lower-case hex). In JSON the data
 * is base64, so a chunk of {@link ChunkLayout#MAX_CHUNK_SIZE} bytes still makes a record under 1 MiB.
 */
public record CheckpointChunk(long checkpointId, long runId, int index, long offset, String sha256, byte[] data)
        implements CheckpointRecord {
}
