package dev.ganboard.sdk;

import java.util.List;

/** What a sync did, per run directory. */
public record SyncReport(List<Item> runs) {
    /**
     * {@code outcome}: "synced" (everything delivered, status set if the run had finished), "in-use" (a live process
     * holds it), "incomplete" (something is left; see message) or "failed".
     */
    public record Item(String localId, Long runId, long batchesSent, long pointsSent, long batchesRejected,
                       long batchesLeft, long checkpointsLeft, String outcome, String message) {
    }

    public boolean complete() {
        return runs.stream().allMatch(r -> r.outcome().equals("synced") || r.outcome().equals("in-use"));
    }

    public long pointsSent() {
        return runs.stream().mapToLong(Item::pointsSent).sum();
    }
}
