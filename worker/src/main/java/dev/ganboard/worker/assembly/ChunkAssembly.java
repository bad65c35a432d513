package dev.ganboard.worker.assembly;

import dev.ganboard.protocol.checkpoint.CheckpointChunk;
import dev.ganboard.protocol.checkpoint.CheckpointReady;
import dev.ganboard.protocol.checkpoint.ChunkLayout;
import dev.ganboard.protocol.checkpoint.Sha256;
import dev.ganboard.worker.EvaluationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * One checkpoint being reassembled on disk: each chunk is written at its offset (a repeated chunk overwrites
 * itself), so memory holds only the chunk in hand and the list of what arrived. {@link #verify} checks the blob
 * against the ready record before anyone reads it; {@link #close} deletes the file.
 */
public final class ChunkAssembly implements AutoCloseable {
    private final long checkpointId;
    private final Path file;
    private final FileChannel channel;
    /** index → {offset, length} of every chunk written. */
    private final TreeMap<Integer, long[]> received = new TreeMap<>();
    private String corruption;

    ChunkAssembly(long checkpointId, Path file) {
        this.checkpointId = checkpointId;
        this.file = file;
        try {
            Files.createDirectories(file.getParent());
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file + " to reassemble checkpoint " + checkpointId, e);
        }
    }

    public long checkpointId() {
        return checkpointId;
    }

    public Path file() {
        return file;
    }

    public int chunksReceived() {
        return received.size();
    }

    /** Writes a chunk whose bytes match its SHA-256; a mismatching one is remembered and fails {@link #verify}. */
    public void write(CheckpointChunk chunk) {
        byte[] data = chunk.data() == null ? new byte[0] : chunk.data();
        String actual = Sha256.of(data);
        if (!actual.equals(chunk.sha256())) {
            if (corruption == null) {
                corruption = "chunk " + chunk.index() + ": its record declares SHA-256 "
                        + Sha256.abbreviate(chunk.sha256()) + " but its " + data.length + " bytes hash to "
                        + Sha256.abbreviate(actual);
            }
            return;
        }
        ByteBuffer buf = ByteBuffer.wrap(data);
        try {
            while (buf.hasRemaining()) {
                channel.write(buf, chunk.offset() + buf.position());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chunk " + chunk.index() + " of checkpoint " + checkpointId
                    + " to " + file, e);
        }
        received.put(chunk.index(), new long[] {chunk.offset(), data.length});
    }

    /** The reassembled blob if it is complete and matches the ready record; otherwise why not. */
    public Path verify(CheckpointReady ready) {
        if (corruption != null) {
            throw new EvaluationFailure("checksum mismatch: " + corruption);
        }
        ChunkLayout layout = ready.layout();
        int count = layout.chunkCount();
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long[] got = received.get(i);
            if (got == null) {
                missing.add(i);
            } else if (got[0] != layout.offset(i) || got[1] != layout.length(i)) {
                throw new EvaluationFailure("chunk " + i + " covers bytes [" + got[0] + ", " + (got[0] + got[1])
                        + ") but the upload's layout puts it at [" + layout.offset(i) + ", "
                        + (layout.offset(i) + layout.length(i)) + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw truncated(count, missing);
        }
        if (received.lastKey() >= count) {
            throw new EvaluationFailure("chunk " + received.lastKey() + " arrived but the upload has only " + count
                    + " chunks");
        }
        String actual = hashFirst(layout.totalSize());
        if (!actual.equals(ready.sha256())) {
            throw new EvaluationFailure("checksum mismatch: the reassembled " + layout.totalSize()
                    + " bytes hash to " + actual + " but the upload declared SHA-256 " + ready.sha256());
        }
        return file;
    }

    /** The failure of an upload whose {@code missing} chunks (of {@code count}) never arrived. */
    public static EvaluationFailure truncated(int count, List<Integer> missing) {
        String list = missing.size() <= 20 ? missing.toString()
                : missing.subList(0, 20).toString().replace("]", ", … " + (missing.size() - 20) + " more]");
        return new EvaluationFailure("truncated upload: " + missing.size() + " of " + count
                + " chunks never arrived: " + list);
    }

    private String hashFirst(long size) {
        MessageDigest sha = Sha256.digest();
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        long pos = 0;
        try {
            while (pos < size) {
                buf.clear().limit((int) Math.min(buf.capacity(), size - pos));
                int n = channel.read(buf, pos);
                if (n < 0) {
                    throw new EvaluationFailure("truncated upload: the reassembled file ends at byte " + pos
                            + " of " + size);
                }
                sha.update(buf.array(), 0, n);
                pos += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back " + file, e);
        }
        return Sha256.hex(sha);
    }

    @Override
    public void close() {
        try {
            channel.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }
}
