package dev.ganboard.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.ganboard.protocol.Json;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The local directory of one run: {@code run.json} (init parameters, so offline runs can be created at sync time),
 * {@code server.json} (the server's run id once created), {@code finish.json} (requested end status and whether it
 * was delivered), the WAL, {@code checkpoints/}, and a {@code lock} held while a process works on the run, so sync
 * leaves a live run alone. The lock is a POSIX record lock, compatible with the Python SDK's fcntl.lockf.
 */
final class RunDir implements Closeable {
    static final String RUN = "run.json";
    static final String SERVER = "server.json";
    static final String FINISH = "finish.json";
    static final String LOCK = "lock";
    static final String CHECKPOINTS = "checkpoints";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Path path;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private RunDir(Path path, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    static RunDir create(Path path, Map<String, Object> runInfo) throws IOException {
        Files.createDirectories(path.resolve(CHECKPOINTS));
        RunDir dir = lock(path);
        if (dir == null) {
            throw new IOException(path + " is in use by another process");
        }
        writeJson(path.resolve(RUN), runInfo);
        return dir;
    }

    /** The run directory locked for this process, or null when another process holds it. */
    static RunDir lock(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            return null;
        }
        return new RunDir(path, ch, lock);
    }

    static boolean isRunDir(Path path) {
        return Files.isRegularFile(path.resolve(RUN));
    }

    Path path() {
        return path;
    }

    Path checkpoints() {
        return path.resolve(CHECKPOINTS);
    }

    Map<String, Object> runInfo() throws IOException {
        return readJson(path.resolve(RUN));
    }

    OptionalLong serverRunId() throws IOException {
        Path server = path.resolve(SERVER);
        if (!Files.exists(server)) {
            return OptionalLong.empty();
        }
        Object id = readJson(server).get("run_id");
        return id instanceof Number n ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
    }

    void recordServerRun(long runId, String url) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", runId);
        m.put("url", url);
        writeJson(path.resolve(SERVER), m);
    }

    void recordFinish(Status status, boolean delivered) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status.wire());
        m.put("delivered", delivered);
        writeJson(path.resolve(FINISH), m);
    }

    /** The end status still to be sent to the server, if any. */
    Status pendingFinish() throws IOException {
        Path finish = path.resolve(FINISH);
        if (!Files.exists(finish)) {
            return null;
        }
        Map<String, Object> m = readJson(finish);
        if (Boolean.TRUE.equals(m.get("delivered"))) {
            return null;
        }
        return Status.valueOf(String.valueOf(m.get("status")).toUpperCase(java.util.Locale.ROOT));
    }

    boolean finishDelivered() throws IOException {
        Path finish = path.resolve(FINISH);
        return Files.exists(finish) && Boolean.TRUE.equals(readJson(finish).get("delivered"));
    }

    static Map<String, Object> readJson(Path file) throws IOException {
        return Json.mapper().readValue(file.toFile(), MAP);
    }

    /** Writes via a temporary file and an atomic rename, so a reader sees the old or the new content, never half. */
    static void writeJson(Path file, Object value) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(value)));
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
