package dev.ganboard.worker.classifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files computed once and kept: written to a temporary name and moved into place, so a reader never sees half a
 * file and two workers computing the same thing at once both end with a whole one. A file that cannot be read is
 * recomputed.
 */
public final class ArrayCache {
    private static final Logger LOG = LoggerFactory.getLogger(ArrayCache.class);

    private final Path dir;

    public ArrayCache(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The bytes stored under {@code name}, computing and storing them first if absent. */
    public byte[] bytes(String name, Supplier<byte[]> compute) {
        Path file = dir.resolve(name);
        if (Files.isRegularFile(file)) {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                LOG.warn("cache file {} unreadable ({}); computing it again", file, e.toString());
            }
        }
        byte[] value = compute.get();
        store(file, value);
        return value;
    }

    /** Stores {@code value} under {@code name}; a cache that cannot be written is logged, not fatal. */
    public void store(String name, byte[] value) {
        store(dir.resolve(name), value);
    }

    public byte[] readOrNull(String name) {
        Path file = dir.resolve(name);
        try {
            return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void store(Path file, byte[] value) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.write(tmp, value);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.warn("cannot write cache file {}: {}", file, e.toString());
        }
    }

    /** A file-name-safe form of an id plus a short hash of its full text (ids may hold paths). */
    public static String safeName(String id, String fingerprint) {
        String safe = id.replaceAll("[^A-Za-z0-9._-]+", "_");
        if (safe.length() > 40) {
            safe = safe.substring(safe.length() - 40);
        }
        return safe + "-" + String.format(Locale.ROOT, "%08x", fingerprint.hashCode());
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
