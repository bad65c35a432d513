package dev.ganboard.worker.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checkpoints whose result this worker already published: their redelivered records are skipped instead of being
 * evaluated again. Bounded and in memory; after a restart a redelivery is evaluated again and the backend stores
 * the result once (the evaluation id is the same).
 */
final class RecentlyCompleted {
    private final Map<Long, Boolean> ids;

    RecentlyCompleted(int capacity) {
        this.ids = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    boolean contains(long checkpointId) {
        return ids.containsKey(checkpointId);
    }

    void add(long checkpointId) {
        ids.put(checkpointId, Boolean.TRUE);
    }
}
