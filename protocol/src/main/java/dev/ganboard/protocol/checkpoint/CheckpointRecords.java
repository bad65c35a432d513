package dev.ganboard.protocol.checkpoint;

import dev.ganboard.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The wire form of {@link CheckpointRecord}s. A chunk is a binary record, a small header and then the raw bytes:
 * <pre>
 * offset size
 *      0    4  "GBC" and the format version (1)
 *      4    8  checkpoint id      (big-endian, like every number here)
 *     12    8  run id
 *     20    4  chunk index
 *     24    8  offset of the chunk in the blob
 *     32   32  SHA-256 of the data
 *     64    n  the data
 * </pre>
 * The ready record, small and read once per checkpoint, is JSON. Chunks that producers wrote as JSON (base64 data,
 * before the binary form) are still read, so a topic that holds both drains without a gap.
 */
public final class CheckpointRecords {
    public static final int CHUNK_HEADER_BYTES = 64;
    private static final byte[] MAGIC = {'G', 'B', 'C'};
    private static final byte VERSION = 1;
    private static final HexFormat HEX = HexFormat.of();

    private CheckpointRecords() {
    }

    /** A chunk as its binary record, anything else as JSON. */
    public static byte[] write(CheckpointRecord record) {
        return record instanceof CheckpointChunk chunk ? chunk(chunk) : Json.write(record);
    }

    /**
     * A binary chunk record or a JSON record (a ready record, or a chunk written before chunks were binary).
     *
     * @throws UncheckedIOException when the bytes are neither, with a message that says why
     */
    public static CheckpointRecord read(byte[] value) {
        if (isBinaryChunk(value)) {
            return chunk(value);
        }
        return Json.read(value, CheckpointRecord.class);
    }

    static byte[] chunk(CheckpointChunk c) {
        byte[] sha = HEX.parseHex(c.sha256());
        if (sha.length != 32) {
            throw new IllegalArgumentException("a chunk's SHA-256 is 64 hex digits, got '" + c.sha256() + "'");
        }
        ByteBuffer b = ByteBuffer.allocate(CHUNK_HEADER_BYTES + c.data().length);
        b.put(MAGIC).put(VERSION).putLong(c.checkpointId()).putLong(c.runId()).putInt(c.index()).putLong(c.offset())
                .put(sha).put(c.data());
        return b.array();
    }

    private static boolean isBinaryChunk(byte[] value) {
        return value.length >= MAGIC.length && value[0] == MAGIC[0] && value[1] == MAGIC[1] && value[2] == MAGIC[2];
    }

    private static CheckpointChunk chunk(byte[] value) {
        if (value.length < CHUNK_HEADER_BYTES) {
            throw unreadable(value.length + " bytes, shorter than its " + CHUNK_HEADER_BYTES + "-byte header");
        }
        ByteBuffer b = ByteBuffer.wrap(value);
        b.position(MAGIC.length);
        byte version = b.get();
        if (version != VERSION) {
            throw unreadable("format version " + version + ", this reader knows version " + VERSION);
        }
        long checkpointId = b.getLong();
        long runId = b.getLong();
        int index = b.getInt();
        long offset = b.getLong();
        byte[] sha = new byte[32];
        b.get(sha);
        return new CheckpointChunk(checkpointId, runId, index, offset, HEX.formatHex(sha),
                Arrays.copyOfRange(value, CHUNK_HEADER_BYTES, value.length));
    }

    private static UncheckedIOException unreadable(String why) {
        String message = "not a valid binary checkpoint chunk: " + why;
        return new UncheckedIOException(message, new IOException(message));
    }
}
