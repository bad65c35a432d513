package dev.ganboard.sdk;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * The write-ahead log of one run: append-only segment files {@code wal-<first seq>.log} of records
 * <pre>  u32 length | u64 seq | u32 points | u32 crc32(seq, points, payload) | payload (the batch's JSON body)</pre>
 * (big-endian), and a cursor file {@code acked} with the highest seq up to which every batch was delivered.
 * A record cut short or with a wrong CRC (the process died mid-write) ends the log: it and anything after it are
 * dropped on open. The Python SDK writes and reads the same format, so either sync can deliver either's runs.
 */
final class Wal implements Closeable {
    static final int HEADER = 20;
    static final long SEGMENT_BYTES = 64L << 20;
    static final String CURSOR = "acked";

    private record Loc(Path segment, long offset, int length, int points) {
    }

    private final Path dir;
    private final boolean fsync;
    private final TreeMap<Long, Loc> pending = new TreeMap<>();
    private final Map<Path, FileChannel> readers = new HashMap<>();
    private final TreeMap<Path, Long> segmentMaxSeq = new TreeMap<>();
    private FileChannel current;
    private Path currentPath;
    private long currentSize;
    private long lastSeq;
    private long acked;
    private long pendingPoints;
    private long cursorWrittenAt;
    private long cursorOnDisk;
    private final ByteBuffer header = ByteBuffer.allocate(HEADER);

    private Wal(Path dir, boolean fsync) {
        this.dir = dir;
        this.fsync = fsync;
    }

    /** Opens (or creates) the WAL in {@code dir}, dropping a torn tail and segments that are fully delivered. */
    static Wal open(Path dir, boolean fsync) throws IOException {
        Files.createDirectories(dir);
        Wal wal = new Wal(dir, fsync);
        wal.acked = readCursor(dir);
        wal.cursorOnDisk = wal.acked;
        wal.lastSeq = wal.acked;
        List<Path> segments = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "wal-*.log")) {
            ds.forEach(segments::add);
        }
        segments.sort(null);
        for (Path segment : segments) {
            wal.scan(segment);
        }
        wal.deleteDeliveredSegments();
        return wal;
    }

    static long readCursor(Path dir) throws IOException {
        Path cursor = dir.resolve(CURSOR);
        if (!Files.exists(cursor)) {
            return -1;
        }
        String text = Files.readString(cursor, StandardCharsets.US_ASCII).trim();
        try {
            return text.isEmpty() ? -1 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            Log.warn("%s: unreadable cursor '%s'; everything in the WAL will be re-sent (the server drops duplicates)",
                    cursor, text);
            return -1;
        }
    }

    private void scan(Path segment) throws IOException {
        FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long size = ch.size();
        long pos = 0;
        long max = -1;
        ByteBuffer head = ByteBuffer.allocate(HEADER);
        while (pos < size) {
            head.clear();
            if (size - pos < HEADER || readFully(ch, head, pos) < HEADER) {
                break;
            }
            head.flip();
            int length = head.getInt();
            long seq = head.getLong();
            int points = head.getInt();
            int crc = head.getInt();
            if (length < 0 || pos + HEADER + length > size) {
                break;
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            readFully(ch, payload, pos + HEADER);
            if (crc(seq, points, payload.array(), length) != crc) {
                break;
            }
            if (seq > acked) {
                pending.put(seq, new Loc(segment, pos, length, points));
                pendingPoints += points;
            }
            max = Math.max(max, seq);
            lastSeq = Math.max(lastSeq, seq);
            pos += HEADER + length;
        }
        if (pos < size) {
            Log.warn("%s: dropped a torn or corrupt tail of %d bytes at offset %d (the process died mid-write)",
                    segment, size - pos, pos);
            ch.truncate(pos);
            ch.force(true);
        }
        readers.put(segment, ch);
        segmentMaxSeq.put(segment, max);
    }

    private static int readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        int total = 0;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    static int crc(long seq, int points, byte[] payload, int length) {
        CRC32 crc = new CRC32();
        ByteBuffer b = ByteBuffer.allocate(12).putLong(seq).putInt(points);
        crc.update(b.array());
        crc.update(payload, 0, length);
        return (int) crc.getValue();
    }

    /** Appends one batch; it is in the OS page cache on return (and on disk if fsync per batch is on after sync()). */
    synchronized void append(long seq, int points, byte[] payload) throws IOException {
        if (seq <= lastSeq) {
            throw new IllegalStateException("seq " + seq + " is not after " + lastSeq);
        }
        if (current == null || currentSize >= SEGMENT_BYTES) {
            roll(seq);
        }
        header.clear();
        header.putInt(payload.length).putLong(seq).putInt(points).putInt(crc(seq, points, payload, payload.length));
        header.flip();
        ByteBuffer body = ByteBuffer.wrap(payload);
        long offset = currentSize;
        ByteBuffer[] both = {header, body};
        try {
            while (body.hasRemaining()) {
                current.write(both);
            }
        } catch (IOException e) {
            // never leave a half record in front of later ones: cut it off, or continue in a new segment
            try {
                current.truncate(offset);
                current.position(offset);
            } catch (IOException again) {
                current = null;
            }
            throw e;
        }
        currentSize += HEADER + payload.length;
        pending.put(seq, new Loc(currentPath, offset, payload.length, points));
        pendingPoints += points;
        segmentMaxSeq.put(currentPath, seq);
        lastSeq = seq;
    }

    private void roll(long firstSeq) throws IOException {
        if (current != null && fsync) {
            current.force(false);
        }
        currentPath = dir.resolve(String.format("wal-%012d.log", firstSeq));
        // a file of that name can only be an empty leftover of a process that died right after creating it
        current = FileChannel.open(currentPath, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        currentSize = 0;
        closeQuietly(readers.put(currentPath, current));
        segmentMaxSeq.put(currentPath, -1L);
        if (fsync) {
            forceDirectory();
        }
    }

    private void forceDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can fsync a directory; the file's own fsync still holds its data
        }
    }

    /** Forces what was appended to the device (the fsync policy decides when the writer calls this). */
    synchronized void sync() throws IOException {
        if (current != null) {
            current.force(false);
        }
    }

    /** The payload of a pending batch, read back from its segment. */
    byte[] read(long seq) throws IOException {
        Loc loc;
        FileChannel ch;
        synchronized (this) {
            loc = pending.get(seq);
            if (loc == null) {
                return null;
            }
            ch = readers.get(loc.segment());
        }
        ByteBuffer buf = ByteBuffer.allocate(loc.length());
        readFully(ch, buf, loc.offset() + HEADER);
        return buf.array();
    }

    synchronized int points(long seq) {
        Loc loc = pending.get(seq);
        return loc == null ? 0 : loc.points();
    }

    /** Marks a batch delivered (or permanently refused); the cursor is just below the oldest batch still pending. */
    synchronized void ack(long seq) {
        Loc loc = pending.remove(seq);
        if (loc != null) {
            pendingPoints -= loc.points();
        }
        acked = pending.isEmpty() ? lastSeq : pending.firstKey() - 1;
        long now = System.nanoTime();
        if (now - cursorWrittenAt > 500_000_000L) {
            writeCursor();
            cursorWrittenAt = now;
            deleteDeliveredSegments();
        }
    }

    private void writeCursor() {
        if (cursorOnDisk == acked) {
            return;
        }
        Path tmp = dir.resolve(CURSOR + ".tmp");
        try {
            Files.writeString(tmp, Long.toString(acked) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, dir.resolve(CURSOR), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(CURSOR), StandardCopyOption.REPLACE_EXISTING);
            }
            cursorOnDisk = acked;
        } catch (IOException e) {
            // a stale cursor only means re-sending batches the server then recognises as duplicates
            Log.debug("cannot write %s: %s", dir.resolve(CURSOR), e);
        }
    }

    private void deleteDeliveredSegments() {
        for (var it = segmentMaxSeq.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            Path segment = e.getKey();
            if (segment.equals(currentPath) || e.getValue() > cursorOnDisk) {
                continue;
            }
            if (e.getValue() < 0 && segmentMaxSeq.higherKey(segment) == null) {
                continue; // an empty newest segment may still be the one that gets appended to
            }
            closeQuietly(readers.remove(segment));
            try {
                Files.deleteIfExists(segment);
            } catch (IOException ex) {
                Log.debug("cannot delete %s: %s", segment, ex);
            }
            it.remove();
        }
    }

    synchronized long acked() {
        return acked;
    }

    synchronized long lastSeq() {
        return lastSeq;
    }

    synchronized List<Long> pendingSeqs() {
        return new ArrayList<>(pending.keySet());
    }

    synchronized Long firstPending() {
        return pending.isEmpty() ? null : pending.firstKey();
    }

    synchronized Long nextPendingAfter(long seq) {
        return pending.higherKey(seq);
    }

    synchronized int pendingBatches() {
        return pending.size();
    }

    synchronized long pendingPoints() {
        return pendingPoints;
    }

    Path dir() {
        return dir;
    }

    @Override
    public synchronized void close() {
        try {
            if (current != null && fsync) {
                current.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writeCursor();
            deleteDeliveredSegments();
            readers.values().forEach(Wal::closeQuietly);
            readers.clear();
            current = null;
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing a read channel cannot lose data
            }
        }
    }
}
