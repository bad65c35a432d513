package dev.ganboard.protocol.checkpoint;

/**
 * How a blob of {@code totalSize} bytes is cut into chunks: chunk i covers [i * chunkSize, min((i + 1) * chunkSize,
 * totalSize)). Shared by the upload API, which checks each chunk's length, and the worker, which reassembles.
 */
public record ChunkLayout(long totalSize, int chunkSize) {
    /**
     * Largest chunk: 1 MiB less 4 KiB, so the binary record (64-byte header), its key and Kafka's record and batch
     * envelope, even compressed (lz4 stores incompressible blocks raw, a few bytes each), stay under the 1 MiB that
     * Kafka brokers and producers accept by default.
     */
    public static final int MAX_CHUNK_SIZE = 1024 * 1024 - 4 * 1024;
    /** Largest chunk of the JSON form (base64 data) that producers wrote before chunks were binary. */
    public static final int MAX_JSON_CHUNK_SIZE = 720 * 1024;
    public static final int MIN_CHUNK_SIZE = 1024;

    public ChunkLayout {
        if (totalSize < 1) {
            throw new IllegalArgumentException("total size must be at least 1 byte, got " + totalSize);
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be positive, got " + chunkSize);
        }
    }

    public int chunkCount() {
        return Math.toIntExact((totalSize + chunkSize - 1) / chunkSize);
    }

    public long offset(int index) {
        return (long) index * chunkSize;
    }

    public int length(int index) {
        if (index < 0 || index >= chunkCount()) {
            throw new IndexOutOfBoundsException("chunk " + index + " of " + chunkCount());
        }
        return (int) Math.min(chunkSize, totalSize - offset(index));
    }
}
