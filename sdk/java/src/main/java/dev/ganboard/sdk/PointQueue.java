package dev.ganboard.sdk;

import java.util.ArrayList;
import java.util.List;

/**
 * The hand-off from log() to the WAL writer: log() appends under an uncontended lock and returns; the writer swaps
 * the whole list out. Only when more than {@code capacity} points wait (the disk is slower than the loop) does log()
 * wait: backpressure rather than data loss.
 */
final class PointQueue {
    /** The points of one log() call: they share step and time. */
    record Entry(long step, long time, String[] keys, double[] values, int size) {
    }

    private final Object lock = new Object();
    private final int capacity;
    private final int batchPoints;
    private ArrayList<Entry> entries = new ArrayList<>();
    private int points;
    private long added;
    private long drained;
    private boolean flushRequested;
    private boolean closed;

    PointQueue(int capacity, int batchPoints) {
        this.capacity = capacity;
        this.batchPoints = batchPoints;
    }

    /** False when the queue was closed (the run finished): the entry is not taken. */
    boolean add(Entry entry) {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            while (points >= capacity && !closed) {
                try {
                    lock.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (closed) {
                return false;
            }
            entries.add(entry);
            int before = points;
            points += entry.size();
            added++;
            if (before < batchPoints && points >= batchPoints) {
                lock.notifyAll();
            }
            return true;
        }
    }

    /**
     * Waits until a full batch is queued, a flush is requested, the queue is closed or {@code maxWaitNanos} passed,
     * then takes everything. Returns an empty list only on timeout with nothing queued or when closed and empty.
     */
    List<Entry> take(long maxWaitNanos) throws InterruptedException {
        long deadline = System.nanoTime() + maxWaitNanos;
        synchronized (lock) {
            while (points < batchPoints && !flushRequested && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                lock.wait(Math.max(1, left / 1_000_000), 0);
            }
            flushRequested = false;
            ArrayList<Entry> out = entries;
            entries = new ArrayList<>(Math.max(16, out.size()));
            points = 0;
            drained = added;
            lock.notifyAll();
            return out;
        }
    }

    /** How many entries have ever been added: a flush waits until the writer has persisted up to this mark. */
    long mark() {
        synchronized (lock) {
            return added;
        }
    }

    long drained() {
        synchronized (lock) {
            return drained;
        }
    }

    void requestFlush() {
        synchronized (lock) {
            flushRequested = true;
            lock.notifyAll();
        }
    }

    void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
    }

    boolean isClosedAndEmpty() {
        synchronized (lock) {
            return closed && entries.isEmpty();
        }
    }
}
