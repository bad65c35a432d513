package dev.ganboard.worker.assembly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;

/**
 * The checkpoints a worker is reassembling, each with the partition and offset of its first chunk: a partition's
 * offsets may only be committed up to the first chunk of a checkpoint still open on it, so that a worker that dies
 * mid-upload leaves every chunk of it to be delivered again. The directory is this worker's alone and is emptied
 * on start: after a restart the uncommitted chunks arrive again from Kafka.
 */
public final class Assemblies implements AutoCloseable {
    private final Path dir;
    private final Map<Long, Open> open = new HashMap<>();

    private static final class Open {
        final ChunkAssembly assembly;
        final TopicPartition partition;
        final long firstOffset;
        long lastTimestamp;

        Open(ChunkAssembly assembly, TopicPartition partition, long firstOffset, long timestamp) {
            this.assembly = assembly;
            this.partition = partition;
            this.firstOffset = firstOffset;
            this.lastTimestamp = timestamp;
        }
    }

    public Assemblies(Path dir) {
        this.dir = dir;
        deleteTree(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the worker directory " + dir, e);
        }
    }

    /** The assembly a chunk at (partition, offset) belongs to, opened on its first chunk. */
    public ChunkAssembly forChunk(long checkpointId, TopicPartition partition, long offset, long timestamp) {
        Open o = open.get(checkpointId);
        if (o == null) {
            o = new Open(new ChunkAssembly(checkpointId, dir.resolve("checkpoint-" + checkpointId + ".blob")),
                    partition, offset, timestamp);
            open.put(checkpointId, o);
        }
        o.lastTimestamp = Math.max(o.lastTimestamp, timestamp);
        return o.assembly;
    }

    /** Removes and returns the checkpoint's assembly (null if none of its chunks arrived); the caller closes it. */
    public ChunkAssembly take(long checkpointId) {
        Open o = open.remove(checkpointId);
        return o == null ? null : o.assembly;
    }

    /** The offset of the earliest first chunk of a checkpoint still open on the partition. */
    public OptionalLong pinnedOffset(TopicPartition partition) {
        return open.values().stream().filter(o -> o.partition.equals(partition))
                .mapToLong(o -> o.firstOffset).min();
    }

    public int size() {
        return open.size();
    }

    /**
     * Drops uploads on the partition whose last chunk is older than {@code idle} by the partition's own clock (the
     * newest record timestamp seen), so an abandoned upload does not pin the partition's offset forever.
     */
    public List<Long> dropIdle(TopicPartition partition, long newestTimestamp, Duration idle) {
        List<Long> dropped = new ArrayList<>();
        for (Iterator<Open> it = open.values().iterator(); it.hasNext(); ) {
            Open o = it.next();
            if (o.partition.equals(partition) && newestTimestamp - o.lastTimestamp > idle.toMillis()) {
                o.assembly.close();
                it.remove();
                dropped.add(o.assembly.checkpointId());
            }
        }
        return dropped;
    }

    /** Forgets the partitions' uploads (their chunks will be delivered again to whoever owns them next). */
    public void drop(Collection<TopicPartition> partitions) {
        for (Iterator<Open> it = open.values().iterator(); it.hasNext(); ) {
            Open o = it.next();
            if (partitions.contains(o.partition)) {
                o.assembly.close();
                it.remove();
            }
        }
    }

    @Override
    public void close() {
        open.values().forEach(o -> o.assembly.close());
        open.clear();
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the worker directory " + root, e);
        }
    }
}
