package dev.ganboard.worker.pipeline;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets are safe to commit: past every record handled, but never past the first chunk of an upload still
 * being reassembled (that upload's evaluation has not been published yet).
 */
final class OffsetTracker {
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    void handled(TopicPartition partition, long offset) {
        next.merge(partition, offset + 1, Math::max);
    }

    /** Offsets that moved since the last commit. */
    Map<TopicPartition, OffsetAndMetadata> toCommit(Function<TopicPartition, OptionalLong> pinned) {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        next.forEach((tp, n) -> {
            long safe = Math.min(n, pinned.apply(tp).orElse(Long.MAX_VALUE));
            Long last = committed.get(tp);
            if (last == null || safe > last) {
                out.put(tp, new OffsetAndMetadata(safe));
            }
        });
        return out;
    }

    void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, o) -> committed.put(tp, o.offset()));
    }

    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> {
            next.remove(tp);
            committed.remove(tp);
        });
    }
}
