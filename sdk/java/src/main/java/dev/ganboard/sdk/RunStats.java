package dev.ganboard.sdk;

/**
 * Counters of one run. {@code rejectedPoints} are values refused at log() (NaN, ±Inf, non-numeric, bad key, negative
 * step); {@code rejectedBatches} are batches the server refused with 400/413 (dropped, never retried).
 */
public record RunStats(long loggedPoints, long rejectedPoints, long batchesWritten, long batchesDelivered,
                       long rejectedBatches, long pendingBatches, long pendingCheckpoints) {
}
