package dev.ganboard.sdk;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Moves queued points into the WAL: whenever a full batch is queued or the flush interval passed, it encodes them into
 * batches with the next seq numbers, appends them, fsyncs per the policy and hands them to the sender. What a
 * killed process can lose is what waited here in memory: at most one flush interval of points.
 */
final class WalWriter implements Runnable {
    private final String label;
    private final PointQueue queue;
    private final Wal wal;
    private final BatchEncoder encoder;
    private final boolean fsyncEachBatch;
    private final long flushNanos;
    private final LongAdder batchesWritten = new LongAdder();
    private final LongAdder pointsWritten = new LongAdder();
    private final LongAdder pointsLost = new LongAdder();
    private final Object persistedLock = new Object();
    private volatile Sender sender;
    private long nextSeq;
    private long persisted;
    private Thread thread;

    WalWriter(String label, PointQueue queue, Wal wal, BatchEncoder encoder, Config.Fsync fsync, Duration flush) {
        this.label = label;
        this.queue = queue;
        this.wal = wal;
        this.encoder = encoder;
        this.fsyncEachBatch = fsync == Config.Fsync.BATCH;
        this.flushNanos = Math.max(1, flush.toNanos());
        this.nextSeq = wal.lastSeq() + 1;
    }

    void attach(Sender sender) {
        this.sender = sender;
    }

    WalWriter start() {
        thread = new Thread(this, "ganboard-wal-" + label);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    @Override
    public void run() {
        while (true) {
            List<PointQueue.Entry> entries;
            try {
                entries = queue.take(flushNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long mark = queue.drained();
            if (!entries.isEmpty()) {
                write(entries);
            }
            synchronized (persistedLock) {
                persisted = mark;
                persistedLock.notifyAll();
            }
            if (queue.isClosedAndEmpty()) {
                return;
            }
        }
    }

    private void write(List<PointQueue.Entry> entries) {
        List<BatchEncoder.Batch> batches = encoder.encode(entries, () -> nextSeq++);
        Sender s = sender;
        for (BatchEncoder.Batch b : batches) {
            try {
                wal.append(b.seq(), b.points(), b.body());
                batchesWritten.increment();
                pointsWritten.add(b.points());
                if (s != null) {
                    s.offer(b.seq(), b.body());
                }
            } catch (IOException | RuntimeException e) {
                pointsLost.add(b.points());
                Log.warn("%s: cannot write %d points to the WAL in %s: %s (they are lost)", label, b.points(),
                        wal.dir(), e);
            }
        }
        if (fsyncEachBatch) {
            try {
                wal.sync();
            } catch (IOException e) {
                Log.warn("%s: fsync of the WAL failed: %s", label, e);
            }
        }
        if (s != null) {
            s.wake();
        }
    }

    /** Blocks until every point queued before the call is in the WAL (written, and fsynced per the policy). */
    boolean awaitPersisted(long mark, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (persistedLock) {
            while (persisted < mark) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || thread == null || !thread.isAlive()) {
                    return persisted >= mark;
                }
                persistedLock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    void join(Duration timeout) throws InterruptedException {
        if (thread != null) {
            thread.join(Math.max(1, timeout.toMillis()));
        }
    }

    long batchesWritten() {
        return batchesWritten.sum();
    }

    long pointsLost() {
        return pointsLost.sum();
    }
}
